/**
 * `@store-front/sdk/images`: the image worker, which turns uploaded product images into web
 * variants with sharp. A subpath of its own so that only the worker's bundle carries sharp, an
 * optional peer dependency (install it where the worker runs: `npm install sharp`).
 *
 * @example
 * ```ts
 * import { createStorefront } from '@store-front/sdk';
 * import { ImageWorker, uploadsFromNotification } from '@store-front/sdk/images';
 *
 * const store = createStorefront();
 * const worker = new ImageWorker(store.clients, store.config);
 * for (const upload of uploadsFromNotification(sqsMessageBody)) console.log(await worker.process(upload));
 * ```
 *
 * @module @store-front/sdk/images
 */
export { ImageWorker, uploadsFromNotification, type ImageWorkOutcome, type UploadedObject } from './ImageWorker.js';
