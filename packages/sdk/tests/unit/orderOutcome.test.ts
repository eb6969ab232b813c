import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { IdempotencyConflictError, NotFoundError, OutOfStockError, resolveConfig } from '../../src/index.js';
import { OrderService } from '../../src/orders/OrderService.js';

const config = resolveConfig({ region: 'us-east-1', cursorSecret: 'unit-test-cursor-secret-0123' }, {});
const documents = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

/** A cancelled order transaction: one reason per action (price check, stock update, line; then the key). */
function cancelled(reasons: Array<{ Code: string; Item?: Record<string, unknown> }>) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons.map((reason) => ({ Code: reason.Code, ...(reason.Item ? { Item: marshall(reason.Item) } : {}) })),
  });
}

const none = { Code: 'None' };
const failed = (Item?: Record<string, unknown>) => ({ Code: 'ConditionalCheckFailed', ...(Item ? { Item } : {}) });

beforeEach(() => {
  documents.reset();
  documents.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ product: string }> }> }) => {
    const [table, { Keys }] = Object.entries(input.RequestItems)[0]!;
    return { Responses: { [table]: Keys.map(({ product }) => ({ product, cost: 2.5, category: 'Kitchen' })) } };
  });
});

describe('the outcome of an order, read from its cancellation reasons', () => {
  it('places an order in one transaction, with exact line totals and total', async () => {
    // Prepare
    documents.on(TransactWriteCommand).resolves({});
    // Act
    const order = await new OrderService(client, config).place({ items: [{ product: 'Mug', quantity: 3 }, { product: 'Tea', quantity: 1 }] });
    // Assess
    expect(order.items.map((line) => line.lineTotal)).toEqual([7.5, 2.5]);
    expect(order.total).toBe(10);
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('names every short line with what is available', async () => {
    documents.on(TransactWriteCommand).rejects(cancelled([none, failed({ product: 'Mug', quantity: 1 }), none, none, failed({ product: 'Tea', quantity: 0 }), none]));
    const error = await new OrderService(client, config)
      .place({ items: [{ product: 'Mug', quantity: 3 }, { product: 'Tea', quantity: 1 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfStockError);
    expect((error as OutOfStockError).shortages).toEqual([
      { product: 'Mug', requested: 3, available: 1 },
      { product: 'Tea', requested: 1, available: 0 },
    ]);
  });

  it('reads a failed price check without an old item as an unknown product', async () => {
    documents.on(TransactWriteCommand).rejects(cancelled([failed(), none, none]));
    await expect(new OrderService(client, config).place({ product: 'Gone', quantity: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('retries at the fresh price when the price changed, once', async () => {
    documents
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled([failed({ product: 'Mug', cost: 3, category: 'Kitchen' }), none, none]))
      .resolves({});
    const order = await new OrderService(client, config).place({ product: 'Mug', quantity: 2 });
    expect(order.total).toBe(6);
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('replays the first order for the same key and body, and refuses another body', async () => {
    const service = new OrderService(client, config);
    documents.on(TransactWriteCommand).resolves({});
    const first = await service.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'cart-1' });
    const firstHash = (documents.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!.at(-1)!.Put!.Item as { requestHash: string }).requestHash;
    documents.on(TransactWriteCommand).rejects(cancelled([none, none, none, failed({ orderId: first.orderId, requestHash: firstHash })]));
    documents.on(QueryCommand).resolves({ Items: [{ OrderId: first.orderId, product: 'Mug', quantity: 1, unitCost: 2.5, orderDate: first.orderDate, line: 0 }] });
    expect(await service.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'cart-1' })).toEqual(first);
    await expect(service.place({ product: 'Mug', quantity: 2 }, { idempotencyKey: 'cart-1' })).rejects.toBeInstanceOf(IdempotencyConflictError);
  });
});
