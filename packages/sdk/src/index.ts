/**
 * Store Front SDK: a serverless retail store on AWS. The root export is what an application needs:
 * the store, its provisioning, its settings and clients, the error classes with their catalog, and
 * the report files' columns.
 * Building blocks for our own packages sit behind named subpaths: `@store-front/sdk/resources`
 * (resource definitions, for CDK and the local stack), `@store-front/sdk/workers` (the Lambda side:
 * report worker, low-stock checker, stream records), `@store-front/sdk/schemas` (the request
 * schemas the HTTP API validates and documents with) and `@store-front/sdk/http` (the browser-safe client).
 *
 * @example
 * ```ts
 * import { createStorefront, provisionResources } from '@store-front/sdk';
 *
 * await provisionResources();
 * const store = createStorefront();
 * for await (const item of store.catalog.listAll()) console.log(item.product, item.available);
 * ```
 *
 * @module @store-front/sdk
 */
export { createStorefront, type CreateStorefrontOptions, type Storefront } from './createStorefront.js';
export { provisionResources, type ProvisionOptions, type ProvisionedResources } from './provisionResources.js';
export {
  resolveConfig,
  type StorefrontConfig,
  type StorefrontConfigInput,
  type TableNames,
  type QueueNames,
  type TopicNames,
  type AwsCredentials,
  type Env,
} from './config.js';
export { createAwsClients, type AwsClients } from './clients.js';
export {
  StorefrontError,
  InvalidJsonError,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  MethodNotAllowedError,
  OutOfStockError,
  IdempotencyConflictError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  TryAgainError,
  InternalError,
  ConfigurationError,
  errorCatalog,
  type ErrorCode,
  type ApiErrorCode,
  type ErrorCatalogEntry,
  type FieldIssue,
  type StockShortage,
  type StorefrontErrorOptions,
} from './errors.js';
export { reportColumns, reportFiles, type ReportFile } from './reports/reportFiles.js';
export { errorFromResponse, type ResponseHeaders } from './errorFromResponse.js';
export { isReplayed } from './idempotentReplay.js';
export type { BackoffOptions } from './retry.js';
export type { DailyRetry, DailyRetries } from './reports/dailyReports.js';
export type { ListingSyncOutcome } from './catalog/syncListing.js';
export type { ImageService } from './images/ImageService.js';
export type * from './types.js';
// What `createStorefront()` returns is built of these services: their types document every call.
export type { CatalogService } from './catalog/CatalogService.js';
export type { OrderService } from './orders/OrderService.js';
export type { InventoryService } from './inventory/InventoryService.js';
export type { ReportService } from './reports/ReportService.js';
export type { AlertService } from './alerts/AlertService.js';
