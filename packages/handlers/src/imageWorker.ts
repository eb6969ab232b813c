/*
 * The image worker Lambda: consumes the image-uploads queue, where the upload bucket's ObjectCreated
 * notifications land, and processes each upload with the SDK's ImageWorker. A record fails — and is
 * retried, then dead-lettered — only when S3 or DynamoDB could not be reached; a refused file is an
 * outcome (FAILED), not a failure.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { createStorefront, type Storefront } from '@store-front/sdk';
import { ImageWorker, uploadsFromNotification } from '@store-front/sdk/images';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** Options of {@link createImageWorkerHandler}. */
export interface ImageWorkerHandlerOptions {
  /** The store whose uploads it processes. Default: `createStorefront()` (settings from the environment). */
  readonly store?: Storefront;
  /** Default: a Powertools logger for service `image-worker`. */
  readonly logger?: Logger;
}

/** A Lambda handler for SQS batches of S3 event notifications. */
export type ImageWorkerHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * Creates the image worker handler.
 *
 * @example
 * ```ts
 * const handler = createImageWorkerHandler({ store: createStorefront({ endpoint }) });
 * const { batchItemFailures } = await handler(sqsEvent);
 * ```
 */
export function createImageWorkerHandler(options: ImageWorkerHandlerOptions = {}): ImageWorkerHandler {
  const store = options.store ?? createStorefront();
  const worker = new ImageWorker(store.clients, store.config);
  const logger = options.logger ?? new Logger({ serviceName: 'image-worker' });

  const processRecord = async (record: SQSRecord): Promise<void> => {
    for (const upload of uploadsFromNotification(record.body)) {
      const outcome = await worker.process(upload);
      logger.info('upload processed', { messageId: record.messageId, ...outcome });
    }
  };

  return async (event, context) => {
    if (context) logger.addContext(context);
    // A processor holds one batch's state; a fresh one per call keeps concurrent calls apart.
    const response = await processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), {
      ...(context ? { context } : {}),
      throwOnFullBatchFailure: false,
    });
    for (const failure of response.batchItemFailures) {
      logger.warn('upload not processed; it will be retried', { messageId: failure.itemIdentifier });
    }
    return response;
  };
}

let defaultHandler: ImageWorkerHandler | undefined;

/** The deployed entry point, built on the first invocation so a configuration error shows in its logs. */
export const handler: ImageWorkerHandler = (event, context) => {
  defaultHandler ??= createImageWorkerHandler();
  return defaultHandler(event, context);
};
