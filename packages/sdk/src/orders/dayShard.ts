import { createHash } from 'node:crypto';
import { ordersDayIndex } from '../resources.js';

/**
 * The day-index partition of an order's lines: `<UTC day of orderDate>#<shard>`, the shard a hash of
 * the order id, so one day's orders spread evenly over `ordersDayIndex.shardCount` partitions.
 *
 * @example
 * ```ts
 * orderDayShard('0b9f…', '2026-11-25T10:00:00.000Z'); // '2026-11-25#3'
 * ```
 *
 * @internal The SDK writes and queries the day index with it; the local stack's demo history too.
 */
export function orderDayShard(orderId: string, orderDate: string): string {
  const shard = createHash('sha256').update(orderId).digest().readUInt32BE(0) % ordersDayIndex.shardCount;
  return `${orderDate.slice(0, 10)}#${shard}`;
}
