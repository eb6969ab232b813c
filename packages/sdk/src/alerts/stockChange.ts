import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ValidationError } from '../errors.js';
import { parseInput } from '../schemas.js';
import { streamRecordSchema } from '../streamRecord.js';
import { stockImageSchema } from './schema.js';

/**
 * A product's stock and threshold at one moment.
 *
 * @group Alerts
 */
export interface StockState {
  /** Units in stock. */
  readonly quantity: number;
  /** The low-stock threshold. */
  readonly threshold: number;
}

/**
 * One change of an inventory item, read from its stream record.
 *
 * @group Alerts
 */
export interface StockChange {
  /** The stream record's `eventID`: the identity alerts are deduplicated on. */
  readonly recordId: string;
  /** The product whose stock changed. */
  readonly product: string;
  /** Absent when the item was created by this change. */
  readonly before: StockState | undefined;
  /** Stock and threshold after the change. */
  readonly after: StockState;
  /** ISO-8601 UTC time of the change. */
  readonly at: string;
}

/**
 * Stock at or below the threshold.
 *
 * @group Alerts
 */
export function isLow(state: StockState): boolean {
  return state.quantity <= state.threshold;
}

/**
 * A change crosses the threshold when stock was above its threshold before and is at or below it
 * after — each side judged by its own threshold, so lowering stock and raising the threshold count
 * alike. A new item has no "above" to cross from, and a restock above the threshold re-arms the alert.
 *
 * @example
 * ```ts
 * crossesThreshold({ quantity: 6, threshold: 5 }, { quantity: 5, threshold: 5 }); // true
 * crossesThreshold({ quantity: 5, threshold: 5 }, { quantity: 4, threshold: 5 }); // false: already low
 * ```
 *
 * @group Alerts
 */
export function crossesThreshold(before: StockState | undefined, after: StockState): boolean {
  return before !== undefined && !isLow(before) && isLow(after);
}

/**
 * Reads an inventory stream record (the JSON a pipe puts on the queue). Returns `undefined` for a
 * removal, which changes no stock; throws a `ValidationError` for anything that is not an inventory
 * stream record, so a malformed message fails rather than passing silently.
 *
 * @example
 * ```ts
 * const change = readStockChange(JSON.parse(sqsRecord.body));
 * if (change && crossesThreshold(change.before, change.after)) console.log('low stock', change.product);
 * ```
 *
 * @group Alerts
 */
export function readStockChange(message: unknown): StockChange | undefined {
  const record = parseInput(streamRecordSchema, message, 'inventory stream record');
  if (record.eventName === 'REMOVE') return undefined;
  const { NewImage, OldImage, ApproximateCreationDateTime } = record.dynamodb;
  if (!NewImage) {
    throw new ValidationError('Invalid inventory stream record: dynamodb.NewImage is missing', {
      details: [{ path: 'dynamodb.NewImage', message: 'required for INSERT and MODIFY' }],
    });
  }
  const after = parseInput(stockImageSchema, unmarshall(NewImage as never), 'NewImage');
  const before = OldImage ? parseInput(stockImageSchema, unmarshall(OldImage as never), 'OldImage') : undefined;
  const fallbackTime = ApproximateCreationDateTime === undefined ? new Date() : new Date(ApproximateCreationDateTime * 1000);
  return {
    recordId: record.eventID,
    product: after.product,
    before: before && { quantity: before.quantity, threshold: before.lowStockThreshold },
    after: { quantity: after.quantity, threshold: after.lowStockThreshold },
    // Writers stamp `updatedAt`; the stream's own time is to the second only.
    at: after.updatedAt && !Number.isNaN(Date.parse(after.updatedAt)) ? after.updatedAt : fallbackTime.toISOString(),
  };
}
