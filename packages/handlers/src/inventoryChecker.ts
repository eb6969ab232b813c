/*
 * The inventory-checker Lambda: consumes the inventory-check queue (inventory stream records put
 * there by the inventory-changes pipe). For each record it keeps the catalog listing in step
 * (`store.catalog.syncListing`: a product that sold out leaves the in-stock indexes), sends low-stock
 * alerts through `store.alerts.check` and keeps the product's `stockStatus` (the status index of the
 * managers' inventory listing) with `syncStockStatus`; all three need UpdateItem on the inventory table.
 * Each failed record is reported in `batchItemFailures`, so only it is retried and, after the
 * queue's maxReceiveCount, moved to the DLQ; the rest of the batch is acknowledged.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { syncStockStatus } from '@store-front/sdk/workers';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { handlerSetup, type HandlerOptions } from './handlerSetup.js';

/**
 * Options of {@link createInventoryCheckerHandler}: the store (its alerts publish to the topic of its
 * settings, `lowStockTopicArn` in AWS) and the logger (service `inventory-checker`).
 */
export type InventoryCheckerOptions = HandlerOptions;

/** An SQS batch handler: resolves to the records to retry. */
export type InventoryCheckerHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * Creates the inventory-checker handler for SQS batch events.
 *
 * @example
 * ```ts
 * const check = createInventoryCheckerHandler({ store });
 * const { batchItemFailures } = await check({ Records: sqsRecords });
 * ```
 */
export function createInventoryCheckerHandler(options: InventoryCheckerOptions = {}): InventoryCheckerHandler {
  const { logger, store, begin } = handlerSetup(options, 'inventory-checker');

  const checkRecord = async (record: SQSRecord): Promise<void> => {
    try {
      const body = parseBody(record.body);
      const { alerts, catalog, clients, config } = await store();
      const listing = await catalog.syncListing(body);
      if (listing !== 'unchanged') logger.info(`Catalog listing: product ${listing}`, { messageId: record.messageId });
      const result = await alerts.check(body);
      // The same record keeps the managers' status index (GET /inventory?status=) in step.
      await syncStockStatus(clients.documents, config.tables.inventory, body);
      if (result.outcome === 'sent') logger.info('Low-stock alert sent', { messageId: record.messageId, ...result.alert });
      else if (result.outcome === 'duplicate') logger.info('Alert already sent', { messageId: record.messageId, product: result.alert.product });
      else if (result.outcome === 'product-deleted') logger.warn('Product deleted since the change: no alert', { messageId: record.messageId, ...result.alert });
    } catch (error) {
      logger.error('Stock change not processed; it will be retried', {
        messageId: record.messageId,
        receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
        error: error as Error,
      });
      throw error;
    }
  };

  return async (event, context) => {
    begin(context);
    // A processor holds one batch's state; a fresh one per call keeps concurrent calls apart.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, checkRecord, processor, {
      ...(context ? { context } : {}),
      // A fully failed batch is still answered with its failures, so SQS retries each message on its own.
      throwOnFullBatchFailure: false,
    });
  };
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new SyntaxError(`Message body is not JSON: ${body.slice(0, 80)}`, { cause: error });
  }
}

/** The Lambda entry point (the store from the environment, on the first invocation). */
export const handler: InventoryCheckerHandler = createInventoryCheckerHandler();
