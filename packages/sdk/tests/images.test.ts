import { CloudFrontClient, CreateDistributionCommand, GetInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NotFound } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImageWorker, uploadsFromNotification } from '../src/images/index.js';
import { NotFoundError, ValidationError, type ImageUploadTicket } from '../src/index.js';
import { imageLimits } from '../src/entries/resources.js';
import { jpegWithGps, pixelBombPng, postUpload, receiveNotifications } from './imagesSupport.js';
import { createStorefront } from '../src/index.js';
import { clientOptions } from '../src/clients.js';
import { createTestStore, product } from './support.js';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
let t: TestStore;
let worker: ImageWorker;
let photo: Buffer;

beforeAll(async () => {
  t = await createTestStore();
  worker = new ImageWorker(t.clients, t.config);
  photo = await jpegWithGps(1600, 1200);
  await t.store.inventory.put(['Mug', 'Lamp', 'Vase', 'Rug', 'Full'].map((name) => product(name, 5)));
});
afterEach(() => vi.restoreAllMocks());

const uploadOf = (ticket: ImageUploadTicket) => ({ bucket: t.config.buckets.uploads, key: ticket.upload.fields.key! });

/** Requests an upload, sends `bytes` through the presigned POST and runs the worker on it. */
async function uploaded(name: string, bytes: Buffer, contentType = 'image/jpeg' as const, declared = bytes.length) {
  const ticket = await t.store.images.request(name, { contentType, contentLength: declared });
  expect((await postUpload(ticket, bytes, contentType)).status).toBe(204);
  return { ticket, outcome: await worker.process(uploadOf(ticket)) };
}

async function mediaKeysOf(imageId: string): Promise<string[]> {
  const { Contents = [] } = await t.clients.s3.send(new ListObjectsV2Command({ Bucket: t.config.buckets.media, Prefix: `images/${imageId}/` }));
  return Contents.map((object) => object.Key!);
}

async function uploadExists(ticket: ImageUploadTicket): Promise<boolean> {
  return t.clients.s3.send(new HeadObjectCommand({ Bucket: t.config.buckets.uploads, Key: ticket.upload.fields.key! })).then(
    () => true,
    (error: unknown) => (error instanceof NotFound ? false : Promise.reject(error)),
  );
}

describe('images.request', () => {
  it('answers a presigned POST with type and size conditions, valid 10 minutes, and records a PENDING image', async () => {
    const ticket = await t.store.images.request('Mug', { contentType: 'image/png', contentLength: 1234 });
    expect(ticket.status).toBe('PENDING');
    const policy = JSON.parse(Buffer.from(ticket.upload.fields.Policy!, 'base64').toString()) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(expect.arrayContaining([['eq', '$Content-Type', 'image/png'], ['content-length-range', 1234, 1234]]));
    expect(Date.parse(policy.expiration) - Date.now()).toBeGreaterThan(590_000);
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(600_000);
    expect(ticket.upload.fields['Content-Type']).toBe('image/png');
    expect(await t.store.images.get('Mug', ticket.imageId)).toEqual({ imageId: ticket.imageId, status: 'PENDING' });
    await t.store.images.remove('Mug', ticket.imageId);
  });

  it.each([
    ['a GIF', { contentType: 'image/gif', contentLength: 10 }, 'contentType'],
    ['an empty file', { contentType: 'image/png', contentLength: 0 }, 'contentLength'],
    ['more than 5 MiB', { contentType: 'image/png', contentLength: imageLimits.maxBytes + 1 }, 'contentLength'],
    ['an unknown field', { contentType: 'image/png', contentLength: 10, name: 'x' }, 'name'],
  ])('refuses %s, naming the field', async (_, body, path) => {
    const error = await t.store.images.request('Mug', body as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('is 404 for an unknown product', async () => {
    const error = await t.store.images.request('Ghost', { contentType: 'image/png', contentLength: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).details).toEqual([{ resource: 'product', id: 'Ghost' }]);
  });

  it('holds at most 8 images a product; an upload never sent stops counting after 10 minutes', async () => {
    for (let n = 0; n < imageLimits.maxImagesPerProduct; n++) await t.store.images.request('Full', { contentType: 'image/png', contentLength: 10 });
    const ninth = await t.store.images.request('Full', { contentType: 'image/png', contentLength: 10 }).catch((caught: unknown) => caught);
    expect(ninth).toBeInstanceOf(ValidationError);
    expect((await t.store.images.list('Full')).items).toHaveLength(8);

    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + (imageLimits.uploadSeconds + 1) * 1000);
    expect((await t.store.images.list('Full')).items).toEqual([]);
    await t.store.images.request('Full', { contentType: 'image/png', contentLength: 10 });
    expect((await t.store.images.list('Full')).items).toHaveLength(1);
  });
});

describe('the image worker', () => {
  it('turns an upload announced on the queue into three WebP variants without metadata, and deletes the original', async () => {
    const ticket = await t.store.images.request('Lamp', { contentType: 'image/jpeg', contentLength: photo.length });
    expect((await postUpload(ticket, photo, 'image/jpeg')).status).toBe(204);
    const [notification] = await receiveNotifications(t.clients.sqs, t.provisioned.queueUrls.imageUploads!, 1);
    const uploads = uploadsFromNotification(notification!);
    expect(uploads).toEqual([uploadOf(ticket)]);
    expect(await worker.process(uploads[0]!)).toMatchObject({ outcome: 'ready', imageId: ticket.imageId, product: 'Lamp', widths: [320, 640, 1280] });

    const image = await t.store.images.get('Lamp', ticket.imageId);
    expect(image.status).toBe('READY');
    expect(image.variants!.map(({ width, height }) => [width, height])).toEqual([[320, 240], [640, 480], [1280, 960]]);
    for (const variant of image.variants!) {
      expect(variant.url).toBe(`${t.config.mediaUrl}/images/${ticket.imageId}/${variant.width}.webp`);
      const object = await t.clients.s3.send(new GetObjectCommand({ Bucket: t.config.buckets.media, Key: `images/${ticket.imageId}/${variant.width}.webp` }));
      expect(object.ContentType).toBe('image/webp');
      expect(object.CacheControl).toBe('public, max-age=31536000, immutable');
      const metadata = await sharp(Buffer.from(await object.Body!.transformToByteArray())).metadata();
      expect({ format: metadata.format, width: metadata.width, exif: metadata.exif, xmp: metadata.xmp, icc: metadata.icc }).toEqual({ format: 'webp', width: variant.width, exif: undefined, xmp: undefined, icc: undefined });
    }
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(await uploadExists(ticket)).toBe(false);

    const item = await t.store.catalog.get('Lamp');
    const base = `${t.config.mediaUrl}/images/${ticket.imageId}`;
    expect(item.image).toEqual({ url: `${base}/640.webp`, width: 640, height: 480, srcset: `${base}/320.webp 320w, ${base}/640.webp 640w, ${base}/1280.webp 1280w` });
    expect(item.images).toEqual([item.image]);
    const listed = (await t.store.catalog.list({ limit: 100 })).items;
    expect(listed.find((entry) => entry.product === 'Lamp')!.image).toEqual(item.image);
    expect(listed.find((entry) => entry.product === 'Mug')!.image).toBeUndefined();
  });

  it('makes fewer variants of a smaller original, never wider than it', async () => {
    const small = await sharp({ create: { width: 500, height: 250, channels: 3, background: '#c33' } }).png().toBuffer();
    const tiny = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#3c3' } }).webp().toBuffer();
    expect((await uploaded('Vase', small, 'image/png' as never)).outcome.widths).toEqual([320]);
    expect((await uploaded('Vase', tiny, 'image/webp' as never)).outcome.widths).toEqual([200]);
  });

  it.each([
    ['a text file declared as PNG', () => Buffer.from('just some text, not a picture\n'.repeat(40)), 'not a JPEG, PNG or WebP image'],
    ['a pixel bomb (48 megapixels in a few KB)', () => pixelBombPng(8000, 6000), 'at most 40 megapixels'],
    ['a GIF declared as PNG', () => sharp({ create: { width: 40, height: 40, channels: 3, background: '#333' } }).gif().toBuffer(), 'only JPEG, PNG and WebP'],
  ])('refuses %s: FAILED with a reason, nothing kept', async (_, make, reason) => {
    const { ticket, outcome } = await uploaded('Rug', await make(), 'image/png' as never);
    expect(outcome.outcome).toBe('failed');
    const image = await t.store.images.get('Rug', ticket.imageId);
    expect(image.status).toBe('FAILED');
    expect(image.error).toContain(reason);
    expect(await mediaKeysOf(ticket.imageId)).toEqual([]);
    expect(await uploadExists(ticket)).toBe(false);
  });

  it('refuses a file larger than 5 MiB even when the emulator let the POST through', async () => {
    const oversized = Buffer.concat([photo, Buffer.alloc(imageLimits.maxBytes + 1 - photo.length)]);
    const { ticket, outcome } = await uploaded('Rug', oversized, 'image/jpeg', photo.length);
    expect(outcome).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('5 MiB') });
    expect((await t.store.images.get('Rug', ticket.imageId)).status).toBe('FAILED');
    expect(await mediaKeysOf(ticket.imageId)).toEqual([]);
    expect(await uploadExists(ticket)).toBe(false);
  });

  it('makes one image from duplicate notifications, one after the other or at once', async () => {
    const { ticket } = await uploaded('Mug', photo);
    expect(await worker.process(uploadOf(ticket))).toMatchObject({ outcome: 'duplicate' });

    const second = await t.store.images.request('Mug', { contentType: 'image/jpeg', contentLength: photo.length });
    await postUpload(second, photo, 'image/jpeg');
    const outcomes = await Promise.all([1, 2, 3].map(() => worker.process(uploadOf(second))));
    expect(outcomes.filter((outcome) => outcome.outcome === 'ready')).toHaveLength(1);
    const { items } = await t.store.images.list('Mug');
    expect(items.map((image) => [image.imageId, image.status])).toEqual([[ticket.imageId, 'READY'], [second.imageId, 'READY']]);
    expect(await mediaKeysOf(second.imageId)).toHaveLength(3);
  });
});

describe('images.reorder and images.remove', () => {
  it('reorders the READY images; the catalog shows the new first one', async () => {
    const { items } = await t.store.images.list('Mug');
    const reversed = items.map((image) => image.imageId).reverse();
    expect((await t.store.images.reorder('Mug', reversed)).items.map((image) => image.imageId)).toEqual(reversed);
    expect((await t.store.catalog.get('Mug')).image!.url).toContain(reversed[0]);
    for (const order of [reversed.slice(1), [...reversed, reversed[0]!], [reversed[0]!, '00000000-0000-4000-8000-000000000000']]) {
      await expect(t.store.images.reorder('Mug', order)).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('removes an image and its files; a second removal is 404', async () => {
    const [first, second] = (await t.store.images.list('Mug')).items;
    await t.store.images.remove('Mug', first!.imageId);
    expect(await mediaKeysOf(first!.imageId)).toEqual([]);
    expect((await t.store.images.list('Mug')).items.map((image) => image.imageId)).toEqual([second!.imageId]);
    const again = await t.store.images.remove('Mug', first!.imageId).catch((caught: unknown) => caught);
    expect(again).toBeInstanceOf(NotFoundError);
    expect((again as NotFoundError).details).toEqual([{ resource: 'image', id: first!.imageId }]);
    await t.store.images.remove('Mug', second!.imageId);
    expect((await t.store.catalog.get('Mug')).image).toBeUndefined();
  });
});

describe('images.remove with a CDN', () => {
  it("asks CloudFront (the emulator's) to forget the deleted image's paths, once per image", async () => {
    const cloudFront = new CloudFrontClient(clientOptions(t.config));
    const { Distribution } = await cloudFront.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `test-${Date.now()}`,
          Comment: 'media',
          Enabled: true,
          Origins: { Quantity: 1, Items: [{ Id: 'media', DomainName: 'media.example.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } }] },
          DefaultCacheBehavior: { TargetOriginId: 'media', ViewerProtocolPolicy: 'https-only', CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
        },
      }),
    );
    const withCdn = createStorefront({ ...t.settings, clients: t.clients, mediaDistributionId: Distribution!.Id! });
    const { ticket } = await uploaded('Vase', photo);
    const variants = (await withCdn.images.get('Vase', ticket.imageId)).variants!;
    await withCdn.images.remove('Vase', ticket.imageId);

    const { InvalidationList } = await cloudFront.send(new ListInvalidationsCommand({ DistributionId: Distribution!.Id! }));
    expect(InvalidationList?.Items).toHaveLength(1);
    const { Invalidation } = await cloudFront.send(new GetInvalidationCommand({ DistributionId: Distribution!.Id!, Id: InvalidationList!.Items![0]!.Id! }));
    expect(Invalidation?.InvalidationBatch?.CallerReference).toBe(`delete-${ticket.imageId}`);
    expect([...(Invalidation?.InvalidationBatch?.Paths?.Items ?? [])].sort()).toEqual(variants.map((variant) => new URL(variant.url).pathname.replace(/^.*?\/images\//, '/images/')).sort());
  });
});

