import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutOfStockError, type Order } from '../src/index.js';
import { createTestStore, product, readStock, scanOrderLines } from './support.js';

/** Runs `tasks` with at most `concurrency` in flight. */
async function runConcurrently<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!().then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        );
      }
    }),
  );
  return results;
}

describe('stock under concurrency', () => {
  it('1,000 orders at concurrency 50 on 10 products × 100 units: nothing oversold, every success persisted, every rejection left nothing', async () => {
    const ctx = await createTestStore();
    const names = Array.from({ length: 10 }, (_, i) => `Widget ${i}`);
    await ctx.store.inventory.put(names.map((name) => product(name, 100, 2.5)));
    const random = fc.sample(
      fc.array(fc.record({ product: fc.constantFrom(...names), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
      { numRuns: 1000, seed: 42 },
    );
    const requests = random.map((lines) => ({ items: [...new Map(lines.map((line) => [line.product, line])).values()] }));

    const results = await runConcurrently(requests.map((request) => () => ctx.store.orders.place(request)), 50);

    const placed = results.filter((r): r is PromiseFulfilledResult<Order> => r.status === 'fulfilled').map((r) => r.value);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => r.reason instanceof OutOfStockError)).toBe(true);
    expect(placed.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0); // demand (≈4,000 units) far exceeds supply (1,000)

    const lines = await scanOrderLines(ctx);
    const stock = await readStock(ctx);
    // Every success is persisted, line for line; nothing else is (rejections left no lines).
    expect(lines.length).toBe(placed.reduce((sum, order) => sum + order.items.length, 0));
    const persisted = new Set(lines.map((line) => `${line.OrderId as string}/${line.product as string}`));
    for (const order of placed) for (const line of order.items) expect(persisted.has(`${order.orderId}/${line.product}`)).toBe(true);
    for (const name of names) {
      const sold = lines.filter((line) => line.product === name).reduce((sum, line) => sum + (line.quantity as number), 0);
      expect(stock.get(name)).toBeGreaterThanOrEqual(0);
      expect(stock.get(name)! + sold).toBe(100); // 0 units oversold, none lost
    }
  });

  it('random concurrent orders and adjustments conserve stock: initial + adjustments = remaining + sold, never negative', async () => {
    const ctx = await createTestStore();
    const names = ['A', 'B', 'C'];
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('order' as const),
        items: fc.uniqueArray(fc.record({ product: fc.constantFrom(...names), quantity: fc.integer({ min: 1, max: 4 }) }), {
          minLength: 1,
          maxLength: 3,
          selector: (line) => line.product,
        }),
      }),
      fc.record({ kind: fc.constant('adjust' as const), product: fc.constantFrom(...names), delta: fc.integer({ min: -5, max: 5 }) }),
    );
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }), fc.array(operation, { minLength: 1, maxLength: 25 }), async (initial, operations) => {
        const prefix = `r${round++}-`;
        await ctx.store.inventory.put(names.map((name, i) => product(prefix + name, initial[i]!)));
        let adjusted = new Map(names.map((name) => [prefix + name, 0]));
        const outcomes = await Promise.allSettled(
          operations.map(async (op) => {
            if (op.kind === 'order') {
              return ctx.store.orders.place({ items: op.items.map((line) => ({ ...line, product: prefix + line.product })) });
            }
            const result = await ctx.store.inventory.adjust(prefix + op.product, op.delta);
            adjusted = new Map(adjusted).set(prefix + op.product, adjusted.get(prefix + op.product)! + op.delta);
            return result;
          }),
        );
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(OutOfStockError);
        }
        const stock = await readStock(ctx);
        const lines = (await scanOrderLines(ctx)).filter((line) => String(line.product).startsWith(prefix));
        names.forEach((name, i) => {
          const key = prefix + name;
          const sold = lines.filter((line) => line.product === key).reduce((sum, line) => sum + (line.quantity as number), 0);
          expect(stock.get(key)).toBeGreaterThanOrEqual(0);
          expect(initial[i]! + adjusted.get(key)!).toBe(stock.get(key)! + sold);
        });
      }),
      { numRuns: 15 },
    );
  });
});
