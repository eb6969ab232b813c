import { createHash } from 'node:crypto';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { IdempotencyConflictError } from './errors.js';
import { idempotencyKeySchema } from './orders/schema.js';
import { idempotencyRetentionSeconds } from './resources.js';
import { parseInput } from './schemas.js';

/** One action of a TransactWriteItems, in lib-dynamodb's form. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The writes that take an `Idempotency-Key`; a key is used once per kind. */
export type IdempotentOperation = 'order' | 'adjustment' | 'report';

/** Prefix of an idempotency record's partition key in the orders table; never an order id. */
export const idempotencyRecordPrefix = 'idempotency#';

// Orders keep the sort key their records always had, so records written before the others stay valid.
const recordSortKeys: Record<IdempotentOperation, string> = { order: '#', adjustment: '#adjustment', report: '#report' };

/**
 * A write sent with an `Idempotency-Key`. Its record (the key, the hash of the request, the fields
 * needed to answer again) is put in the orders table in the same transaction as the write's effect,
 * on the condition that the key is new: either both happen or neither, so a retry never applies twice.
 *
 * @example
 * ```ts
 * const idempotent = IdempotentRequest.of('adj-7', 'adjustment', { product, delta });
 * transactItems.push(idempotent.recordPut(tables.orders, { response }, new Date()));
 * // on cancellation: idempotent.replayFrom(reasons.at(-1)) → the first response, or 422
 * ```
 */
export class IdempotentRequest {
  private constructor(
    readonly key: string,
    readonly operation: IdempotentOperation,
    readonly requestHash: string,
  ) {}

  /** Validates the key and hashes the request (give a canonical form: equal requests, equal JSON). */
  static of(key: string, operation: IdempotentOperation, canonicalRequest: unknown): IdempotentRequest {
    const valid = parseInput(idempotencyKeySchema, key, 'idempotency key', 'idempotencyKey');
    const requestHash = createHash('sha256').update(JSON.stringify(canonicalRequest)).digest('base64url');
    return new IdempotentRequest(valid, operation, requestHash);
  }

  /** The record's Put for the write's transaction; its condition fails when the key was used before. */
  recordPut(ordersTable: string, fields: Record<string, unknown>, now: Date): TransactItem {
    return {
      Put: {
        TableName: ordersTable,
        Item: {
          ...fields,
          OrderId: idempotencyRecordPrefix + this.key,
          product: recordSortKeys[this.operation],
          requestHash: this.requestHash,
          expiresAt: Math.floor(now.getTime() / 1000) + idempotencyRetentionSeconds,
        },
        ConditionExpression: 'attribute_not_exists(OrderId)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  /**
   * Reads the cancellation reason of the record's Put: `undefined` when the key was free (the
   * transaction failed for another reason), the earlier record's fields when it holds this same
   * request, and `IdempotencyConflictError` when it holds a different one.
   */
  replayFrom(reason: CancellationReason | undefined): Record<string, unknown> | undefined {
    if (reason?.Code !== 'ConditionalCheckFailed' || !reason.Item) return undefined;
    const record = unmarshall(reason.Item);
    if (record.requestHash !== this.requestHash) throw new IdempotencyConflictError(this.key);
    return record;
  }
}
