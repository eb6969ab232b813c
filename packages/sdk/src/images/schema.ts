import * as z from 'zod';
import { imageLimits } from '../resources.js';
import { integerIn } from '../schemas.js';

/** An image id: a UUID, as `images.request` makes them. */
export const imageIdSchema = z.uuid({ error: 'must be an image id (a UUID)' });

/** `images.request` input: a JPEG, PNG or WebP of 1 B – 5 MiB. */
export const imageUploadRequestSchema = z.strictObject({
  contentType: z.enum(imageLimits.contentTypes, { error: `must be one of ${imageLimits.contentTypes.join(', ')}` }),
  contentLength: integerIn(1, imageLimits.maxBytes),
});

/** `images.reorder` input: the READY images, each once. */
export const imageReorderSchema = z.strictObject({
  imageIds: z
    .array(imageIdSchema)
    .max(imageLimits.maxImagesPerProduct)
    .refine((ids) => new Set(ids).size === ids.length, 'must list each image once'),
});
