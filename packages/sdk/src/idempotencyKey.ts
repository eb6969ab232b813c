/**
 * The contract's `Idempotency-Key` rule, in one place and browser-safe: the direct transport's
 * schema and the HTTP client's check before sending both read it here.
 */

/** An `Idempotency-Key`: 1–255 visible ASCII characters (what a fetch header can carry unchanged). */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** Why a key that breaks {@link idempotencyKeyPattern} is rejected. */
export const idempotencyKeyRule = 'must be 1–255 visible ASCII characters';

/** True for a valid `Idempotency-Key`. */
export function isIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && idempotencyKeyPattern.test(key);
}
