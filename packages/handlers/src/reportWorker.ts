import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { executionIdFromPipeMessage, isDailyExecutionId, ReportWorker } from '@store-front/sdk/workers';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { dailyReportFailedAlarm, dailyReportFailedMessage } from './dailyReportAlarm.js';
import { handlerSetup, type HandlerOptions } from './handlerSetup.js';

/** Options of {@link createReportWorkerHandler}: the store whose jobs it runs, the logger (service `report-worker`). */
export interface ReportWorkerHandlerOptions extends HandlerOptions {
  /** Default: a `ReportWorker` over the store's clients and settings. */
  readonly worker?: ReportWorker;
}

/** A Lambda handler for SQS batches of `report-requests` messages. */
export type ReportWorkerHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The report worker Lambda: consumes `report-requests` (each message is a `report-jobs` stream
 * record sent by the `report-requests` pipe) and runs each job with {@link ReportWorker}. Duplicate
 * deliveries are skipped by the worker's claim. A record fails — and is retried, then dead-lettered —
 * only when it is not a job message or the job table cannot be written; the handler reports those
 * as partial batch failures (`batchItemFailures`). A daily report that ends FAILED is logged as the
 * `DailyReportFailed` alarm line (see `dailyReportFailedAlarm`).
 *
 * @example
 * ```ts
 * // Lambda: export const handler = createReportWorkerHandler();
 * const handler = createReportWorkerHandler({ store: createStorefront({ endpoint }) });
 * const { batchItemFailures } = await handler(sqsEvent);
 * ```
 */
export function createReportWorkerHandler(options: ReportWorkerHandlerOptions = {}): ReportWorkerHandler {
  const { logger, store, begin } = handlerSetup(options, 'report-worker');
  let worker = options.worker;

  const runRecord = async (record: SQSRecord): Promise<void> => {
    const executionId = executionIdFromPipeMessage(record.body);
    const current = await store();
    // The digest's topic ARN comes with the store's settings (`reportsTopicArn`).
    worker ??= new ReportWorker(current.clients, current.config);
    const result = await worker.run(executionId);
    logger.info('report job delivery handled', { messageId: record.messageId, ...result });
    if (result.outcome === 'FAILED' && isDailyExecutionId(executionId)) {
      const job = await current.reports.get(executionId);
      logger.error(dailyReportFailedMessage, { alarm: dailyReportFailedAlarm, executionId, type: job.type, date: job.date, error: result.error });
    }
  };

  return async (event, context) => {
    begin(context);
    // A processor holds one batch's state; a fresh one per call keeps concurrent calls apart.
    const processor = new BatchProcessor(EventType.SQS);
    const response = await processPartialResponse(event, runRecord, processor, {
      ...(context ? { context } : {}),
      // A batch whose every record failed is reported record by record, like a partial one.
      throwOnFullBatchFailure: false,
    });
    for (const failure of response.batchItemFailures) {
      logger.warn('report job delivery failed; it will be retried', { messageId: failure.itemIdentifier });
    }
    return response;
  };
}

/** The Lambda entry point (the store from the environment, on the first invocation). */
export const handler: ReportWorkerHandler = createReportWorkerHandler();
