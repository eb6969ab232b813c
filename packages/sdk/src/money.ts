/**
 * Exact money: amounts travel as numbers with at most two decimals and are computed in integer cents,
 * so 0.1 × 3 is 0.3 and a total is the exact sum of its lines.
 */

/** True when `amount` is a non-negative number with at most two decimals whose cents are a safe integer. */
export function isMoneyAmount(amount: number): boolean {
  if (!Number.isFinite(amount) || amount < 0) return false;
  const cents = Math.round(amount * 100);
  return Number.isSafeInteger(cents) && cents / 100 === amount;
}

/** Converts an amount such as `19.99` to integer cents (`1999`); throws on more than two decimals. */
export function toCents(amount: number): number {
  if (!isMoneyAmount(amount)) throw new RangeError(`Not a money amount with at most 2 decimals: ${amount}`);
  return Math.round(amount * 100);
}

/** Converts integer cents back to the amount (`1999` → `19.99`). */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** `unitCost × quantity`, exactly. */
export function multiplyMoney(unitCost: number, quantity: number): number {
  return fromCents(toCents(unitCost) * quantity);
}

/** The exact sum of amounts. */
export function sumMoney(amounts: Iterable<number>): number {
  let cents = 0;
  for (const amount of amounts) cents += toCents(amount);
  return fromCents(cents);
}

/**
 * `cents / count` rounded to a whole cent, half away from zero (an average order value: 1001 cents
 * over 2 orders is 501). Exact for any size (bigint); `count` must be positive.
 */
export function divideCents(cents: bigint, count: bigint): bigint {
  if (count <= 0n) throw new RangeError(`Cannot divide money by ${count}`);
  const magnitude = cents < 0n ? -cents : cents;
  const rounded = (2n * magnitude + count) / (2n * count);
  return cents < 0n ? -rounded : rounded;
}
