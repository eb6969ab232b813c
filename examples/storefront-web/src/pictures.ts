/*
 * Product pictures on the shop's pages: the variants the image worker made, as one responsive
 * <img> (srcset + sizes, so a phone downloads the narrow one), lazily loaded, with its width and
 * height set so the page never shifts as pictures arrive; a placeholder of the same shape when a
 * product has no picture yet.
 */
import type { CatalogImage } from '@store-front/sdk/http';
import { h } from './dom.js';

/** How wide a picture is drawn: a card in the grid, or the product page's main picture. */
export const pictureSizes = {
  card: '(max-width: 30rem) 50vw, 15rem',
  detail: '(max-width: 40rem) 100vw, 36rem',
  thumbnail: '6rem',
} as const;

/**
 * The product's picture, or a placeholder box of the same 4:3 shape.
 *
 * @example
 * ```ts
 * card.append(productPicture(item.product, item.image, pictureSizes.card));
 * ```
 */
export function productPicture(product: string, image: CatalogImage | undefined, sizes: string, eager = false): HTMLElement {
  if (!image) {
    return h('div', { class: 'picture placeholder', role: 'img', 'aria-label': `${product}: no picture yet` });
  }
  return h('img', {
    class: 'picture',
    src: image.url,
    srcset: image.srcset,
    sizes,
    width: image.width,
    height: image.height,
    alt: product,
    loading: eager ? 'eager' : 'lazy',
    decoding: 'async',
  });
}

/** Every picture of a product: the first large, the others as a row of smaller ones. */
export function productGallery(product: string, images: readonly CatalogImage[] | undefined): HTMLElement {
  const [first, ...others] = images ?? [];
  return h(
    'div',
    { class: 'gallery' },
    productPicture(product, first, pictureSizes.detail, true),
    others.length > 0
      ? h('ul', { class: 'thumbnails', 'aria-label': `More pictures of ${product}` }, ...others.map((image, index) => h('li', {}, productPicture(`${product}, picture ${index + 2}`, image, pictureSizes.thumbnail))))
      : null,
  );
}
