import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/emulator.js';
import { runFlashSale } from './flashSale.js';

// An emulator that cancels a transaction touching an item written less than 30 ms before, with a
// TransactionConflict reason, as DynamoDB does under contention (the shared emulator never does).
let contended: RunningEmulator;
beforeAll(async () => {
  contended = await startEmulator({ transactionConflictWindowMs: 30 });
});
afterAll(() => contended?.stop());

describe('a flash sale under transaction conflicts', () => {
  it('200 buyers of 150 units: every buyer ends 201 or 409, never 500; 150 sold, one order per key, stock never below 0', async () => {
    const sale = await runFlashSale({ endpoint: contended.endpoint, buyers: 200, stock: 150, clientRetries: 10 });
    expect(sale.outcomes).toEqual({ 201: 150, 409: 50 });
    expect(sale.answers[500]).toBeUndefined();
    expect(sale.sold).toBe(150);
    expect(sale.orders).toBe(150);
    expect(sale.ordersPerKey.filter((orders) => orders === 1)).toHaveLength(150);
    expect(Math.max(...sale.ordersPerKey)).toBe(1);
    expect(sale.finalStock).toBe(0);
    expect(sale.lowestStock).toBe(0);
  });

  it('the emulator switch really cancels: without any retry, buyers meet 503 TRY_AGAIN, still never 500', async () => {
    const sale = await runFlashSale({ endpoint: contended.endpoint, buyers: 40, stock: 40, serverRetry: { maxAttempts: 1 }, clientRetries: 0 });
    expect(sale.outcomes[503]).toBeGreaterThan(0);
    expect(sale.outcomes[500]).toBeUndefined();
    expect(sale.sold).toBe(sale.outcomes[201]);
    expect(sale.finalStock).toBe(40 - sale.sold);
  });
});
