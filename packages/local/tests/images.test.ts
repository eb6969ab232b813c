import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorefrontClient, NotFoundError, type StorefrontApi } from '@store-front/sdk/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps, postUpload } from '../../sdk/tests/imagesSupport.js';
import type { LocalStack } from '../src/startLocalStack.js';
import { localBackgroundServices } from '../src/backgroundServices.js';
import { item, startTestStack, testAdmin, waitFor } from './localStackSupport.js';

// Product images through the local stack as a browser and `npm start` run them: presigned POST to the
// emulator, its S3 notification on the queue, the image worker, the variants served under /media.
describe('product images on the local stack', () => {
  let stack: LocalStack;
  let admin: StorefrontApi;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'storefront-images-'));
    stack = await startTestStack({ backgroundServices: localBackgroundServices, persist: true, dataDir });
    admin = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    await admin.inventory.put([item('Teapot', 5), item('Cup', 0)]);
  });
  afterAll(() => stack?.stop());

  const readyImage = (product: string, imageId: string) =>
    waitFor(async () => {
      const image = await admin.images.get(product, imageId);
      return image.status === 'PENDING' ? undefined : image;
    });

  it('uploads through the presigned POST; the worker makes the variants, served under /media with long caching', async () => {
    const photo = await jpegWithGps(1400, 1050);
    const ticket = await admin.images.request('Teapot', { contentType: 'image/jpeg', contentLength: photo.length });
    expect((await postUpload(ticket, photo, 'image/jpeg')).status).toBe(204);
    const image = await readyImage('Teapot', ticket.imageId);
    expect(image.status).toBe('READY');
    expect(image.variants!.map((variant) => variant.width)).toEqual([320, 640, 1280]);
    for (const variant of image.variants!) {
      expect(variant.url.startsWith(`${stack.url}/media/images/${ticket.imageId}/`)).toBe(true);
      const response = await fetch(variant.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const shop = createStorefrontClient({ baseUrl: stack.url });
    const listed = (await shop.catalog.list()).items.find((entry) => entry.product === 'Teapot')!;
    expect(listed.image).toMatchObject({ url: image.variants![1]!.url, width: 640, height: 480 });
    expect((await shop.catalog.get('Teapot')).images).toHaveLength(1);
  });

  it('keeps the images across a restart (media under the data directory)', async () => {
    const before = await admin.catalog.get('Teapot');
    await stack.stop();
    // A new prefix stands for a fresh emulator: its buckets are empty until the stack restores them.
    stack = await startTestStack({ backgroundServices: localBackgroundServices, persist: true, dataDir });
    admin = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    const after = await admin.catalog.get('Teapot');
    expect(after.image!.srcset).toBe(before.image!.srcset.replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, stack.url));
    expect((await fetch(after.image!.url)).status).toBe(200);
  });

  it('lists, reorders and deletes over HTTP; a deleted image is gone from /media', async () => {
    const tiny = await jpegWithGps(700, 350);
    const ticket = await admin.images.request('Teapot', { contentType: 'image/jpeg', contentLength: tiny.length });
    await postUpload(ticket, tiny, 'image/jpeg');
    expect((await readyImage('Teapot', ticket.imageId)).variants!.map((variant) => variant.width)).toEqual([320, 640]);
    const ids = (await admin.images.list('Teapot')).items.map((image) => image.imageId);
    const reversed = [...ids].reverse();
    expect((await admin.images.reorder('Teapot', reversed)).items.map((image) => image.imageId)).toEqual(reversed);
    const first = (await admin.catalog.get('Teapot')).image!;
    expect(first.url).toContain(ticket.imageId);

    await admin.images.remove('Teapot', ticket.imageId);
    expect((await fetch(first.url)).status).toBe(404);
    await expect(admin.images.get('Teapot', ticket.imageId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.images.request('Cup', { contentType: 'image/gif' as never, contentLength: 1 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
