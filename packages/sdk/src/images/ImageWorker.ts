import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { imageLimits, imageUploadsBucket } from '../resources.js';
import { GalleryTable } from './GalleryTable.js';
import { mediaKey, uploadKey, type StoredImage, type StoredVariant } from './gallery.js';

/**
 * What became of one upload.
 *
 * @group Images
 */
export interface ImageWorkOutcome {
  /**
   * `ready`: variants made and recorded; `failed`: refused, nothing kept; `duplicate`: already
   * processed (a re-delivery); `ignored`: no PENDING image expects this file (deleted, expired, foreign key).
   */
  readonly outcome: 'ready' | 'failed' | 'duplicate' | 'ignored';
  /** The upload's object key. */
  readonly key: string;
  /** The image the key names, when it names one. */
  readonly imageId?: string;
  /** The product the key names, when it names one. */
  readonly product?: string;
  /** Why a `failed` upload was refused. */
  readonly reason?: string;
  /** Widths of the variants made. */
  readonly widths?: number[];
}

/**
 * An upload the worker is asked to process: the object an S3 notification names.
 *
 * @group Images
 */
export interface UploadedObject {
  /** The bucket the object is in. */
  readonly bucket: string;
  /** The object key, decoded (notifications carry it URL-encoded; see {@link uploadsFromNotification}). */
  readonly key: string;
}

/** Raised for a file the store refuses; the reason is what the admin reads. */
class RefusedUpload extends Error {}

const acceptedFormats: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp']);
const webpQuality = 80;

/**
 * The image worker: turns one uploaded file into the product's web variants. It trusts nothing the
 * browser said: the size is read from S3 (the POST's size condition is S3's to enforce, and not every
 * S3 does), the format from the bytes; more than 40 megapixels is refused before decoding. Variants
 * are WebP at 320/640/1280 px wide (none wider than the original), metadata stripped (sharp writes
 * none unless asked), orientation applied first. The original is deleted whatever the outcome, and
 * a refused file leaves nothing behind. Idempotent: a re-delivery finds the image no longer PENDING.
 *
 * @example
 * ```ts
 * const worker = new ImageWorker(store.clients, store.config);
 * for (const upload of uploadsFromNotification(message.body)) await worker.process(upload);
 * ```
 *
 * @group Images
 */
export class ImageWorker {
  private readonly galleries: GalleryTable;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
  ) {
    this.galleries = new GalleryTable(clients.documents, config.tables.productImages, config.tables.inventory);
  }

  /** Processes one upload: variants made and recorded, or the file refused; the original is deleted either way. */
  async process(upload: UploadedObject): Promise<ImageWorkOutcome> {
    const target = uploadKey.parse(upload.key);
    const pending = target && (await this.galleries.read(target.product, true)).images.find((image) => image.imageId === target.imageId);
    if (!target || !pending || pending.status !== 'PENDING') {
      await this.deleteUpload(upload);
      return { outcome: target && pending ? 'duplicate' : 'ignored', key: upload.key, ...target };
    }
    let variants: StoredVariant[];
    try {
      const bytes = await this.readUpload(upload);
      if (!bytes) return { outcome: 'duplicate', key: upload.key, ...target };
      variants = await this.makeVariants(target.imageId, bytes);
    } catch (error) {
      if (!(error instanceof RefusedUpload)) throw error;
      return this.refuse(upload, target, error.message);
    }
    return this.record(upload, target, variants);
  }

  /** The file's bytes; `undefined` when it is gone (an earlier delivery processed it). */
  private async readUpload(upload: UploadedObject): Promise<Buffer | undefined> {
    try {
      const { Body, ContentLength } = await this.clients.s3.send(new GetObjectCommand({ Bucket: upload.bucket, Key: upload.key }));
      if (ContentLength === undefined || ContentLength < 1 || ContentLength > imageLimits.maxBytes) {
        await Body?.transformToByteArray().catch(() => undefined);
        throw new RefusedUpload(`the file has ${ContentLength ?? 'no'} bytes: images are 1 B to ${imageLimits.maxBytes} bytes (5 MiB)`);
      }
      return Buffer.from(await Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /** Checks the bytes and encodes every variant in memory; nothing is written until all succeed. */
  private async makeVariants(imageId: string, bytes: Buffer): Promise<StoredVariant[]> {
    const metadata = await sharp(bytes).metadata().catch(() => {
      throw new RefusedUpload('the file is not a JPEG, PNG or WebP image');
    });
    if (!acceptedFormats.has(metadata.format)) {
      throw new RefusedUpload(`the file is a ${metadata.format} image: only JPEG, PNG and WebP are accepted`);
    }
    const { width, height } = metadata.autoOrient;
    if (width * height > imageLimits.maxPixels) {
      throw new RefusedUpload(`the image is ${width}×${height} pixels: at most ${imageLimits.maxPixels / 1_000_000} megapixels are accepted`);
    }
    const fitting = imageLimits.variantWidths.filter((variantWidth) => variantWidth <= width);
    const widths = fitting.length > 0 ? fitting : [width];
    const encoded: Array<StoredVariant & { body: Buffer }> = [];
    for (const variantWidth of widths) {
      const { data, info } = await sharp(bytes, { limitInputPixels: imageLimits.maxPixels, failOn: 'error' })
        .autoOrient()
        .resize({ width: variantWidth })
        .webp({ quality: webpQuality })
        .toBuffer({ resolveWithObject: true })
        .catch((error: Error) => {
          throw new RefusedUpload(`the image cannot be decoded: ${error.message}`);
        });
      encoded.push({ width: info.width, height: info.height, key: mediaKey(imageId, variantWidth), body: data });
    }
    for (const variant of encoded) {
      await this.clients.s3.send(
        new PutObjectCommand({
          Bucket: this.config.buckets.media,
          Key: variant.key,
          Body: variant.body,
          ContentType: 'image/webp',
          CacheControl: imageUploadsBucket.mediaCacheControl,
        }),
      );
    }
    return encoded.map(({ width: w, height: h, key }) => ({ width: w, height: h, key }));
  }

  /** Marks the image READY (if it is still PENDING and the product has room), then drops the original. */
  private async record(upload: UploadedObject, target: { imageId: string; product: string }, variants: StoredVariant[]): Promise<ImageWorkOutcome> {
    const { result } = await this.galleries.change(target.product, (images) => {
      const image = images.find((candidate) => candidate.imageId === target.imageId);
      if (!image) return { images, result: 'gone' as const };
      if (image.status === 'READY') return { images, result: 'duplicate' as const };
      const full = images.filter((candidate) => candidate.status === 'READY').length >= imageLimits.maxImagesPerProduct;
      const updated: StoredImage = full
        ? { imageId: image.imageId, status: 'FAILED', createdAt: image.createdAt, error: `the product already has ${imageLimits.maxImagesPerProduct} images` }
        : { imageId: image.imageId, status: 'READY', createdAt: image.createdAt, variants };
      return { images: images.map((candidate) => (candidate === image ? updated : candidate)), result: updated.status };
    });
    // Only the delivery that recorded the variants keeps them; they share keys with a duplicate's.
    if (result === 'gone' || result === 'FAILED') await this.deleteVariants(variants);
    await this.deleteUpload(upload);
    if (result === 'READY') return { outcome: 'ready', key: upload.key, ...target, widths: variants.map((variant) => variant.width) };
    return { outcome: result === 'duplicate' ? 'duplicate' : result === 'gone' ? 'ignored' : 'failed', key: upload.key, ...target };
  }

  private async refuse(upload: UploadedObject, target: { imageId: string; product: string }, reason: string): Promise<ImageWorkOutcome> {
    await this.galleries.change(target.product, (images) => ({
      images: images.map((image) =>
        image.imageId === target.imageId && image.status === 'PENDING'
          ? { imageId: image.imageId, status: 'FAILED' as const, createdAt: image.createdAt, error: reason }
          : image,
      ),
      result: undefined,
    }));
    await this.deleteUpload(upload);
    return { outcome: 'failed', key: upload.key, ...target, reason };
  }

  private deleteUpload(upload: UploadedObject) {
    return this.clients.s3.send(new DeleteObjectCommand({ Bucket: upload.bucket, Key: upload.key }));
  }

  private async deleteVariants(variants: readonly StoredVariant[]): Promise<void> {
    await this.clients.s3.send(
      new DeleteObjectsCommand({ Bucket: this.config.buckets.media, Delete: { Objects: variants.map(({ key }) => ({ Key: key })), Quiet: true } }),
    );
  }
}

/**
 * The uploads an S3 event notification (an SQS message body) names, keys decoded. S3's test event
 * (sent when notifications are configured) and events other than ObjectCreated name none.
 *
 * @example
 * ```ts
 * uploadsFromNotification(record.body); // [{ bucket: 'storefront-uploads', key: 'uploads/…/Mug' }]
 * ```
 *
 * @group Images
 */
export function uploadsFromNotification(body: string): UploadedObject[] {
  const event = JSON.parse(body) as { Records?: Array<{ eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }> };
  return (event.Records ?? [])
    .filter((record) => record.eventName?.startsWith('ObjectCreated:') && record.s3?.bucket?.name && record.s3.object?.key)
    .map((record) => ({
      bucket: record.s3!.bucket!.name!,
      // S3 form-encodes keys in events: "+" is a space.
      key: decodeURIComponent(record.s3!.object!.key!.replace(/\+/g, ' ')),
    }));
}
