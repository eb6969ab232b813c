/*
 * The inventory-checker Lambda: consumes the inventory-check queue (inventory stream records put
 * there by the inventory-changes pipe), sends low-stock alerts through `store.alerts.check` and keeps
 * each product's `stockStatus` (the status index of the inventory listing) with `syncStockStatus`.
 * Each failed record is reported in `batchItemFailures`, so only it is retried and, after the
 * queue's maxReceiveCount, moved to the DLQ; the rest of the batch is acknowledged.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { AlertService, createStorefront, syncStockStatus, type Storefront } from '@store-front/sdk';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** Options of {@link createInventoryCheckerHandler}. */
export interface InventoryCheckerOptions {
  /** The store to check with; default: `createStorefront()` from the environment, on first use. */
  readonly store?: Storefront;
  /** Where to log; default: a Powertools logger for service `inventory-checker`. */
  readonly logger?: Logger;
  /**
   * ARN of the low-stock topic. Default: env `STOREFRONT_LOW_STOCK_TOPIC_ARN`, else looked up by
   * name (see `AlertServiceOptions.topicArn`).
   */
  readonly topicArn?: string;
}

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
  const logger = options.logger ?? new Logger({ serviceName: 'inventory-checker' });
  let alerts: AlertService | undefined;
  let store: Storefront | undefined;
  const alertService = () => {
    if (!alerts) {
      store = options.store ?? createStorefront();
      const topicArn = options.topicArn ?? process.env.STOREFRONT_LOW_STOCK_TOPIC_ARN;
      alerts = topicArn ? new AlertService(store.clients, store.config, { topicArn }) : store.alerts;
    }
    return alerts;
  };

  const checkRecord = async (record: SQSRecord): Promise<void> => {
    try {
      const body = parseBody(record.body);
      const result = await alertService().check(body);
      // The same record keeps the managers' status index (GET /inventory?status=) in step.
      await syncStockStatus(store!.clients.documents, store!.config.tables.inventory, body);
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

/** The Lambda entry point (store and topic from the environment). */
export const handler: InventoryCheckerHandler = createInventoryCheckerHandler();
