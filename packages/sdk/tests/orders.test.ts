import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createStorefront,
  IdempotencyConflictError,
  NotFoundError,
  OutOfStockError,
  TryAgainError,
  ValidationError,
  isReplayed,
} from '../src/index.js';
import { createTestStore, injectFault, product, readStock, scanOrderLines, throughputExceeded, transactionConflict } from './support.js';

let ctx: Awaited<ReturnType<typeof createTestStore>>;
beforeAll(async () => {
  ctx = await createTestStore();
  await ctx.store.inventory.put([
    product('Mug', 100, 12.5, { category: 'Kitchen' }),
    product('Tea', 100, 0.1, { category: 'Pantry' }),
    product('Pot', 3, 30),
    product('Lid', 2, 2.25),
    ...Array.from({ length: 25 }, (_, i) => product(`Line ${i}`, 50, 1.01)),
  ]);
});

/** A store over the same tables with a cold price cache. */
function coldStore() {
  return createStorefront({ ...ctx.settings, clients: ctx.clients });
}

describe('orders.place', () => {
  it('places the seed form and the items form, with exact money, and persists the order', async () => {
    const seedForm = await ctx.store.orders.place({ product: 'Tea', quantity: 3 });
    expect(seedForm.items).toEqual([{ product: 'Tea', quantity: 3, unitCost: 0.1, lineTotal: 0.3 }]);
    expect(seedForm.total).toBe(0.3);
    expect(seedForm.orderDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const order = await ctx.store.orders.place({ items: [{ product: 'Mug', quantity: 2 }, { product: 'Tea', quantity: 7 }] });
    expect(order.total).toBe(25.7);
    expect(await ctx.store.orders.get(order.orderId)).toEqual(order);
    const lines = (await scanOrderLines(ctx)).filter((line) => line.OrderId === order.orderId);
    expect(lines).toHaveLength(2);
    // Every line carries the write-sharded day index key from the start.
    for (const line of lines) expect(line.dayShard).toMatch(new RegExp(`^${order.orderDate.slice(0, 10)}#[0-7]$`));
    expect(lines.find((line) => line.product === 'Mug')).toMatchObject({ category: 'Kitchen', unitCost: 12.5, quantity: 2 });
  });

  it('costs one call warm and at most two cold, for 1 and 25 lines', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => ({ product: `Line ${i}`, quantity: 1 }));
    const cold = coldStore();
    ctx.calls.reset();
    await cold.orders.place({ items: lines });
    expect(ctx.calls.total).toBe(2);
    ctx.calls.reset();
    await cold.orders.place({ items: lines });
    expect(ctx.calls.total).toBe(1);
    ctx.calls.reset();
    await cold.orders.place({ product: 'Line 0', quantity: 1 });
    expect(ctx.calls.total).toBe(1);
  });

  it('rejects a short order in one call with each short line, and changes nothing', async () => {
    // Warm the price cache of every product involved.
    await ctx.store.orders.place({ items: [{ product: 'Pot', quantity: 1 }, { product: 'Lid', quantity: 1 }] });
    const stockBefore = await readStock(ctx);
    const linesBefore = (await scanOrderLines(ctx)).length;
    ctx.calls.reset();
    const error = await ctx.store.orders
      .place({ items: [{ product: 'Mug', quantity: 1 }, { product: 'Pot', quantity: 5 }, { product: 'Lid', quantity: 2 }] })
      .catch((e: unknown) => e);
    expect(ctx.calls.total).toBe(1);
    expect(error).toBeInstanceOf(OutOfStockError);
    expect((error as OutOfStockError).shortages).toEqual([
      { product: 'Pot', requested: 5, available: 2 },
      { product: 'Lid', requested: 2, available: 1 },
    ]);
    expect(await readStock(ctx)).toEqual(stockBefore);
    expect((await scanOrderLines(ctx)).length).toBe(linesBefore);
  });

  it('rejects unknown products with NotFoundError and writes nothing', async () => {
    const linesBefore = (await scanOrderLines(ctx)).length;
    const error = await ctx.store.orders.place({ items: [{ product: 'Mug', quantity: 1 }, { product: 'Unicorn', quantity: 1 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('Unicorn');
    expect((await scanOrderLines(ctx)).length).toBe(linesBefore);
  });

  it('never charges a stale cached price: the transaction guards it and the order uses the new one', async () => {
    await ctx.store.inventory.put(product('Vase', 10, 20));
    const store = coldStore();
    await store.orders.place({ product: 'Vase', quantity: 1 }); // caches 20
    await ctx.store.inventory.put(product('Vase', 9, 25.5)); // price rises elsewhere
    ctx.calls.reset();
    const order = await store.orders.place({ product: 'Vase', quantity: 2 });
    expect(order.items[0]).toMatchObject({ unitCost: 25.5, lineTotal: 51 });
    expect(order.total).toBe(51);
    // The failed attempt's cancellation reasons carried the fresh price: no extra read.
    expect([...ctx.calls.counts.entries()]).toEqual([['TransactWriteItemsCommand', 2]]);
    expect((await ctx.store.orders.get(order.orderId)).items[0]!.unitCost).toBe(25.5);
  });

  it('reports a product deleted after its price was cached as not found', async () => {
    await ctx.store.inventory.put(product('Ghost', 10, 1));
    const store = coldStore();
    await store.orders.place({ product: 'Ghost', quantity: 1 });
    await ctx.clients.documents.send(new DeleteCommand({ TableName: ctx.config.tables.productCatalog, Key: { product: 'Ghost' } }));
    await expect(store.orders.place({ product: 'Ghost', quantity: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect((await readStock(ctx)).get('Ghost')).toBe(9);
  });

  it('retries a transaction that lost a conflict, and places the order once', async () => {
    const store = coldStore();
    await store.orders.place({ product: 'Mug', quantity: 1 });
    const stockBefore = (await readStock(ctx)).get('Mug')!;
    let injected = 0;
    // Real DynamoDB cancels a transaction that races another on the same item; moto (serialized) never does.
    ctx.clients.dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && injected++ === 0) {
          throw new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }],
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectConflict' },
    );
    try {
      const order = await store.orders.place({ product: 'Mug', quantity: 1 });
      expect(injected).toBe(2);
      expect((await scanOrderLines(ctx)).filter((line) => line.OrderId === order.orderId)).toHaveLength(1);
      expect((await readStock(ctx)).get('Mug')).toBe(stockBefore - 1);
    } finally {
      ctx.clients.dynamodb.middlewareStack.remove('injectConflict');
    }
  });

  it('throws TryAgainError (503, retry after 1 s) when conflicts or throttling outlast the retry budget, with nothing placed', async () => {
    const store = createStorefront({ ...ctx.settings, clients: ctx.clients, retry: { budgetMs: 300 } });
    await store.orders.place({ product: 'Mug', quantity: 1 });
    const before = (await readStock(ctx)).get('Mug');
    const linesBefore = (await scanOrderLines(ctx)).length;
    for (const fault of [() => transactionConflict(3, 1), throughputExceeded]) {
      const injected = injectFault(ctx.clients, 'TransactWriteItemsCommand', fault);
      const error = await store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: `busy-${Date.now()}` }).catch((e: unknown) => e);
      injected.remove();
      expect(error).toBeInstanceOf(TryAgainError);
      expect(error).toMatchObject({ code: 'TRY_AGAIN', status: 503, retryAfterSeconds: 1 });
      expect(injected.injected).toBeGreaterThan(2);
    }
    expect((await readStock(ctx)).get('Mug')).toBe(before);
    expect((await scanOrderLines(ctx)).length).toBe(linesBefore);
  });

  it.each([
    [{ items: [] }, 'items'],
    [{ items: Array.from({ length: 26 }, (_, i) => ({ product: `Line ${i}`, quantity: 1 })) }, 'items'],
    [{ items: [{ product: 'Mug', quantity: 1 }, { product: 'Mug', quantity: 2 }] }, 'items.1.product'],
    [{ product: 'Mug', quantity: 0 }, 'quantity'],
    [{ product: 'Mug', quantity: 1001 }, 'quantity'],
    [{ product: 'Mug', quantity: 1.5 }, 'quantity'],
    [{ product: 'Mug', quantity: '2' }, 'quantity'],
    [{ product: '', quantity: 1 }, 'product'],
    [{ product: 'Mug', quantity: 1, coupon: 'FREE' }, 'coupon'],
    [{ items: [{ product: 'Mug', quantity: 1 }], note: 'x' }, 'note'],
    ['not an object', '(body)'],
  ])('rejects a bad order %# naming the field, with no AWS call', async (request, field) => {
    ctx.calls.reset();
    const error = await ctx.store.orders.place(request as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((error as ValidationError).issues)).toContain(field);
    expect(ctx.calls.total).toBe(0);
  });
});

describe('idempotency', () => {
  it('returns the first order for the same key and body, and never orders twice', async () => {
    const key = `key-${Date.now()}`;
    const before = (await readStock(ctx)).get('Mug')!;
    const first = await ctx.store.orders.place({ items: [{ product: 'Tea', quantity: 1 }, { product: 'Mug', quantity: 2 }] }, { idempotencyKey: key });
    const again = await coldStore().orders.place({ items: [{ product: 'Tea', quantity: 1 }, { product: 'Mug', quantity: 2 }] }, { idempotencyKey: key });
    // The replay is the first response exactly, lines in the order they were placed, marked as a replay.
    expect(again).toEqual(first);
    expect([isReplayed(first), isReplayed(again)]).toEqual([false, true]);
    expect((await readStock(ctx)).get('Mug')).toBe(before - 2);
    // The seed form of the same one-line request is the same request.
    const seedKey = `${key}-seed`;
    const seedForm = await ctx.store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: seedKey });
    expect(await ctx.store.orders.place({ items: [{ product: 'Mug', quantity: 1 }] }, { idempotencyKey: seedKey })).toEqual(seedForm);
  });

  it('returns one order to concurrent retries with the same key', async () => {
    const key = `concurrent-${Date.now()}`;
    const before = (await readStock(ctx)).get('Tea')!;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => coldStore().orders.place({ product: 'Tea', quantity: 1 }, { idempotencyKey: key })),
    );
    expect(new Set(results.map((order) => order.orderId)).size).toBe(1);
    expect((await readStock(ctx)).get('Tea')).toBe(before - 1);
    expect((await scanOrderLines(ctx)).filter((line) => line.OrderId === results[0]!.orderId)).toHaveLength(1);
  });

  it('rejects the same key with a different body (422) and changes nothing', async () => {
    const key = `conflict-${Date.now()}`;
    await ctx.store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: key });
    const stockBefore = await readStock(ctx);
    const error = await ctx.store.orders.place({ product: 'Mug', quantity: 2 }, { idempotencyKey: key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect((error as IdempotencyConflictError).status).toBe(422);
    expect(await readStock(ctx)).toEqual(stockBefore);
  });

  it('validates the key', async () => {
    for (const idempotencyKey of ['', 'has space', 'x'.repeat(256), 'é']) {
      await expect(ctx.store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey })).rejects.toBeInstanceOf(ValidationError);
    }
  });
});

describe('orders.get', () => {
  it('throws NotFoundError for unknown orders and never exposes idempotency records', async () => {
    await expect(ctx.store.orders.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await ctx.clients.documents.send(new PutCommand({ TableName: ctx.config.tables.orders, Item: { OrderId: 'idempotency#k', product: '#', orderId: 'x' } }));
    await expect(ctx.store.orders.get('idempotency#k')).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.store.orders.get('')).rejects.toBeInstanceOf(ValidationError);
  });
});
