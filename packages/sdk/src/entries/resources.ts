/**
 * `@store-front/sdk/resources`: the store's AWS resources as data — tables, indexes, queues, pipes,
 * the daily schedule and their limits — written once and read by the CDK construct and the local
 * stack alike, plus what provisions them and the settings behind their names.
 *
 * @example
 * ```ts
 * import { tableDefinitions } from '@store-front/sdk/resources';
 * for (const table of tableDefinitions) console.log(table.id, table.partitionKey.name);
 * ```
 *
 * @module @store-front/sdk/resources
 */
export {
  tableDefinitions,
  queueDefinitions,
  ordersDayIndex,
  catalogCategoryIndex,
  inStockIndex,
  inStockByCategoryIndex,
  listingAttributes,
  imageLimits,
  imageUploadsBucket,
  alertLogRecentIndex,
  dailyReportsSchedule,
  pipeDefinitions,
  reportJobLimits,
  idempotencyRetentionSeconds,
  inventoryListingIndex,
  inventoryStatusIndex,
  reportHistoryIndex,
  dailySalesKey,
  topicDefinitions,
  reportRetention,
  type TopicDefinition,
  type PipeDefinition,
  type TableDefinition,
  type QueueDefinition,
  type IndexDefinition,
  type KeyAttribute,
} from '../resources.js';
export { provisionResources, createTableInput, type ProvisionOptions, type ProvisionedResources } from '../provisionResources.js';
export { resolveConfig, environmentVariables, type StorefrontConfig, type StorefrontConfigInput } from '../config.js';
export { createAwsClients, clientOptions, type AwsClients } from '../clients.js';
export { alertRetentionSeconds } from '../alerts/AlertLog.js';
export { isTimeZone } from '../timeZones.js';
export { cronExpressionProblem, cronFieldRange, parseCronExpression, type CronFields } from '../reports/cronExpression.js';
export { browserSecurityHeaders, contentSecurityPolicy, referrerPolicy, type BrowserOrigins } from '../browserHeaders.js';
export { orderDayShard } from '../orders/dayShard.js';
