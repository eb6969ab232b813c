import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertSubject, crossesThreshold, isLow, readStockChange } from '../../src/entries/workers.js';
import { ValidationError } from '../../src/index.js';
import { stockRecord } from '../alertRecords.js';

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
