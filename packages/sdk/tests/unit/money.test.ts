import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCents, isMoneyAmount, multiplyMoney, sumMoney, toCents } from '../../src/money.js';

describe('money', () => {
  it('is exact where floating point is not', () => {
    expect(multiplyMoney(0.1, 3)).toBe(0.3);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(multiplyMoney(19.99, 3)).toBe(59.97);
  });

  it('accepts at most two decimals', () => {
    expect(isMoneyAmount(19.99)).toBe(true);
    expect(isMoneyAmount(0)).toBe(true);
    expect(isMoneyAmount(0.125)).toBe(false);
    expect(isMoneyAmount(-1)).toBe(false);
    expect(isMoneyAmount(Number.NaN)).toBe(false);
    expect(isMoneyAmount(1e300)).toBe(false);
    expect(() => toCents(1.001)).toThrow(RangeError);
  });

  it('round-trips every cent amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        const amount = fromCents(cents);
        expect(isMoneyAmount(amount)).toBe(true);
        expect(toCents(amount)).toBe(cents);
        expect(String(amount)).toBe(cents % 100 === 0 ? String(cents / 100) : amount.toFixed(cents % 10 === 0 ? 1 : 2));
      }),
    );
  });
});
