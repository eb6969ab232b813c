import * as z from 'zod';
import { imageLimits } from '../resources.js';
import { integerIn } from '../schemas.js';

/**
 * An image id: a UUID, as `images.request` makes them.
 *
 * @group Images
 */
export const imageIdSchema = z.uuid({ error: 'must be an image id (a UUID)' });

/**
 * `images.request` input: a JPEG, PNG or WebP of 1 B – 5 MiB.
 *
 * @group Images
 */
export const imageUploadRequestSchema = z.strictObject({
  /** Format of the file. */
  contentType: z.enum(imageLimits.contentTypes, { error: `must be one of ${imageLimits.contentTypes.join(', ')}` }),
  /** Bytes the file has. */
  contentLength: integerIn(1, imageLimits.maxBytes),
});

/**
 * `images.reorder` input: the READY images, each once.
 *
 * @group Images
 */
export const imageReorderSchema = z.strictObject({
  /** Every READY image of the product, in the new display order. */
  imageIds: z
    .array(imageIdSchema)
    .max(imageLimits.maxImagesPerProduct)
    .refine((ids) => new Set(ids).size === ids.length, 'must list each image once'),
});
