import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertInProgressError, alertSubject, crossesThreshold, isLow, readStockChange, ValidationError, type StockState } from '../src/index.js';
import { createTestStore, product } from './support.js';

/** An inventory stream record in the JSON shape a pipe delivers. */
function stockRecord(eventID: string, name: string, before: StockState | undefined, after: StockState, updatedAt = new Date().toISOString()) {
  const image = (state: StockState) => ({
    product: { S: name },
    quantity: { N: String(state.quantity) },
    lowStockThreshold: { N: String(state.threshold) },
    updatedAt: { S: updatedAt },
  });
  return {
    eventID,
    eventName: before ? 'MODIFY' : 'INSERT',
    dynamodb: { Keys: { product: { S: name } }, NewImage: image(after), ...(before ? { OldImage: image(before) } : {}), SequenceNumber: '100' },
  };
}

const state = fc.record({ quantity: fc.integer({ min: 0, max: 30 }), threshold: fc.integer({ min: 0, max: 30 }) });

describe('crossing semantics', () => {
  it('alerts once per run of low stock along any history of changes (property)', () => {
    fc.assert(
      fc.property(state.filter((s) => !isLow(s)), fc.array(state, { maxLength: 40 }), (start, changes) => {
        const history = [start, ...changes];
        const crossings = changes.filter((after, index) => crossesThreshold(history[index], after)).length;
        // A crossing is the start of a run of low states; a restock above the threshold ends the run and re-arms.
        const lowRuns = history.filter((s, index) => isLow(s) && (index === 0 || !isLow(history[index - 1]!))).length;
        expect(crossings).toBe(lowRuns);
      }),
    );
  });

  it('treats the boundary and threshold changes as the contract says', () => {
    expect(crossesThreshold({ quantity: 6, threshold: 5 }, { quantity: 5, threshold: 5 })).toBe(true);
    expect(crossesThreshold({ quantity: 5, threshold: 5 }, { quantity: 4, threshold: 5 })).toBe(false);
    expect(crossesThreshold({ quantity: 8, threshold: 5 }, { quantity: 8, threshold: 10 })).toBe(true);
    expect(crossesThreshold(undefined, { quantity: 0, threshold: 5 })).toBe(false);
  });

  it('reads a stream record, defaulting the threshold to 5, and rejects malformed ones', () => {
    const record = stockRecord('e1', 'Mug', { quantity: 6, threshold: 5 }, { quantity: 5, threshold: 5 });
    delete (record.dynamodb.NewImage as Record<string, unknown>).lowStockThreshold;
    expect(readStockChange(record)).toMatchObject({ recordId: 'e1', product: 'Mug', after: { quantity: 5, threshold: 5 } });
    expect(readStockChange({ ...record, eventName: 'REMOVE' })).toBeUndefined();
    for (const bad of [null, 'x', {}, { ...record, eventID: '' }, { ...record, dynamodb: { ...record.dynamodb, NewImage: undefined } }]) {
      expect(() => readStockChange(bad)).toThrow(ValidationError);
    }
    const negative = stockRecord('e2', 'Mug', undefined, { quantity: -1, threshold: 5 });
    expect(() => readStockChange(negative)).toThrow(ValidationError);
  });
});

describe('alert subject', () => {
  it('is "Low stock: <product>" under 100 characters, never splitting a character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((name) => name === name.trim() && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)), (name) => {
        const subject = alertSubject(name);
        expect(subject.length).toBeLessThan(100);
        expect(subject.isWellFormed()).toBe(true);
        if (`Low stock: ${name}`.length < 100) expect(subject).toBe(`Low stock: ${name}`);
        else expect(subject.endsWith('…') && `Low stock: ${name}`.startsWith(subject.slice(0, -1))).toBe(true);
      }),
    );
  });

  it('has no line break, control or format character and stays under 100 characters for any name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const subject = alertSubject(name);
        expect(subject.length).toBeLessThan(100);
        expect([...subject].length).toBeLessThan(100);
        expect(subject.isWellFormed()).toBe(true);
        expect(subject).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      }),
      { numRuns: 500 },
    );
    expect(alertSubject('Mug\r\nBcc: x\u200b')).toBe('Low stock: Mug Bcc: x');
    expect(alertSubject('x'.repeat(89))).toHaveLength(99);
    expect(alertSubject('x'.repeat(90))).toBe(`Low stock: ${'x'.repeat(87)}…`);
  });
});

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
