import { imageIdSchema, imageReorderSchema, imageUploadRequestSchema, parseInput, productName } from '@store-front/sdk/schemas';
import * as z from 'zod';
import { objectBody, productPath, route, type Route } from './route.js';
import { imageUploadTicketSchema, productImageListSchema, productImageSchema } from './schemas.js';

const images = '/inventory/{product}/images';
const imagePath = { product: productName, imageId: imageIdSchema };
const bodyErrors = ['INVALID_JSON', 'VALIDATION_ERROR', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const;

/** The admin routes of a product's images (docs/images.md). */
export const imageRoutes: readonly Route[] = [
  route({
    method: 'POST',
    path: images,
    admin: true,
    operationId: 'requestImageUpload',
    summary: 'Records a PENDING image and answers a presigned S3 POST (10 minutes) for its file; at most 8 images a product.',
    pathParams: productPath,
    body: imageUploadRequestSchema,
    response: { status: 201, schema: imageUploadTicketSchema },
    errors: [...bodyErrors],
    run: (store, { params, body }) => store.images.request(params[0]!, objectBody(body, 'image upload')),
  }),
  {
    method: 'GET',
    path: images,
    admin: true,
    operationId: 'listImages',
    summary: "A product's images in display order, any status.",
    pathParams: productPath,
    response: { status: 200, schema: productImageListSchema },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    run: (store, { params }) => store.images.list(params[0]!),
  },
  route({
    method: 'PUT',
    path: `${images}/order`,
    admin: true,
    operationId: 'reorderImages',
    summary: 'Sets the display order of the READY images (each once).',
    pathParams: productPath,
    body: imageReorderSchema,
    response: { status: 200, schema: productImageListSchema },
    errors: [...bodyErrors],
    run: (store, { params, body }) => {
      const { imageIds } = parseInput(imageReorderSchema, objectBody(body, 'image order'), 'image order');
      return store.images.reorder(params[0]!, imageIds);
    },
  }),
  {
    method: 'GET',
    path: `${images}/{imageId}`,
    admin: true,
    operationId: 'getImage',
    summary: 'One image: its status, the reason it FAILED, or its variants once READY.',
    pathParams: imagePath,
    response: { status: 200, schema: productImageSchema },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    run: (store, { params }) => store.images.get(params[0]!, params[1]!),
  },
  {
    method: 'DELETE',
    path: `${images}/{imageId}`,
    admin: true,
    operationId: 'deleteImage',
    summary: 'Removes an image and its files (its CDN paths are invalidated in AWS).',
    pathParams: imagePath,
    response: { status: 204, schema: z.undefined() },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    run: (store, { params }) => store.images.remove(params[0]!, params[1]!),
  },
];
