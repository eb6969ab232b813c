/*
 * The image worker Lambda: consumes the image-uploads queue, where the upload bucket's ObjectCreated
 * notifications land, and processes each upload with the SDK's ImageWorker. A record fails — and is
 * retried, then dead-lettered — only when S3 or DynamoDB could not be reached; a refused file is an
 * outcome (FAILED), not a failure.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { ImageWorker, uploadsFromNotification } from '@store-front/sdk/images';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { handlerSetup, type HandlerOptions } from './handlerSetup.js';

/** Options of {@link createImageWorkerHandler}: the store whose uploads it processes, the logger (service `image-worker`). */
export type ImageWorkerHandlerOptions = HandlerOptions;

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
  const { logger, store, begin } = handlerSetup(options, 'image-worker');
  let worker: ImageWorker | undefined;

  const processRecord = async (record: SQSRecord): Promise<void> => {
    if (!worker) {
      const current = await store();
      worker = new ImageWorker(current.clients, current.config);
    }
    for (const upload of uploadsFromNotification(record.body)) {
      const outcome = await worker.process(upload);
      logger.info('upload processed', { messageId: record.messageId, ...outcome });
    }
  };

  return async (event, context) => {
    begin(context);
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

/** The Lambda entry point (the store from the environment, on the first invocation). */
export const handler: ImageWorkerHandler = createImageWorkerHandler();
