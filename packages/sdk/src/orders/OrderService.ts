import { createHash, randomUUID } from 'node:crypto';
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { batchGetItems } from '../batchGet.js';
import type { StorefrontConfig } from '../config.js';
import { IdempotencyConflictError, InternalError, NotFoundError, OutOfStockError, type StockShortage } from '../errors.js';
import { fromCents, toCents } from '../money.js';
import { idempotencyRetentionSeconds, ordersDayIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import type { Order, OrderLine, OrderRequest, OrdersApi, PlaceOrderOptions } from '../types.js';
import { orderDayShard } from './dayShard.js';
import { idempotencyKeySchema, orderIdSchema, orderRequestSchema } from './schema.js';

/** A product's price and category as last read from the catalog; the order transaction guards both. */
interface PriceEntry {
  readonly cost: number;
  readonly category: string;
}

/** An idempotency record: the key's order and the hash of the request that created it. */
interface IdempotencyRecord {
  readonly orderId: string;
  readonly requestHash: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const idempotencyPrefix = 'idempotency#';
const idempotencySortKey = '#';
// Transactions that lose a race (stale price, conflicting transaction) are rebuilt and retried this often.
const maxAttempts = 5;

/**
 * Orders over DynamoDB. An order is one TransactWriteItems: per line a price check on the catalog,
 * a conditional stock decrement and the order line; plus the idempotency record when a key is given.
 * Prices and categories are cached per instance and guarded by the transaction (a changed one is
 * retried at the fresh values), so a warm order is one AWS call.
 */
export class OrderService implements OrdersApi {
  private readonly prices = new Map<string, PriceEntry>();

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  async place(request: OrderRequest, options: PlaceOrderOptions = {}): Promise<Order> {
    const { items: lines } = parseInput(orderRequestSchema, request, 'order');
    const idempotencyKey =
      options.idempotencyKey === undefined ? undefined : parseInput(idempotencyKeySchema, options.idempotencyKey, 'idempotency key', 'idempotencyKey');
    const requestHash = hashRequest(lines);

    await this.loadPrices(lines.map((line) => line.product));
    for (let attempt = 1; ; attempt++) {
      const order = this.buildOrder(lines);
      try {
        await this.documents.send(new TransactWriteCommand({ TransactItems: this.transactItems(order, idempotencyKey, requestHash) }));
        return order;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const outcome = this.readCancellation(error.CancellationReasons ?? [], order, idempotencyKey !== undefined);
        if (outcome.replayOf) {
          if (outcome.replayOf.requestHash !== requestHash) throw new IdempotencyConflictError(idempotencyKey!);
          return this.get(outcome.replayOf.orderId);
        }
        if (outcome.unknownProducts.length > 0) throw unknownProducts(outcome.unknownProducts);
        if (outcome.shortages.length > 0) throw new OutOfStockError(outcome.shortages);
        // Retry only what a retry can fix: a changed price or category (the cache now holds the fresh one) or a
        // transaction conflict (back off first). Anything else is not the caller's doing.
        if (!outcome.pricesChanged && !outcome.conflicted) {
          throw new InternalError('The order could not be placed', { cause: error });
        }
        if (attempt >= maxAttempts) {
          throw new InternalError('The order could not be placed: too many concurrent changes, try again', { cause: error });
        }
        if (outcome.conflicted) await sleep(20 * 2 ** attempt * Math.random());
      }
    }
  }

  async get(orderId: string): Promise<Order> {
    parseInput(orderIdSchema, orderId, 'order id', 'orderId');
    const notFound = () => new NotFoundError(`Unknown order: ${orderId}`, { details: { orderId } });
    if (orderId.startsWith(idempotencyPrefix)) throw notFound();
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.config.tables.orders,
        KeyConditionExpression: 'OrderId = :orderId',
        ExpressionAttributeValues: { ':orderId': orderId },
        ConsistentRead: true,
      }),
    );
    if (Items.length === 0) throw notFound();
    const byPosition = [...Items].sort((a, b) => ((a.line as number) ?? 0) - ((b.line as number) ?? 0));
    const items: OrderLine[] = byPosition.map((item) => ({
      product: item.product as string,
      quantity: item.quantity as number,
      unitCost: item.unitCost as number,
      lineTotal: fromCents(toCents(item.unitCost as number) * (item.quantity as number)),
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
    if (unknown.length > 0) throw unknownProducts(unknown);
  }

  private rememberPrice(item: Record<string, unknown>): void {
    this.prices.set(item.product as string, { cost: item.cost as number, category: item.category as string });
  }

  private buildOrder(lines: ReadonlyArray<{ product: string; quantity: number }>): Order {
    const items = lines.map(({ product, quantity }) => {
      const { cost } = this.prices.get(product)!;
      return { product, quantity, unitCost: cost, lineTotal: fromCents(toCents(cost) * quantity) };
    });
    return { orderId: randomUUID(), orderDate: new Date().toISOString(), items, total: totalOf(items) };
  }

  /** The order's transaction: per line [price check, stock decrement, order line], then the idempotency record. */
  private transactItems(order: Order, idempotencyKey: string | undefined, requestHash: string): TransactItem[] {
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
    if (idempotencyKey !== undefined) {
      transactItems.push({
        Put: {
          TableName: tables.orders,
          Item: {
            OrderId: idempotencyPrefix + idempotencyKey,
            product: idempotencySortKey,
            orderId: order.orderId,
            requestHash,
            expiresAt: Math.floor(Date.parse(order.orderDate) / 1000) + idempotencyRetentionSeconds,
          },
          ConditionExpression: 'attribute_not_exists(OrderId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    return transactItems;
  }

  /** Reads why a transaction was cancelled from its reasons (one per action, in order). */
  private readCancellation(reasons: CancellationReason[], order: Order, withIdempotency: boolean) {
    const shortages: StockShortage[] = [];
    const unknown: string[] = [];
    let pricesChanged = false;
    let replayOf: IdempotencyRecord | undefined;
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
    if (withIdempotency) {
      const reason = reasons[order.items.length * 3];
      if (failed(reason)) replayOf = oldItem(reason) as IdempotencyRecord | undefined;
    }
    const conflicted = reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError');
    return { shortages, unknownProducts: unknown, pricesChanged, conflicted, replayOf };
  }
}

function totalOf(items: readonly OrderLine[]): number {
  return fromCents(items.reduce((cents, line) => cents + toCents(line.lineTotal), 0));
}

/** A stable hash of the order's lines, whatever their order or request form. */
function hashRequest(lines: ReadonlyArray<{ product: string; quantity: number }>): string {
  const canonical = [...lines].sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(canonical.map((line) => [line.product, line.quantity]))).digest('base64url');
}

function unknownProducts(products: string[]): NotFoundError {
  return new NotFoundError(`Unknown product${products.length > 1 ? 's' : ''}: ${products.join(', ')}`, {
    details: { products },
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
