/**
 * `@store-front/sdk/workers`: what the Lambda side runs besides the API — the report worker, the
 * low-stock checker and the pieces of the stream → pipe → queue messages they consume.
 *
 * @example
 * ```ts
 * import { createStorefront } from '@store-front/sdk';
 * import { ReportWorker, executionIdFromPipeMessage } from '@store-front/sdk/workers';
 * ```
 *
 * @module @store-front/sdk/workers
 */
export { ReportWorker, type ReportRunOutcome, type ReportWorkerOptions } from '../reports/ReportWorker.js';
export { executionIdFromPipeMessage } from '../reports/pipeMessage.js';
export {
  dailyReportJobs,
  dailySalesExecutionId,
  dailyExecutionId,
  isDailyExecutionId,
  dailyRetryLimits,
  type DailyReportJob,
  type DailyRetry,
  type DailyRetries,
} from '../reports/dailyReports.js';
export type { ListingSyncOutcome } from '../catalog/syncListing.js';
export { syncStockStatus, type StockStatusSync } from '../inventory/syncStockStatus.js';
export { AlertService, type AlertServiceOptions, type CheckOutcome } from '../alerts/AlertService.js';
export { AlertInProgressError } from '../alerts/AlertInProgressError.js';
export { alertMessage, alertSubject } from '../alerts/alertMessage.js';
export { crossesThreshold, isLow, readStockChange, type StockChange, type StockState } from '../alerts/stockChange.js';
export { streamRecordSchema, type StreamRecord } from '../streamRecord.js';
export { defaultLowStockThreshold } from '../lowStockThreshold.js';
export { stockStatus } from '../stockStatus.js';
