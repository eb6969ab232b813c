/*
 * How a stored product image reads in the catalog (shared by the catalog, which shows images, and
 * the images domain, which stores them). Stored variants keep their media key, not a URL, so the
 * media URL (CloudFront, the local stack) may change without touching data.
 */
import type { CatalogImage } from './types.js';

/** A WebP variant as stored: its media bucket key, not a URL, so the media URL may change. */
export interface StoredVariant {
  readonly width: number;
  readonly height: number;
  readonly key: string;
}

// The default source of an <img>: what a card or a phone-width page needs.
const defaultSourceWidth = 640;

/** The shopper's view of a READY image's variants: a default source with its size, and a srcset. */
export function toCatalogImage(variants: readonly StoredVariant[], mediaUrl: string): CatalogImage {
  const narrowestFirst = [...variants].sort((a, b) => a.width - b.width);
  const fitting = narrowestFirst.filter((variant) => variant.width <= defaultSourceWidth);
  const source = fitting.at(-1) ?? narrowestFirst[0]!;
  return {
    url: `${mediaUrl}/${source.key}`,
    width: source.width,
    height: source.height,
    srcset: narrowestFirst.map((variant) => `${mediaUrl}/${variant.key} ${variant.width}w`).join(', '),
  };
}

/** Every READY image of a gallery in display order, as the catalog shows them. */
export function catalogImagesOf(images: ReadonlyArray<{ readonly status: string; readonly variants?: readonly StoredVariant[] }>, mediaUrl: string): CatalogImage[] {
  return images
    .filter((image) => image.status === 'READY' && image.variants && image.variants.length > 0)
    .map((image) => toCatalogImage(image.variants!, mediaUrl));
}

