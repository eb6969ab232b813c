import { describe, expect, it } from 'vitest';
import { AlertInProgressError } from '../src/entries/workers.js';
import { ValidationError } from '../src/index.js';
import { stockRecord } from './alertRecords.js';
import { createTestStore, product } from './support.js';

describe('alerts service on the emulator', () => {
  it('publishes once for concurrent checkers of the same record; the others wait or see it sent', async () => {
    const { store, calls } = await createTestStore();
    await store.inventory.put(product('Pan', 6, 30));
    const record = stockRecord('concurrent-1', 'Pan', { quantity: 6, threshold: 5 }, { quantity: 5, threshold: 5 });
    await store.alerts.check(stockRecord('warm-up', 'Pan', { quantity: 9, threshold: 5 }, { quantity: 1, threshold: 5 }));
    calls.reset();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => store.alerts.check(record)));
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'sent');
    expect(sent).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(AlertInProgressError);
      else expect(['sent', 'duplicate']).toContain(result.value.outcome);
    }
    expect(calls.counts.get('PublishCommand')).toBe(1);
    // Every retry after the winner finished sees the alert sent.
    expect((await store.alerts.check(record)).outcome).toBe('duplicate');
  });

  it('costs no AWS call for a change that does not cross, three for one that does', async () => {
    const { store, calls } = await createTestStore();
    await store.inventory.put(product('Pot', 20, 30));
    await store.alerts.check(stockRecord('warm', 'Pot', { quantity: 9, threshold: 5 }, { quantity: 1, threshold: 5 }));
    calls.reset();
    expect((await store.alerts.check(stockRecord('a', 'Pot', { quantity: 20, threshold: 5 }, { quantity: 19, threshold: 5 }))).outcome).toBe('no-crossing');
    expect(calls.total).toBe(0);
    expect((await store.alerts.check(stockRecord('b', 'Pot', { quantity: 6, threshold: 5 }, { quantity: 5, threshold: 5 }))).outcome).toBe('sent');
    expect(Object.fromEntries(calls.counts)).toEqual({ TransactWriteItemsCommand: 1, PublishCommand: 1, UpdateItemCommand: 1 });
  });

  it('lists recent alerts newest first with a bounded limit', async () => {
    const { store } = await createTestStore();
    await store.inventory.put([product('A', 1, 1), product('B', 1, 1), product('C', 1, 1)]);
    const times = ['2025-01-01T10:00:00.000Z', '2025-01-01T12:00:00.000Z', '2025-01-01T11:00:00.000Z'];
    for (const [index, name] of ['A', 'B', 'C'].entries()) {
      await store.alerts.check(stockRecord(`r-${name}`, name, { quantity: 6, threshold: 5 }, { quantity: 5 - index, threshold: 5 }, times[index]));
    }
    expect((await store.alerts.recent()).items.map((alert) => alert.product)).toEqual(['B', 'C', 'A']);
    expect((await store.alerts.recent({ limit: 2 })).items).toEqual([
      { product: 'B', quantity: 4, threshold: 5, at: times[1] },
      { product: 'C', quantity: 3, threshold: 5, at: times[2] },
    ]);
    for (const limit of [0, 101, 1.5]) await expect(store.alerts.recent({ limit })).rejects.toBeInstanceOf(ValidationError);
  });
});
