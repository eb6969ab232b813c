import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { createStorefront, executionIdFromPipeMessage, ReportWorker, type Storefront } from '@store-front/sdk';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** Options of {@link createReportWorkerHandler}. */
export interface ReportWorkerHandlerOptions {
  /** The store whose jobs it runs. Default: `createStorefront()` (settings from the environment). */
  readonly store?: Storefront;
  /** Default: a `ReportWorker` over the store's clients and settings. */
  readonly worker?: ReportWorker;
  /** Default: a Powertools logger for service `report-worker`. */
  readonly logger?: Logger;
}

/** A Lambda handler for SQS batches of `report-requests` messages. */
export type ReportWorkerHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The report worker Lambda: consumes `report-requests` (each message is a `report-jobs` stream
 * record sent by the `report-requests` pipe) and runs each job with {@link ReportWorker}. Duplicate
 * deliveries are skipped by the worker's claim. A record fails — and is retried, then dead-lettered —
 * only when it is not a job message or the job table cannot be written; the handler reports those
 * as partial batch failures (`batchItemFailures`).
 *
 * @example
 * ```ts
 * // Lambda: export const handler = createReportWorkerHandler();
 * const handler = createReportWorkerHandler({ store: createStorefront({ endpoint }) });
 * const { batchItemFailures } = await handler(sqsEvent);
 * ```
 */
export function createReportWorkerHandler(options: ReportWorkerHandlerOptions = {}): ReportWorkerHandler {
  const store = options.store ?? createStorefront();
  const reportsTopicArn = process.env.STOREFRONT_REPORTS_TOPIC_ARN;
  const worker = options.worker ?? new ReportWorker(store.clients, store.config, reportsTopicArn ? { reportsTopicArn } : {});
  const logger = options.logger ?? new Logger({ serviceName: 'report-worker' });
  const processor = new BatchProcessor(EventType.SQS);

  const runRecord = async (record: SQSRecord): Promise<void> => {
    const executionId = executionIdFromPipeMessage(record.body);
    const result = await worker.run(executionId);
    logger.info('report job delivery handled', { messageId: record.messageId, ...result });
  };

  return async (event, context) => {
    if (context) logger.addContext(context);
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

let defaultHandler: ReportWorkerHandler | undefined;

/**
 * The deployed entry point: a {@link createReportWorkerHandler} over `createStorefront()`, built on
 * the first invocation so a configuration error surfaces in the invocation's logs.
 */
export const handler: ReportWorkerHandler = (event, context) => {
  defaultHandler ??= createReportWorkerHandler();
  return defaultHandler(event, context);
};
