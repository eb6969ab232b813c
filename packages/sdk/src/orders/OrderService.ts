import { randomUUID } from 'node:crypto';
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { batchGetItems } from '../batchGet.js';
import type { StorefrontConfig } from '../config.js';
import { InternalError, OutOfStockError, type StockShortage } from '../errors.js';
import { notFound } from '../notFound.js';
import { multiplyMoney, sumMoney } from '../money.js';
import { IdempotentRequest, idempotencyRecordPrefix, type TransactItem } from '../idempotency.js';
import { markReplayed } from '../idempotentReplay.js';
import { ordersDayIndex } from '../resources.js';
import { Backoff, contentionError, isRetryableAwsError, isRetryableCancellation, type BackoffOptions } from '../retry.js';
import { parseInput } from '../schemas.js';
import type { Order, OrderLine, OrderRequest, OrdersApi, PlaceOrderOptions } from '../types.js';
import { orderDayShard } from './dayShard.js';
import { orderIdSchema, orderRequestSchema } from './schema.js';

/** A product's price and category as last read from the catalog; the order transaction guards both. */
interface PriceEntry {
  readonly cost: number;
  readonly category: string;
}

// A transaction that met a changed price is rebuilt with the fresh one, at once, at most this often.
const maxPriceChanges = 5;

/**
 * Orders over DynamoDB. An order is one TransactWriteItems: per line a price check on the catalog,
 * a conditional stock decrement and the order line; plus the idempotency record when a key is given.
 * Prices and categories are cached per instance and guarded by the transaction (a changed one is
 * retried at the fresh values), so a warm order is one AWS call.
 *
 * @group Orders
 */
export class OrderService implements OrdersApi {
  private readonly prices = new Map<string, PriceEntry>();

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
    private readonly backoff: BackoffOptions = {},
  ) {}

  async place(request: OrderRequest, options: PlaceOrderOptions = {}): Promise<Order> {
    const { items: lines } = parseInput(orderRequestSchema, request, 'order');
    const idempotent = options.idempotencyKey === undefined ? undefined : IdempotentRequest.of(options.idempotencyKey, 'order', canonicalLines(lines));

    await this.loadPrices(lines.map((line) => line.product));
    const backoff = new Backoff(this.backoff);
    for (let priceChanges = 0; ; ) {
      const order = this.buildOrder(lines);
      try {
        await this.documents.send(new TransactWriteCommand({ TransactItems: this.transactItems(order, idempotent) }));
        return order;
      } catch (error) {
        const outcome = this.outcomeOf(error, order, idempotent);
        if (outcome.replayOf) return markReplayed(await this.get(outcome.replayOf.orderId as string));
        if (outcome.unknownProducts.length > 0) throw notFound('product', outcome.unknownProducts);
        if (outcome.shortages.length > 0) throw new OutOfStockError(outcome.shortages);
        // Retry only what a retry can fix: a changed price or category (the cache now holds the fresh one; at once)
        // or a conflict or throttling (after a backoff, within the budget). Anything else is not the caller's doing.
        if (outcome.retryable) {
          if (await backoff.wait()) continue;
          throw contentionError(error);
        }
        if (outcome.pricesChanged && ++priceChanges < maxPriceChanges) continue;
        throw new InternalError('The order could not be placed', { cause: error });
      }
    }
  }

  /** What a failed transaction means; an error that is no cancellation is rethrown unless retryable. */
  private outcomeOf(error: unknown, order: Order, idempotent: IdempotentRequest | undefined) {
    if (error instanceof TransactionCanceledException) {
      return this.readCancellation(error.CancellationReasons ?? [], order, idempotent);
    }
    if (!isRetryableAwsError(error)) throw error;
    return { shortages: [], unknownProducts: [], pricesChanged: false, retryable: true, replayOf: undefined };
  }

  async get(orderId: string): Promise<Order> {
    parseInput(orderIdSchema, orderId, 'order id', 'orderId');
    if (orderId.startsWith(idempotencyRecordPrefix)) throw notFound('order', orderId);
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.config.tables.orders,
        KeyConditionExpression: 'OrderId = :orderId',
        ExpressionAttributeValues: { ':orderId': orderId },
        ConsistentRead: true,
      }),
    );
    if (Items.length === 0) throw notFound('order', orderId);
    const byPosition = [...Items].sort((a, b) => ((a.line as number) ?? 0) - ((b.line as number) ?? 0));
    const items: OrderLine[] = byPosition.map((item) => ({
      product: item.product as string,
      quantity: item.quantity as number,
      unitCost: item.unitCost as number,
      lineTotal: multiplyMoney(item.unitCost as number, item.quantity as number),
    }));
    return { orderId, orderDate: Items[0]!.orderDate as string, items, total: totalOf(items) };
  }

  /** Reads the prices of products not cached yet, in one BatchGet; unknown products are a NotFoundError. */
  private async loadPrices(products: string[]): Promise<void> {
    const missing = products.filter((product) => !this.prices.has(product));
    if (missing.length === 0) return;
    const items = await batchGetItems(
      this.documents,
      this.config.tables.productCatalog,
      missing.map((product) => ({ product })),
      'product, cost, category',
    );
    for (const item of items) this.rememberPrice(item);
    const unknown = missing.filter((product) => !this.prices.has(product));
    if (unknown.length > 0) throw notFound('product', unknown);
  }

  private rememberPrice(item: Record<string, unknown>): void {
    this.prices.set(item.product as string, { cost: item.cost as number, category: item.category as string });
  }

  private buildOrder(lines: ReadonlyArray<{ product: string; quantity: number }>): Order {
    const items = lines.map(({ product, quantity }) => {
      const { cost } = this.prices.get(product)!;
      return { product, quantity, unitCost: cost, lineTotal: multiplyMoney(cost, quantity) };
    });
    return { orderId: randomUUID(), orderDate: new Date().toISOString(), items, total: totalOf(items) };
  }

  /** The order's transaction: per line [price check, stock decrement, order line], then the idempotency record. */
  private transactItems(order: Order, idempotent: IdempotentRequest | undefined): TransactItem[] {
    const { tables } = this.config;
    const dayShard = orderDayShard(order.orderId, order.orderDate);
    const transactItems: TransactItem[] = order.items.flatMap((line, position): TransactItem[] => [
      {
        // Guards everything the line copies from the cached catalog entry (price and category).
        ConditionCheck: {
          TableName: tables.productCatalog,
          Key: { product: line.product },
          ConditionExpression: 'cost = :cost AND category = :category',
          ExpressionAttributeValues: { ':cost': line.unitCost, ':category': this.prices.get(line.product)!.category },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Update: {
          TableName: tables.inventory,
          Key: { product: line.product },
          UpdateExpression: 'SET quantity = quantity - :quantity, updatedAt = :now',
          ConditionExpression: 'quantity >= :quantity',
          ExpressionAttributeValues: { ':quantity': line.quantity, ':now': order.orderDate },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Put: {
          TableName: tables.orders,
          Item: {
            OrderId: order.orderId,
            product: line.product,
            orderDate: order.orderDate,
            quantity: line.quantity,
            unitCost: line.unitCost,
            category: this.prices.get(line.product)!.category,
            // Lines are stored by product; their position restores the order as it was placed.
            line: position,
            [ordersDayIndex.partitionKey.name]: dayShard,
          },
        },
      },
    ]);
    if (idempotent) transactItems.push(idempotent.recordPut(tables.orders, { orderId: order.orderId }, new Date(order.orderDate)));
    return transactItems;
  }

  /** Reads why a transaction was cancelled from its reasons (one per action, in order). */
  private readCancellation(reasons: CancellationReason[], order: Order, idempotent: IdempotentRequest | undefined) {
    const shortages: StockShortage[] = [];
    const unknown: string[] = [];
    let pricesChanged = false;
    const failed = (reason: CancellationReason | undefined) => reason?.Code === 'ConditionalCheckFailed';
    const oldItem = (reason: CancellationReason | undefined) => (reason?.Item ? unmarshall(reason.Item) : undefined);

    order.items.forEach((line, index) => {
      const [priceCheck, stockUpdate] = [reasons[index * 3], reasons[index * 3 + 1]];
      if (failed(priceCheck)) {
        const current = oldItem(priceCheck);
        if (current) {
          this.rememberPrice(current);
          pricesChanged = true;
        } else {
          this.prices.delete(line.product);
          unknown.push(line.product);
        }
      }
      if (failed(stockUpdate)) {
        const available = (oldItem(stockUpdate)?.quantity as number | undefined) ?? 0;
        shortages.push({ product: line.product, requested: line.quantity, available });
      }
    });
    const replayOf = idempotent?.replayFrom(reasons[order.items.length * 3]);
    return { shortages, unknownProducts: unknown, pricesChanged, retryable: isRetryableCancellation(reasons), replayOf };
  }
}

function totalOf(items: readonly OrderLine[]): number {
  return sumMoney(items.map((line) => line.lineTotal));
}

/** The order's lines in one form whatever their order or request form, for the idempotency hash. */
function canonicalLines(lines: ReadonlyArray<{ product: string; quantity: number }>): Array<[string, number]> {
  const sorted = [...lines].sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  return sorted.map((line) => [line.product, line.quantity]);
}
