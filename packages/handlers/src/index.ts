/**
 * `@store-front/handlers`: the Lambda adapters over `@store-front/sdk` — the API (every HTTP route),
 * the inventory checker, the report worker and the scheduled report. Each Lambda's entry file exports
 * its `handler`; this module exports the factories, the route table and the response schemas, for the
 * local stack and the CDK app.
 *
 * @example
 * ```ts
 * import { createApiHandler } from '@store-front/handlers';
 *
 * // The API Lambda: every route, over the store its environment describes.
 * export const handler = createApiHandler();
 * ```
 *
 * @module @store-front/handlers
 */
export { createApiHandler, corsAllowedHeaders, corsExposedHeaders, maxBodyBytes } from './api/createApiHandler.js';
export type { ApiEvent, ApiHandler, ApiHandlerOptions } from './api/createApiHandler.js';
export { allowedMethods, apiRoutes, isAdminRoute, matchRoute } from './api/routes.js';
export type { ApiRequest, Route, RouteMatch } from './api/routes.js';
export { buildOpenApiDocument } from './api/openapi.js';
export { createEnvironmentStore, storeFromEnvironment } from './storeFromEnvironment.js';
export {
  alertsSchema,
  catalogItemSchema,
  catalogPageSchema,
  errorEnvelopeSchema,
  inventoryPutResultSchema,
  orderSchema,
  reportJobSchema,
  reportStartedSchema,
  stockLevelSchema,
} from './api/schemas.js';
export type { HandlerOptions } from './handlerSetup.js';
export { createInventoryCheckerHandler } from './inventoryChecker.js';
export type { InventoryCheckerHandler, InventoryCheckerOptions } from './inventoryChecker.js';
export { createReportWorkerHandler } from './reportWorker.js';
export type { ReportWorkerHandler, ReportWorkerHandlerOptions } from './reportWorker.js';
export { createImageWorkerHandler } from './imageWorker.js';
export type { ImageWorkerHandler, ImageWorkerHandlerOptions } from './imageWorker.js';
export { createScheduledReportHandler } from './scheduledReport.js';
export { dailyReportFailedAlarm, dailyReportFailedMessage } from './dailyReportAlarm.js';
export type { ScheduledReportEvent, ScheduledReportHandler, ScheduledReportHandlerOptions } from './scheduledReport.js';
