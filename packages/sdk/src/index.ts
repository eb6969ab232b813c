/**
 * Store Front SDK: a serverless retail store on AWS.
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
 * @packageDocumentation
 */
export { createStorefront, type CreateStorefrontOptions, type Storefront } from './createStorefront.js';
export {
  provisionResources,
  createTableInput,
  type ProvisionOptions,
  type ProvisionedResources,
} from './provisionResources.js';
export {
  resolveConfig,
  environmentVariables,
  type StorefrontConfig,
  type StorefrontConfigInput,
  type TableNames,
  type QueueNames,
  type TopicNames,
  type AwsCredentials,
  type Env,
} from './config.js';
export { createAwsClients, clientOptions, type AwsClients } from './clients.js';
export {
  tableDefinitions,
  queueDefinitions,
  ordersDayIndex,
  catalogCategoryIndex,
  alertLogRecentIndex,
  inventoryListingIndex,
  inventoryStatusIndex,
  reportHistoryIndex,
  dailySalesKey,
  topicDefinitions,
  reportRetention,
  type TopicDefinition,
  dailyReportsSchedule,
  pipeDefinitions,
  type PipeDefinition,
  reportJobLimits,
  idempotencyRetentionSeconds,
  type TableDefinition,
  type QueueDefinition,
  type IndexDefinition,
  type KeyAttribute,
} from './resources.js';
export {
  StorefrontError,
  InvalidJsonError,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  OutOfStockError,
  IdempotencyConflictError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  InternalError,
  ConfigurationError,
  MethodNotAllowedError,
  TryAgainError,
  errorCatalog,
  apiErrorCodes,
  type ErrorCode,
  type ApiErrorCode,
  type ErrorCatalogEntry,
  type FieldIssue,
  type StockShortage,
  type StorefrontErrorOptions,
} from './errors.js';
export { errorFromResponse, type ResponseHeaders } from './errorFromResponse.js';
export { CatalogService } from './catalog/CatalogService.js';
export { isReplayed } from './idempotentReplay.js';
export type { BackoffOptions } from './retry.js';
export { browserSecurityHeaders, contentSecurityPolicy, referrerPolicy, type BrowserOrigins } from './browserHeaders.js';
export { notFound, missingThings, type MissingResource, type MissingThing } from './notFound.js';
export { isTimeZone, timeZoneOffsetMs, wallClockToInstant } from './timeZones.js';
export { OrderService } from './orders/OrderService.js';
export { orderDayShard } from './orders/dayShard.js';
export { InventoryService } from './inventory/InventoryService.js';
export { ReportService } from './reports/ReportService.js';
export { ReportWorker, type ReportRunOutcome, type ReportWorkerOptions } from './reports/ReportWorker.js';
export { executionIdFromPipeMessage } from './reports/pipeMessage.js';
export { executionIdSchema, startReportSchema, reportDateSchema, cronExpressionSchema } from './reports/schema.js';
export { dailyReportJobs, dailySalesExecutionId, type DailyReportJob } from './reports/dailyReports.js';
export { reportListOptionsSchema, dailySalesOptionsSchema, maxDailySalesDays } from './reports/schema.js';
export { stockStatus } from './stockStatus.js';
export { syncStockStatus, type StockStatusSync } from './inventory/syncStockStatus.js';
export { AlertService } from './alerts/AlertService.js';
export type * from './types.js';
export { type AlertServiceOptions, type CheckOutcome } from './alerts/AlertService.js';
export { AlertInProgressError } from './alerts/AlertInProgressError.js';
export { alertMessage, alertSubject } from './alerts/alertMessage.js';
export { crossesThreshold, isLow, readStockChange, type StockChange, type StockState } from './alerts/stockChange.js';
export { alertRetentionSeconds } from './alerts/AlertLog.js';
export { defaultLowStockThreshold, streamRecordSchema, type StreamRecord } from './alerts/schema.js';
// Request schemas, exported so the HTTP API validates and documents (OpenAPI) with the very same rules.
export {
  productName,
  categoryName,
  descriptionText,
  moneyAmount,
  maxMoneyAmount,
  printableText,
  integerIn,
  integerString,
  parseInput,
  toFieldIssues,
} from './schemas.js';
export { catalogListOptionsSchema } from './catalog/schema.js';
export { orderRequestSchema, orderRequestFormsSchema, idempotencyKeySchema, orderIdSchema, maxOrderLines } from './orders/schema.js';
export {
  inventoryItemSchema,
  inventoryPutSchema,
  inventoryAdjustSchema,
  maxStockQuantity,
  maxProductsPerPut,
  inventoryListOptionsSchema,
  stockStatusSchema,
} from './inventory/schema.js';
