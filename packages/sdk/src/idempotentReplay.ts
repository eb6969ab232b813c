/**
 * How a result says it answers a replayed idempotent request (the same `Idempotency-Key` and body
 * as an earlier call): an invisible mark on the result object, kept out of its JSON, so the API
 * can send `Idempotent-Replayed: true` and the HTTP client can set it back from that header.
 * Browser-safe.
 */

const replayedMark = Symbol.for('store-front.idempotentReplay');

/**
 * Marks `result` as the answer to a replayed request and returns it.
 *
 * @example
 * ```ts
 * return markReplayed(firstResponse);
 * ```
 */
export function markReplayed<T extends object>(result: T): T {
  Object.defineProperty(result, replayedMark, { value: true, enumerable: false });
  return result;
}

/**
 * True when `result` answers a replayed idempotent request: the first call's result, nothing done again.
 *
 * @example
 * ```ts
 * const order = await store.orders.place(cart, { idempotencyKey: 'cart-42' });
 * if (isReplayed(order)) console.log('already placed as', order.orderId);
 * ```
 *
 * @group Store
 */
export function isReplayed(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as Record<symbol, unknown>)[replayedMark] === true;
}
