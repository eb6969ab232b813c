/*
 * A product's gallery as stored: one item per product in the product-images table, its images in
 * display order. Pure functions here; reading and writing it is `GalleryTable`.
 */
import type { ImageStatus, ProductImage } from '../types.js';
import type { StoredVariant } from '../catalogImages.js';

export type { StoredVariant } from '../catalogImages.js';
import { imageLimits, imageUploadsBucket } from '../resources.js';

/** One image of a gallery. */
export interface StoredImage {
  readonly imageId: string;
  readonly status: ImageStatus;
  readonly createdAt: string;
  /** Epoch seconds after which a PENDING upload is abandoned (no longer counted or listed). */
  readonly expiresAt?: number;
  readonly error?: string;
  readonly variants?: readonly StoredVariant[];
}

/** The stored gallery item. */
export interface Gallery {
  readonly product: string;
  /** Incremented by every write: writes are conditional on the version they read. */
  readonly version: number;
  readonly images: readonly StoredImage[];
  /** The variants of the first READY image, copied so listings read one small attribute. */
  readonly cover?: readonly StoredVariant[];
}

/** Images that still exist at `now` (ms): PENDING uploads past their window are gone. */
export function liveImages(images: readonly StoredImage[], now: number): StoredImage[] {
  return images.filter((image) => image.status !== 'PENDING' || (image.expiresAt ?? 0) * 1000 > now);
}

/** Images that count toward the limit of 8: READY ones and uploads still expected. */
export function countedImages(images: readonly StoredImage[], now: number): number {
  return liveImages(images, now).filter((image) => image.status !== 'FAILED').length;
}

/**
 * The gallery after a change: expired uploads dropped, refused ones kept only as the newest few
 * (they hold no files and only explain a failure), the cover recomputed.
 */
export function settle(product: string, version: number, images: readonly StoredImage[], now: number): Gallery {
  const live = liveImages(images, now);
  const failed = live.filter((image) => image.status === 'FAILED');
  const stale = new Set(failed.slice(0, Math.max(0, failed.length - imageLimits.maxImagesPerProduct)));
  const kept = live.filter((image) => !stale.has(image));
  const cover = kept.find((image) => image.status === 'READY')?.variants;
  return { product, version, images: kept, ...(cover ? { cover } : {}) };
}

/** The admin's view of an image. */
export function toProductImage(image: StoredImage, mediaUrl: string): ProductImage {
  return {
    imageId: image.imageId,
    status: image.status,
    ...(image.error === undefined ? {} : { error: image.error }),
    ...(image.variants
      ? { variants: image.variants.map(({ width, height, key }) => ({ width, height, url: `${mediaUrl}/${key}` })) }
      : {}),
  };
}

/** Upload keys: `uploads/<imageId>/<product>` — the worker finds the gallery from the key alone. */
export const uploadKey = {
  of: (imageId: string, product: string) => `${imageUploadsBucket.keyPrefix}${imageId}/${product}`,
  parse(key: string): { imageId: string; product: string } | undefined {
    if (!key.startsWith(imageUploadsBucket.keyPrefix)) return undefined;
    const rest = key.slice(imageUploadsBucket.keyPrefix.length);
    const slash = rest.indexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return undefined;
    return { imageId: rest.slice(0, slash), product: rest.slice(slash + 1) };
  },
};

/** Media keys: `images/<imageId>/<width>.webp`, never reused, so cached for a year. */
export const mediaKey = (imageId: string, width: number) => `${imageUploadsBucket.mediaKeyPrefix}${imageId}/${width}.webp`;
