import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { z } from 'zod';
import { batchGetItems } from '../batchGet.js';
import type { StorefrontConfig } from '../config.js';
import { IdempotentRequest } from '../idempotency.js';
import { markReplayed } from '../idempotentReplay.js';
import { listingUpdate, updateExpression } from '../inStockListing.js';
import { Backoff, contentionError, isRetryableAwsError, isRetryableCancellation, retryingWrite, type BackoffOptions } from '../retry.js';
import { parseInput } from '../schemas.js';
import { defaultLowStockThreshold } from '../lowStockThreshold.js';
import { inventoryListingIndex } from '../resources.js';
import type {
  AdjustOptions,
  InventoryApi,
  InventoryItem,
  InventoryItemInput,
  InventoryListOptions,
  InventoryPage,
  InventorySummary,
  StockLevel,
} from '../types.js';
import { InventoryListing } from './InventoryListing.js';
import { inventoryAdjustSchema, inventoryItemSchema, inventoryPutSchema } from './schema.js';
import { adjustmentRefusal, adjustmentUpdate, type StockAdjustment } from './stockAdjustment.js';

/**
 * Inventory administration over DynamoDB.
 *
 * @group Inventory
 */
export class InventoryService implements InventoryApi {
  private readonly listing: InventoryListing;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
    private readonly backoff: BackoffOptions = {},
  ) {
    this.listing = new InventoryListing(documents, config);
  }

  /**
   * One page of every product, sold-out ones included, sorted by name, with its stock and status;
   * `status` and `category` filter it. Three DynamoDB calls per page (four or six with both filters).
   * The status filter follows stock changes within about a second (the inventory stream keeps it).
   *
   * @example
   * ```ts
   * const { items, nextCursor } = await store.inventory.list({ status: 'OUT' });
   * for (const item of items) console.log(item.product, item.quantity, item.status);
   * ```
   */
  list(options: InventoryListOptions = {}): Promise<InventoryPage> {
    return this.listing.list(options);
  }

  /**
   * How many products are `OK`, `LOW` and `OUT` (counted on the status index).
   *
   * @example
   * ```ts
   * const { OUT } = await store.inventory.summary();
   * ```
   */
  summary(): Promise<InventorySummary> {
    return this.listing.summary();
  }

  /**
   * Writes every product's details and stock in ONE transaction (1–50 products), so a product is
   * never visible with details but no stock, and a list is written whole or not at all. Conflicts
   * with concurrent orders and throttling are retried with backoff; past the budget it throws
   * `TryAgainError` with nothing written. A threshold left out keeps an existing product's own (a
   * feed without thresholds never resets a manager's setting); those are read back in one BatchGet,
   * so the result shows every product as stored.
   */
  async put(input: InventoryItemInput | readonly InventoryItemInput[]): Promise<{
    /** The products as written, in request order. */
    items: InventoryItem[];
  }> {
    // One product's rejected fields are named as they were sent (`cost`, not `0.cost`).
    const items = Array.isArray(input) ? parseInput(inventoryPutSchema, input, 'inventory items') : [parseInput(inventoryItemSchema, input, 'inventory item')];
    const now = new Date().toISOString();
    const transactItems = items.flatMap((item) => [
      {
        Put: {
          TableName: this.config.tables.productCatalog,
          Item: { product: item.product, category: item.category, description: item.description, cost: item.cost },
        },
      },
      { Update: this.stockUpdate(item, now) },
    ]);
    await retryingWrite(() => this.documents.send(new TransactWriteCommand({ TransactItems: transactItems })), this.backoff);
    const unstated = items.filter((item) => item.lowStockThreshold === undefined);
    const thresholds = new Map<string, number>();
    if (unstated.length > 0) {
      const stored = await batchGetItems(
        this.documents,
        this.config.tables.inventory,
        unstated.map((item) => ({ product: item.product })),
        'product, lowStockThreshold',
        true,
      );
      for (const item of stored) thresholds.set(item.product as string, item.lowStockThreshold as number);
    }
    return {
      items: items.map((item) => ({
        ...item,
        lowStockThreshold: item.lowStockThreshold ?? thresholds.get(item.product) ?? defaultLowStockThreshold,
      })),
    };
  }

  /**
   * The stock item's update: quantity, threshold and the catalog listing's copy of the details
   * (listed while in stock). An update, not a put, keeps attributes other features add to the item.
   */
  private stockUpdate(item: z.output<typeof inventoryItemSchema>, now: string) {
    const listing = listingUpdate(item, item.quantity);
    const threshold = item.lowStockThreshold === undefined ? 'if_not_exists(lowStockThreshold, :threshold)' : ':threshold';
    // The managers' listing key is constant: it goes into their index once, when the product is created.
    const set = ['quantity = :quantity', 'updatedAt = :now', `lowStockThreshold = ${threshold}`, '#inventoryListing = :inventoryListing', ...listing.set];
    return {
      TableName: this.config.tables.inventory,
      Key: { product: item.product },
      UpdateExpression: updateExpression({ set, remove: listing.remove }),
      ExpressionAttributeNames: { ...listing.names, '#inventoryListing': inventoryListingIndex.partitionKey.name },
      ExpressionAttributeValues: {
        ':quantity': item.quantity,
        ':now': now,
        ':threshold': item.lowStockThreshold ?? defaultLowStockThreshold,
        ':inventoryListing': inventoryListingIndex.listingValue,
        ...listing.values,
      },
    };
  }

  /**
   * Adds `delta` atomically against concurrent orders, never below 0. Without an idempotency key it
   * is one conditional update; with one, the update and the key's record are one transaction (the
   * update conditioned on the stock just read, so the record holds the result), and the same key
   * with the same adjustment returns the first result without applying it again. Conflicts and
   * throttling are retried with backoff; past the budget it throws `TryAgainError`.
   */
  async adjust(product: string, delta: number, options: AdjustOptions = {}): Promise<StockLevel> {
    const { idempotencyKey, ...rest } = options;
    const adjustment = parseInput(inventoryAdjustSchema, { product, delta, ...rest }, 'stock adjustment');
    if (idempotencyKey === undefined) return retryingWrite(() => this.adjustOnce(adjustment), this.backoff);
    const idempotent = IdempotentRequest.of(idempotencyKey, 'adjustment', [adjustment.product, adjustment.delta, adjustment.reason ?? null]);
    const backoff = new Backoff(this.backoff);
    for (;;) {
      const outcome = await this.adjustWithRecord(adjustment, idempotent);
      if ('product' in outcome) return outcome;
      if (!(await backoff.wait())) throw contentionError(outcome.retry);
    }
  }

  private async adjustOnce(adjustment: StockAdjustment): Promise<StockLevel> {
    try {
      const { Attributes } = await this.documents.send(
        // ALL_NEW: UPDATED_NEW leaves out a quantity a zero delta did not change.
        new UpdateCommand({ ...adjustmentUpdate(this.config.tables.inventory, adjustment), ReturnValues: 'ALL_NEW' }),
      );
      return { product: adjustment.product, quantity: Attributes!.quantity as number };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw adjustmentRefusal(adjustment, error.Item ? (unmarshall(error.Item) as { quantity: number }) : undefined) ?? error;
    }
  }

  /** One attempt of a keyed adjustment: its result (first or replayed), or what to retry after a pause. */
  private async adjustWithRecord(adjustment: StockAdjustment, idempotent: IdempotentRequest): Promise<StockLevel | { retry: unknown }> {
    const { tables } = this.config;
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: tables.inventory, Key: { product: adjustment.product }, ProjectionExpression: 'quantity', ConsistentRead: true }),
    );
    const expected = (Item?.quantity as number | undefined) ?? 0;
    const result: StockLevel = { product: adjustment.product, quantity: expected + adjustment.delta };
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: adjustmentUpdate(tables.inventory, adjustment, expected) },
            idempotent.recordPut(tables.orders, { response: result }, new Date()),
          ],
        }),
      );
      return result;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) {
        if (isRetryableAwsError(error)) return { retry: error };
        throw error;
      }
      const [stockReason, recordReason] = error.CancellationReasons ?? [];
      const replay = idempotent.replayFrom(recordReason);
      if (replay) return markReplayed({ ...(replay.response as StockLevel) });
      if (isRetryableCancellation(error.CancellationReasons ?? [])) return { retry: error };
      const current = stockReason?.Item ? (unmarshall(stockReason.Item) as { quantity: number }) : undefined;
      const refusal = adjustmentRefusal(adjustment, current);
      if (refusal) throw refusal;
      // The stock moved between the read and the write: read it again (after a pause, within the budget).
      return { retry: error };
    }
  }
}
