import {
  apiErrorCodes,
  catalogListOptionsSchema,
  categoryName,
  integerString,
  inventoryAdjustSchema,
  inventoryItemSchema,
  inventoryListOptionsSchema,
  maxProductsPerPut,
  moneyAmount,
  productName,
  reportDateSchema,
} from '@store-front/sdk/schemas';
import * as z from 'zod';

/*
 * The HTTP shapes of the HTTP API v1 (docs/contract.md) that the SDK's request schemas do not already give:
 * query strings, the envelope-level body forms, and every response. The OpenAPI document is
 * generated from these and from the SDK's schemas, and the tests check real responses against them.
 */

/** `GET /catalog` query: the SDK's listing options, with `limit` as a decimal string. */
export const catalogQuerySchema = z.strictObject({
  category: catalogListOptionsSchema.shape.category,
  limit: integerString(1, 100).optional(),
  cursor: catalogListOptionsSchema.shape.cursor,
});

/** `GET /alerts` query. */
export const alertsQuerySchema = z.strictObject({ limit: integerString(1, 100).optional() });

/** `PUT /inventory` in its list form; each item is checked by the SDK's `inventoryItemSchema`. */
export const inventoryPutListBodySchema = z.strictObject({
  items: z.array(inventoryItemSchema).min(1).max(maxProductsPerPut),
});

/** `POST /inventory/{product}/adjustments` body: the SDK's adjustment without the product (it is in the path). */
export const adjustmentBodySchema = inventoryAdjustSchema.omit({ product: true });

const reportType = z.enum(['sales', 'inventory'], { error: 'must be "sales" or "inventory"' });

/** `{executionId}` of a report: the SDK's own rule. */
export { executionIdSchema } from '@store-front/sdk/schemas';

/** A product picture in the catalog: the default source, its size, and the srcset of every variant. */
export const catalogImageSchema = z.strictObject({
  url: z.url(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  srcset: z.string(),
});

/**
 * `GET /catalog/{product}` → 200: one product, as the catalog shows it.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const catalogItemSchema = z.strictObject({
  product: productName,
  category: categoryName,
  description: z.string(),
  cost: moneyAmount,
  available: z.number().int(),
  image: catalogImageSchema.optional(),
  images: z.array(catalogImageSchema).optional(),
});

/** A product image as the admin sees it (`GET /inventory/{product}/images/{imageId}`). */
export const productImageSchema = z.strictObject({
  imageId: z.uuid(),
  status: z.enum(['PENDING', 'READY', 'FAILED']),
  error: z.string().optional(),
  variants: z.array(z.strictObject({ width: z.number().int(), height: z.number().int(), url: z.url() })).optional(),
});

export const productImageListSchema = z.strictObject({ items: z.array(productImageSchema) });

/** `POST /inventory/{product}/images` → 201: the presigned POST (send `fields`, then the file as `file`). */
export const imageUploadTicketSchema = z.strictObject({
  imageId: z.uuid(),
  status: z.literal('PENDING'),
  upload: z.strictObject({ url: z.url(), fields: z.record(z.string(), z.string()) }),
});

/**
 * `GET /catalog` → 200: one page of in-stock products.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const catalogPageSchema = z.strictObject({
  items: z.array(catalogItemSchema),
  nextCursor: z.string().nullable(),
});

/**
 * `POST /orders` → 201 and `GET /orders/{orderId}` → 200: a placed order.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const orderSchema = z.strictObject({
  orderId: z.string(),
  orderDate: z.iso.datetime(),
  items: z.array(
    z.strictObject({ product: productName, quantity: z.number().int(), unitCost: moneyAmount, lineTotal: moneyAmount }),
  ),
  total: moneyAmount,
});

/**
 * `PUT /inventory` → 200: the products as written.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const inventoryPutResultSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      product: productName,
      category: categoryName,
      description: z.string(),
      cost: moneyAmount,
      quantity: z.number().int(),
      lowStockThreshold: z.number().int(),
    }),
  ),
});

/**
 * `POST /inventory/{product}/adjustments` → 200: the stock after the adjustment.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const stockLevelSchema = z.strictObject({ product: productName, quantity: z.number().int() });

/**
 * `POST /report` → 202: the new job.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const reportStartedSchema = z.strictObject({ executionId: z.string(), status: z.literal('PENDING') });

/**
 * `GET /report/{executionId}` → 200: a report job.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const reportJobSchema = z.strictObject({
  executionId: z.string(),
  type: reportType,
  date: z.string(),
  status: z.enum(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED']),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
  rowCount: z.number().int().optional(),
  s3: z.strictObject({ bucket: z.string(), key: z.string() }).optional(),
  downloadUrl: z.string().optional(),
  error: z.string().optional(),
  expired: z.boolean().optional(),
});

/**
 * `GET /alerts` → 200: the most recent low-stock alerts.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const alertsSchema = z.strictObject({
  items: z.array(z.strictObject({ product: z.string(), quantity: z.number().int(), threshold: z.number().int(), at: z.string() })),
});

/**
 * Every error: `{"error":{"code","message","details"?}}`.
 *
 * @internal Exported for the API tests; the OpenAPI document is where the HTTP shapes are documented.
 */
export const errorEnvelopeSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(apiErrorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const stockStatus = z.enum(['OK', 'LOW', 'OUT']);

/** `GET /inventory` query: the SDK's listing options, with `limit` as a decimal string. */
export const inventoryListQuerySchema = z.strictObject({
  status: inventoryListOptionsSchema.shape.status,
  category: inventoryListOptionsSchema.shape.category,
  limit: integerString(1, 100).optional(),
  cursor: inventoryListOptionsSchema.shape.cursor,
});

/** `GET /inventory`: products as `PUT /inventory` returns them, each with its status. */
export const inventoryPageSchema = z.strictObject({
  items: z.array(inventoryPutResultSchema.shape.items.element.extend({ status: stockStatus })),
  nextCursor: z.string().nullable(),
});

export const inventorySummarySchema = z.strictObject({ OK: z.number().int(), LOW: z.number().int(), OUT: z.number().int() });

/** `GET /reports` query. */
export const reportListQuerySchema = z.strictObject({
  type: reportType.optional(),
  from: reportDateSchema.optional(),
  to: reportDateSchema.optional(),
  limit: integerString(1, 100).optional(),
  cursor: z.string().min(1).max(4096).optional(),
});

export const reportPageSchema = z.strictObject({
  items: z.array(reportJobSchema.omit({ downloadUrl: true })),
  nextCursor: z.string().nullable(),
});

/** `GET /reports/daily` query: both days required, at most 366 days (checked by the SDK). */
export const dailySalesQuerySchema = z.strictObject({ from: reportDateSchema, to: reportDateSchema });

export const dailySalesSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      date: z.string(),
      reported: z.boolean(),
      orders: z.number().int(),
      units: z.number().int(),
      revenue: moneyAmount,
      averageOrderValue: moneyAmount,
      byCategory: z.array(z.strictObject({ category: z.string(), revenue: moneyAmount })),
      topProducts: z.array(z.strictObject({ product: z.string(), units: z.number().int(), revenue: moneyAmount })),
    }),
  ),
});
