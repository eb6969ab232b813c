/*
 * The admin page's product images: upload a picture straight to storage (a presigned POST, with a
 * progress bar), watch the image worker finish it, reorder the READY pictures and delete any.
 */
import { StorefrontError, type ImageUploadTicket, type ProductImage, type StorefrontApi } from '@store-front/sdk/http';
import { announce, field, h, showMessage } from './dom.js';
import { describeError } from './view.js';

const statusPollMs = 1_000;
const accepted = ['image/jpeg', 'image/png', 'image/webp'];

/** POSTs the ticket's fields and the file to storage, reporting progress from 0 to 1. */
function uploadWithProgress(ticket: ImageUploadTicket, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.upload.fields)) form.append(name, value);
    form.append('file', file);
    // fetch cannot report upload progress; XMLHttpRequest can.
    const request = new XMLHttpRequest();
    request.open('POST', ticket.upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => (request.status < 300 ? resolve() : reject(new Error(`Storage refused the upload (HTTP ${request.status}).`))));
    request.addEventListener('error', () => reject(new Error('The upload did not reach storage. Check your connection and try again.')));
    request.send(form);
  });
}

async function waitUntilProcessed(admin: StorefrontApi, product: string, imageId: string, signal: AbortSignal): Promise<ProductImage | undefined> {
  while (!signal.aborted) {
    const image = await admin.images.get(product, imageId);
    if (image.status !== 'PENDING') return image;
    await new Promise((resolve) => setTimeout(resolve, statusPollMs));
  }
  return undefined;
}

/**
 * Requests an upload, sends the file with a progress bar, then waits for the image worker and says
 * how it went; `show` redraws the product's list.
 */
async function uploadPicture(
  admin: StorefrontApi,
  { product, file, progress, message, signal }: { product: string; file: File | undefined; progress: HTMLProgressElement; message: HTMLElement; signal: AbortSignal },
  show: (product: string) => Promise<void>,
): Promise<void> {
  if (!file || !product) return showMessage(message, 'error', 'Choose a product and a picture first.');
  if (!accepted.includes(file.type)) return showMessage(message, 'error', 'Pictures must be JPEG, PNG or WebP.');
  try {
    const ticket = await admin.images.request(product, { contentType: file.type as never, contentLength: file.size });
    progress.hidden = false;
    await uploadWithProgress(ticket, file, (fraction) => (progress.value = fraction));
    announce('Uploaded; making the web versions…');
    await show(product);
    const done = await waitUntilProcessed(admin, product, ticket.imageId, signal);
    if (done?.status === 'FAILED') showMessage(message, 'error', `The picture was refused: ${done.error ?? 'no reason given'}`);
    else if (done) showMessage(message, 'ok', `The picture of ${product} is ready.`);
    await show(product);
  } catch (error) {
    showMessage(message, 'error', error instanceof StorefrontError ? describeError(error) : (error as Error).message);
  } finally {
    progress.hidden = true;
    progress.value = 0;
  }
}

/** What a row's buttons do. */
interface RowActions {
  move(imageId: string, by: -1 | 1): void;
  remove(imageId: string): void;
}

/** One image of the list: its thumbnail once READY, its status or refusal, and its buttons. */
function imageRow(product: string, image: ProductImage, index: number, ready: readonly string[], actions: RowActions): HTMLLIElement {
  const position = ready.indexOf(image.imageId);
  const thumbnail = image.variants?.[0];
  const status = image.status === 'FAILED' ? `Refused: ${image.error ?? 'no reason given'}` : image.status === 'READY' ? `Picture ${position + 1}` : 'Processing…';
  return h(
    'li',
    { 'data-image-id': image.imageId, 'data-status': image.status },
    thumbnail ? h('img', { class: 'picture', src: thumbnail.url, width: thumbnail.width, height: thumbnail.height, alt: `${product}, picture ${index + 1}` }) : null,
    h('span', { class: image.status === 'FAILED' ? 'failed' : '' }, status),
    position > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => actions.move(image.imageId, -1) }, 'Move earlier') : null,
    position >= 0 && position < ready.length - 1 ? h('button', { type: 'button', class: 'secondary', onclick: () => actions.move(image.imageId, 1) }, 'Move later') : null,
    h('button', { type: 'button', class: 'link', 'aria-label': `Delete picture ${index + 1}`, onclick: () => actions.remove(image.imageId) }, 'Delete'),
  );
}

/** The product images panel of the admin page. */
export function imagesPanel(admin: StorefrontApi, signal: AbortSignal): HTMLElement {
  const product = h('input', { id: 'images-product', required: true, list: 'product-names' });
  const file = h('input', { id: 'image-file', type: 'file', accept: accepted.join(','), required: true });
  const progress = h('progress', { id: 'upload-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const message = h('div', { class: 'message', hidden: true });
  const list = h('ul', { class: 'images', id: 'images-list', 'aria-live': 'polite' });
  let shown = '';

  const draw = (images: ProductImage[]) => {
    const ready = images.filter((image) => image.status === 'READY').map((image) => image.imageId);
    const actions: RowActions = {
      move: (imageId, by) => {
        const order = [...ready];
        const from = order.indexOf(imageId);
        order.splice(from + by, 0, ...order.splice(from, 1));
        admin.images.reorder(shown, order).then(({ items }) => (draw(items), announce('Picture order saved.')), (error: unknown) => showMessage(message, 'error', describeError(error)));
      },
      remove: (imageId) =>
        void admin.images.remove(shown, imageId).then(() => (announce('Picture deleted.'), load()), (error: unknown) => showMessage(message, 'error', describeError(error))),
    };
    list.replaceChildren(
      ...(images.length === 0 ? [h('li', { class: 'empty' }, `${shown} has no pictures yet.`)] : []),
      ...images.map((image, index) => imageRow(shown, image, index, ready, actions)),
    );
  };
  const load = async () => {
    shown = product.value;
    try {
      draw((await admin.images.list(shown)).items);
    } catch (error) {
      showMessage(message, 'error', describeError(error));
    }
  };

  const form = h(
    'form',
    { class: 'panel wide', id: 'images-panel', 'aria-labelledby': 'images-title' },
    h('h2', { id: 'images-title' }, 'Product pictures'),
    message,
    h('div', { class: 'inline' }, field('Pictures of product', product), h('button', { type: 'button', class: 'secondary', onclick: () => void load() }, 'Show pictures')),
    h('div', { class: 'inline' }, field('Picture', file, 'JPEG, PNG or WebP, up to 5 MB'), h('button', { type: 'submit' }, 'Add picture')),
    progress,
    list,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void uploadPicture(admin, { product: product.value, file: file.files?.[0], progress, message, signal }, (name) => {
      product.value = name;
      return load();
    });
  });
  return form;
}
