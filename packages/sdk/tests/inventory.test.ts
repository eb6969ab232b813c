import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyConflictError, NotFoundError, OutOfStockError, TryAgainError, ValidationError, createStorefront, isReplayed } from '../src/index.js';
import { createTestStore, injectFault, product, readStock, throughputExceeded, transactionConflict } from './support.js';

let ctx: Awaited<ReturnType<typeof createTestStore>>;
beforeAll(async () => {
  ctx = await createTestStore();
});

describe('inventory.put', () => {
  it('writes details to the catalog and stock to inventory, defaulting the threshold to 5', async () => {
    const { items } = await ctx.store.inventory.put(product('Kettle', 7, 24.99, { category: 'Kitchen' }));
    expect(items).toEqual([
      { product: 'Kettle', category: 'Kitchen', description: 'Kettle description', cost: 24.99, quantity: 7, lowStockThreshold: 5 },
    ]);
    const { Item: catalogItem } = await ctx.clients.documents.send(new GetCommand({ TableName: ctx.config.tables.productCatalog, Key: { product: 'Kettle' } }));
    expect(catalogItem).toEqual({ product: 'Kettle', category: 'Kitchen', description: 'Kettle description', cost: 24.99 });
    const { Item: stockItem } = await ctx.clients.documents.send(new GetCommand({ TableName: ctx.config.tables.inventory, Key: { product: 'Kettle' } }));
    expect(stockItem).toMatchObject({ product: 'Kettle', quantity: 7, lowStockThreshold: 5, updatedAt: expect.any(String) });
  });

  it('replaces details and sets the absolute quantity', async () => {
    await ctx.store.inventory.put(product('Teapot', 3, 10));
    await ctx.store.inventory.put(product('Teapot', 40, 12.5, { lowStockThreshold: 8 }));
    expect(await ctx.store.catalog.get('Teapot')).toMatchObject({ cost: 12.5, available: 40 });
    expect((await readStock(ctx)).get('Teapot')).toBe(40);
  });

  it('keeps multi-line descriptions, and prices up to 1,000,000,000 exact', async () => {
    const { items } = await ctx.store.inventory.put({ ...product('Chest', 2, 1_000_000_000), description: 'Oak.\n\tHand-made.\r\n' });
    expect(items[0]).toMatchObject({ description: 'Oak.\n\tHand-made.\r\n', cost: 1_000_000_000 });
    // The largest order at the largest price is still exact to the cent.
    await ctx.store.inventory.put(product('Crown', 1000, 999_999_999.99));
    const order = await ctx.store.orders.place({ product: 'Crown', quantity: 1000 });
    expect(order.total).toBe(999_999_999_990);
  });

  it("keeps an existing product's threshold when a put leaves it out, and says so in the result", async () => {
    await ctx.store.inventory.put(product('Lamp', 30, 40, { lowStockThreshold: 12 }));
    const { items } = await ctx.store.inventory.put([product('Lamp', 25, 42), product('Shade', 3, 9)]);
    expect(items.map((item) => [item.product, item.quantity, item.lowStockThreshold])).toEqual([
      ['Lamp', 25, 12],
      ['Shade', 3, 5],
    ]);
    const { Item } = await ctx.clients.documents.send(new GetCommand({ TableName: ctx.config.tables.inventory, Key: { product: 'Lamp' } }));
    expect(Item).toMatchObject({ quantity: 25, lowStockThreshold: 12 });
    // Stating it still sets it.
    expect((await ctx.store.inventory.put(product('Lamp', 25, 42, { lowStockThreshold: 3 }))).items[0]!.lowStockThreshold).toBe(3);
  });

  it('writes up to 50 products in ONE transaction, so a list is written whole or not at all', async () => {
    const many = Array.from({ length: 50 }, (_, i) => product(`Bulk ${i}`, i, 1));
    ctx.calls.reset();
    expect((await ctx.store.inventory.put(many)).items).toHaveLength(50);
    expect(ctx.calls.counts.get('TransactWriteItemsCommand')).toBe(1);
    const stock = await readStock(ctx);
    expect(many.every((p) => stock.get(p.product) === p.quantity)).toBe(true);
  });

  it('retries a put that lost a conflict with a concurrent order, and writes it once', async () => {
    const fault = injectFault(ctx.clients, 'TransactWriteItemsCommand', () => transactionConflict(4, 1), 2);
    try {
      await ctx.store.inventory.put([product('Racy A', 4), product('Racy B', 6)]);
    } finally {
      fault.remove();
    }
    expect(fault.injected).toBe(2);
    const stock = await readStock(ctx);
    expect([stock.get('Racy A'), stock.get('Racy B')]).toEqual([4, 6]);
  });

  it('throws TryAgainError, with nothing written, when throttling outlasts the retry budget', async () => {
    const store = createStorefront({ ...ctx.settings, clients: ctx.clients, retry: { budgetMs: 200 } });
    const fault = injectFault(ctx.clients, 'TransactWriteItemsCommand', throughputExceeded);
    const error = await store.inventory.put([product('Throttled A', 1), product('Throttled B', 1)]).catch((e: unknown) => e);
    fault.remove();
    expect(error).toBeInstanceOf(TryAgainError);
    expect(error).toMatchObject({ status: 503, code: 'TRY_AGAIN', retryAfterSeconds: 1 });
    expect(fault.injected).toBeGreaterThan(1);
    const stock = await readStock(ctx);
    expect([stock.has('Throttled A'), stock.has('Throttled B')]).toEqual([false, false]);
  });

  it.each([
    [[], '(body)'],
    [Array.from({ length: 51 }, (_, i) => product(`P${i}`, 1)), '(body)'],
    [[product('Dup', 1), product('Dup', 2)], '1.product'],
    [[{ ...product('X', 1), cost: 1.001 }], '0.cost'],
    [[{ ...product('X', 1), cost: -1 }], '0.cost'],
    [[{ ...product('X', 1), cost: 1_000_000_000.01 }], '0.cost'],
    [[{ ...product('X', 1), description: 'bell\u0007' }], '0.description'],
    [[{ ...product('X', 1), category: 'two\nlines' }], '0.category'],
    [[{ ...product('X', 1), quantity: 1_000_000_001 }], '0.quantity'],
    [[{ ...product('X', 1), quantity: 2.5 }], '0.quantity'],
    [[{ ...product('X', 1), category: '' }], '0.category'],
    [[{ ...product('X', 1), description: 'd'.repeat(2001) }], '0.description'],
    [[{ ...product('X', 1), colour: 'red' }], '0.colour'],
    [[{ ...product('X', 1), product: 'tab\there' }], '0.product'],
  ])('rejects %#: a bad item names the field and writes nothing', async (items, field) => {
    ctx.calls.reset();
    const error = await ctx.store.inventory.put(items as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field);
    expect(ctx.calls.total).toBe(0);
  });
});

describe('inventory.adjust', () => {
  it('adds and removes stock atomically and returns the new quantity', async () => {
    await ctx.store.inventory.put(product('Cup', 10));
    expect(await ctx.store.inventory.adjust('Cup', 5, { reason: 'delivery' })).toEqual({ product: 'Cup', quantity: 15 });
    expect(await ctx.store.inventory.adjust('Cup', -15)).toEqual({ product: 'Cup', quantity: 0 });
    expect(await ctx.store.inventory.adjust('Cup', 0)).toEqual({ product: 'Cup', quantity: 0 });
  });

  it('never goes below zero: OutOfStockError with what is available, nothing changed', async () => {
    await ctx.store.inventory.put(product('Saucer', 2));
    const error = await ctx.store.inventory.adjust('Saucer', -3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfStockError);
    expect((error as OutOfStockError).shortages).toEqual([{ product: 'Saucer', requested: 3, available: 2 }]);
    expect((await readStock(ctx)).get('Saucer')).toBe(2);
  });

  it('is atomic under concurrent adjustments', async () => {
    await ctx.store.inventory.put(product('Spoon', 20));
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => ctx.store.inventory.adjust('Spoon', -1)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof OutOfStockError)).toBe(true);
    expect((await readStock(ctx)).get('Spoon')).toBe(0);
  });

  it('retries an adjustment that lost a conflict or was throttled, and applies it once', async () => {
    await ctx.store.inventory.put(product('Fork', 10));
    const throttled = injectFault(ctx.clients, 'UpdateItemCommand', throughputExceeded, 2);
    expect(await ctx.store.inventory.adjust('Fork', -2)).toEqual({ product: 'Fork', quantity: 8 });
    throttled.remove();
    const conflict = injectFault(ctx.clients, 'TransactWriteItemsCommand', () => transactionConflict(2, 0), 2);
    expect(await ctx.store.inventory.adjust('Fork', -3, { idempotencyKey: 'fork-1' })).toEqual({ product: 'Fork', quantity: 5 });
    conflict.remove();
    expect([throttled.injected, conflict.injected]).toEqual([2, 2]);
    expect((await readStock(ctx)).get('Fork')).toBe(5);
  });

  it('with an idempotency key, applies once: the same key and adjustment return the first result; another is 422', async () => {
    await ctx.store.inventory.put(product('Knife', 10));
    const first = await ctx.store.inventory.adjust('Knife', -3, { idempotencyKey: 'knife-1', reason: 'breakage' });
    // Stock moves meanwhile; the replay still answers what the first call did.
    await ctx.store.orders.place({ product: 'Knife', quantity: 1 });
    const again = await ctx.store.inventory.adjust('Knife', -3, { idempotencyKey: 'knife-1', reason: 'breakage' });
    expect(first).toEqual({ product: 'Knife', quantity: 7 });
    expect(again).toEqual(first);
    expect([isReplayed(first), isReplayed(again)]).toEqual([false, true]);
    expect((await readStock(ctx)).get('Knife')).toBe(6);
    await expect(ctx.store.inventory.adjust('Knife', -3, { idempotencyKey: 'knife-1' })).rejects.toBeInstanceOf(IdempotencyConflictError);
    // A keyed adjustment is refused like any other: below zero, unknown product; and the key stays free.
    await expect(ctx.store.inventory.adjust('Knife', -7, { idempotencyKey: 'knife-2' })).rejects.toBeInstanceOf(OutOfStockError);
    await expect(ctx.store.inventory.adjust('Ghost', 1, { idempotencyKey: 'knife-3' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await ctx.store.inventory.adjust('Knife', -6, { idempotencyKey: 'knife-2' })).toEqual({ product: 'Knife', quantity: 0 });
  });

  it('keyed adjustments stay atomic under concurrent orders (the stock read is guarded by the write)', async () => {
    await ctx.store.inventory.put(product('Plate', 40));
    const adjustments = Array.from({ length: 5 }, (_, i) => ctx.store.inventory.adjust('Plate', 2, { idempotencyKey: `plate-${i}` }));
    const orders = Array.from({ length: 10 }, () => ctx.store.orders.place({ product: 'Plate', quantity: 1 }));
    await Promise.all([...adjustments, ...orders]);
    expect((await readStock(ctx)).get('Plate')).toBe(40 + 10 - 10);
  });

  it('rejects unknown products, non-integers and overflow', async () => {
    await expect(ctx.store.inventory.adjust('Ghost', 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.store.inventory.adjust('Cup', 1.5)).rejects.toBeInstanceOf(ValidationError);
    await expect(ctx.store.inventory.adjust('Cup', Number.MAX_SAFE_INTEGER + 1)).rejects.toBeInstanceOf(ValidationError);
    await ctx.store.inventory.put(product('Full', 1_000_000_000));
    await expect(ctx.store.inventory.adjust('Full', 1)).rejects.toThrow(/exceed/);
    expect((await readStock(ctx)).get('Full')).toBe(1_000_000_000);
  });
});
