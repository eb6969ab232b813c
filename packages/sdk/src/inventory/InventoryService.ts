import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { z } from 'zod';
import { batchGetItems } from '../batchGet.js';
import type { StorefrontConfig } from '../config.js';
import { listingUpdate, updateExpression } from '../inStockListing.js';
import { NotFoundError, OutOfStockError, ValidationError } from '../errors.js';
import { parseInput } from '../schemas.js';
import type { AdjustOptions, InventoryApi, InventoryItem, InventoryItemInput, StockLevel } from '../types.js';
import { defaultStockThreshold, inventoryAdjustSchema, type inventoryItemSchema, inventoryPutSchema, maxStockQuantity } from './schema.js';

// A product is two writes (catalog + inventory); DynamoDB transactions take at most 100 actions.
const productsPerTransaction = 50;

/** Inventory administration over DynamoDB. */
export class InventoryService implements InventoryApi {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  /**
   * Writes each product's details and stock together in a transaction (50 products per transaction),
   * so a product is never visible with details but no stock, or the reverse. A threshold left out
   * keeps an existing product's own (a feed without thresholds never resets a manager's setting);
   * those are read back in one BatchGet, so the result shows every product as stored.
   */
  async put(input: InventoryItemInput | readonly InventoryItemInput[]): Promise<{ items: InventoryItem[] }> {
    const items = parseInput(inventoryPutSchema, Array.isArray(input) ? input : [input], 'inventory items');
    const now = new Date().toISOString();
    for (let start = 0; start < items.length; start += productsPerTransaction) {
      const chunk = items.slice(start, start + productsPerTransaction);
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: chunk.flatMap((item) => [
            {
              Put: {
                TableName: this.config.tables.productCatalog,
                Item: { product: item.product, category: item.category, description: item.description, cost: item.cost },
              },
            },
            { Update: this.stockUpdate(item, now) },
          ]),
        }),
      );
    }
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
        lowStockThreshold: item.lowStockThreshold ?? thresholds.get(item.product) ?? defaultStockThreshold,
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
    const set = ['quantity = :quantity', 'updatedAt = :now', `lowStockThreshold = ${threshold}`, ...listing.set];
    return {
      TableName: this.config.tables.inventory,
      Key: { product: item.product },
      UpdateExpression: updateExpression({ set, remove: listing.remove }),
      ExpressionAttributeNames: listing.names,
      ExpressionAttributeValues: {
        ':quantity': item.quantity,
        ':now': now,
        ':threshold': item.lowStockThreshold ?? defaultStockThreshold,
        ...listing.values,
      },
    };
  }

  /**
   * Adds `delta` in one conditional update: atomic against concurrent orders, never below 0. The
   * catalog listing follows through the inventory stream (stock taken to 0 unlists the product, a
   * restock lists it again).
   */
  async adjust(product: string, delta: number, options: AdjustOptions = {}): Promise<StockLevel> {
    const input = parseInput(inventoryAdjustSchema, { product, delta, ...options }, 'stock adjustment');
    const needed = Math.max(0, -input.delta);
    const ceiling = maxStockQuantity - Math.max(0, input.delta);
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: this.config.tables.inventory,
          Key: { product: input.product },
          UpdateExpression: `SET quantity = quantity + :delta, updatedAt = :now${input.reason === undefined ? '' : ', lastAdjustmentReason = :reason'}`,
          ConditionExpression: 'attribute_exists(product) AND quantity >= :needed AND quantity <= :ceiling',
          ExpressionAttributeValues: {
            ':delta': input.delta,
            ':now': new Date().toISOString(),
            ':needed': needed,
            ':ceiling': ceiling,
            ...(input.reason === undefined ? {} : { ':reason': input.reason }),
          },
          // ALL_NEW: UPDATED_NEW leaves out a quantity a zero delta did not change.
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { product: input.product, quantity: Attributes!.quantity as number };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ? (unmarshall(error.Item) as { quantity: number }) : undefined;
      if (!current) throw new NotFoundError(`Unknown product: ${input.product}`, { details: { product: input.product } });
      if (current.quantity < needed) {
        throw new OutOfStockError([{ product: input.product, requested: needed, available: current.quantity }]);
      }
      throw new ValidationError(`Stock of ${input.product} would exceed ${maxStockQuantity}`, {
        details: [{ path: 'delta', message: `would take stock from ${current.quantity} above ${maxStockQuantity}` }],
      });
    }
  }
}
