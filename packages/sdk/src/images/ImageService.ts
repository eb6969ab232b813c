import { randomUUID } from 'node:crypto';
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../clients.js';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { StorefrontConfig } from '../config.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { imageLimits } from '../resources.js';
import { parseInput, productName } from '../schemas.js';
import type { ImagesApi, ImageUploadRequest, ImageUploadTicket, ProductImage } from '../types.js';
import { invalidateCdnPaths } from './cdnInvalidation.js';
import { GalleryTable } from './GalleryTable.js';
import { countedImages, liveImages, toProductImage, uploadKey, type StoredImage } from './gallery.js';
import { imageIdSchema, imageReorderSchema, imageUploadRequestSchema } from './schema.js';

const imageNotFound = (imageId: string) =>
  new NotFoundError(`Unknown image: ${imageId}`, { details: [{ resource: 'image', id: imageId }] });

/**
 * Product images over DynamoDB and S3: the gallery (status, order), presigned uploads straight to
 * the upload bucket, and removal of an image's files. The image worker does the rest.
 *
 * @group Images
 */
export class ImageService implements ImagesApi {
  private readonly galleries: GalleryTable;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
  ) {
    this.galleries = new GalleryTable(clients.documents, config.tables.productImages, config.tables.inventory);
  }

  async request(product: string, upload: ImageUploadRequest): Promise<ImageUploadTicket> {
    const name = this.productName(product);
    const { contentType, contentLength } = parseInput(imageUploadRequestSchema, upload, 'image upload');
    await this.assertProductExists(name);
    const imageId = randomUUID();
    await this.galleries.change(name, (images, now) => {
      if (countedImages(images, now) >= imageLimits.maxImagesPerProduct) {
        throw new ValidationError(`${name} already has ${imageLimits.maxImagesPerProduct} images: delete one first`, {
          details: [{ path: 'product', message: `has ${imageLimits.maxImagesPerProduct} images already` }],
        });
      }
      const expiresAt = Math.ceil(now / 1000) + imageLimits.uploadSeconds;
      const added: StoredImage = { imageId, status: 'PENDING', createdAt: new Date(now).toISOString(), expiresAt };
      return { images: [...images, added], result: undefined };
    });
    const { url, fields } = await createPresignedPost(this.clients.s3, {
      Bucket: this.config.buckets.uploads,
      Key: uploadKey.of(imageId, name),
      Conditions: [
        ['eq', '$Content-Type', contentType],
        // The declared size is what S3 accepts, to the byte.
        ['content-length-range', contentLength, contentLength],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: imageLimits.uploadSeconds,
    });
    return { imageId, status: 'PENDING', upload: { url, fields } };
  }

  async get(product: string, imageId: string): Promise<ProductImage> {
    const id = parseInput(imageIdSchema, imageId, 'image id', 'imageId');
    const { items } = await this.list(product);
    const image = items.find((item) => item.imageId === id);
    if (!image) throw imageNotFound(id);
    return image;
  }

  async list(product: string): Promise<{
    /** The images, in display order. */
    items: ProductImage[];
  }> {
    const name = this.productName(product);
    const [gallery] = await Promise.all([this.galleries.read(name), this.assertProductExists(name)]);
    return { items: liveImages(gallery.images, Date.now()).map((image) => toProductImage(image, this.config.mediaUrl)) };
  }

  async reorder(product: string, imageIds: readonly string[]): Promise<{
    /** The images, in their new display order. */
    items: ProductImage[];
  }> {
    const name = this.productName(product);
    const order = parseInput(imageReorderSchema, { imageIds }, 'image order').imageIds;
    await this.assertProductExists(name);
    const { gallery } = await this.galleries.change(name, (images) => {
      const ready = images.filter((image) => image.status === 'READY');
      const byId = new Map(ready.map((image) => [image.imageId, image]));
      const unknown = order.filter((id) => !byId.has(id));
      if (unknown.length > 0 || order.length !== ready.length) {
        throw new ValidationError('Invalid image order: list every READY image of the product once', {
          details: [{ path: 'imageIds', message: unknown.length > 0 ? `not READY images of ${name}: ${unknown.join(', ')}` : `must list all ${ready.length} READY images` }],
        });
      }
      return { images: [...order.map((id) => byId.get(id)!), ...images.filter((image) => image.status !== 'READY')], result: undefined };
    });
    return { items: gallery.images.map((image) => toProductImage(image, this.config.mediaUrl)) };
  }

  /**
   * Deletes the image's files first, then its record: a failure half-way leaves a record a retry
   * removes, never files no record points to. The CDN forgets the paths last.
   */
  async remove(product: string, imageId: string): Promise<void> {
    const name = this.productName(product);
    const id = parseInput(imageIdSchema, imageId, 'image id', 'imageId');
    const gallery = await this.galleries.read(name, true);
    const image = liveImages(gallery.images, Date.now()).find((candidate) => candidate.imageId === id);
    if (!image) throw imageNotFound(id);
    await this.deleteFiles(name, image);
    await this.galleries.change(name, (images) => ({ images: images.filter((candidate) => candidate.imageId !== id), result: undefined }));
    if (image.variants && this.config.mediaDistributionId) await this.invalidate(this.config.mediaDistributionId, id, image.variants);
  }

  /** Tells CloudFront to forget the variants' paths (only a store with a CDN has a distribution id). */
  private async invalidate(distributionId: string, imageId: string, variants: readonly { key: string }[]): Promise<void> {
    await invalidateCdnPaths({
      distributionId,
      // One invalidation per deleted image: a retried delete reuses the reference instead of adding another.
      callerReference: `delete-${imageId}`,
      paths: variants.map(({ key }) => `/${key}`),
      credentials: this.clients.s3.config.credentials,
      ...(this.config.endpoint ? { endpoint: this.config.endpoint } : {}),
    });
  }

  private async deleteFiles(product: string, image: StoredImage): Promise<void> {
    const sends = [{ bucket: this.config.buckets.uploads, keys: [uploadKey.of(image.imageId, product)] }];
    if (image.variants) sends.push({ bucket: this.config.buckets.media, keys: image.variants.map((variant) => variant.key) });
    for (const { bucket, keys } of sends) {
      await this.clients.s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      );
    }
  }

  private productName(product: string): string {
    return parseInput(productName, product, 'product', 'product');
  }

  private async assertProductExists(product: string): Promise<void> {
    const { Item } = await this.clients.documents.send(
      new GetCommand({ TableName: this.config.tables.productCatalog, Key: { product }, ProjectionExpression: 'product' }),
    );
    if (!Item) throw new NotFoundError(`Unknown product: ${product}`, { details: [{ resource: 'product', id: product }] });
  }
}
