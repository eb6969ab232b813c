/**
 * `@store-front/sdk/schemas`: the request schemas (zod) of the store's inputs and the field rules
 * they are made of, so the HTTP API validates and documents (OpenAPI) with the very rules the SDK
 * applies, and the error codes its envelope may carry.
 *
 * @example
 * ```ts
 * import { orderRequestSchema, parseInput } from '@store-front/sdk/schemas';
 * const { items } = parseInput(orderRequestSchema, body, 'order'); // throws ValidationError
 * ```
 *
 * @module @store-front/sdk/schemas
 */
export {
  productName,
  categoryName,
  descriptionText,
  moneyAmount,
  maxMoneyAmount,
  printableText,
  nameText,
  integerIn,
  integerString,
  idempotencyKeySchema,
  parseInput,
  alternatives,
  hasKey,
  toFieldIssues,
} from '../schemas.js';
export { apiErrorCodes, errorCatalog } from '../errorCatalog.js';
export { catalogListOptionsSchema } from '../catalog/schema.js';
export { orderRequestSchema, orderIdSchema, maxOrderLines } from '../orders/schema.js';
export { inventoryItemSchema, inventoryPutSchema, inventoryAdjustSchema, maxStockQuantity, maxProductsPerPut } from '../inventory/schema.js';
export { executionIdSchema, startReportSchema, reportDateSchema, cronExpressionSchema } from '../reports/schema.js';
export { notFound, missingThings, type MissingResource, type MissingThing } from '../notFound.js';
export { inventoryListOptionsSchema, stockStatusSchema } from '../inventory/schema.js';
export { reportListOptionsSchema, dailySalesOptionsSchema, maxDailySalesDays } from '../reports/schema.js';
export { imageIdSchema, imageUploadRequestSchema, imageReorderSchema } from '../images/schema.js';
