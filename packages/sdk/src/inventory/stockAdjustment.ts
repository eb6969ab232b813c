import type { StorefrontError } from '../errors.js';
import { OutOfStockError, ValidationError } from '../errors.js';
import { notFound } from '../notFound.js';
import { maxStockQuantity } from './schema.js';

/** A validated stock adjustment. */
export interface StockAdjustment {
  readonly product: string;
  readonly delta: number;
  readonly reason?: string | undefined;
}

/**
 * The conditional update of one adjustment: never below 0, never above the maximum, only for an
 * existing product; with `expected`, only if the stock is still that (so the result is known
 * before the write, as an idempotency record must hold it).
 */
export function adjustmentUpdate(tableName: string, adjustment: StockAdjustment, expected?: number) {
  const { product, delta, reason } = adjustment;
  return {
    TableName: tableName,
    Key: { product },
    UpdateExpression: `SET quantity = quantity + :delta, updatedAt = :now${reason === undefined ? '' : ', lastAdjustmentReason = :reason'}`,
    ConditionExpression: `attribute_exists(product) AND quantity >= :needed AND quantity <= :ceiling${expected === undefined ? '' : ' AND quantity = :expected'}`,
    ExpressionAttributeValues: {
      ':delta': delta,
      ':now': new Date().toISOString(),
      ':needed': Math.max(0, -delta),
      ':ceiling': maxStockQuantity - Math.max(0, delta),
      ...(reason === undefined ? {} : { ':reason': reason }),
      ...(expected === undefined ? {} : { ':expected': expected }),
    },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/**
 * Why an adjustment's condition failed, from the item as it was: unknown product, not enough stock,
 * or too much; `undefined` when none applies (the stock only differed from the expected one).
 */
export function adjustmentRefusal(adjustment: StockAdjustment, current: { quantity: number } | undefined): StorefrontError | undefined {
  const { product, delta } = adjustment;
  if (!current) return notFound('product', product);
  if (current.quantity + delta < 0) {
    return new OutOfStockError([{ product, requested: -delta, available: current.quantity }]);
  }
  if (current.quantity + delta > maxStockQuantity) {
    return new ValidationError(`Stock of ${product} would exceed ${maxStockQuantity}`, {
      details: [{ path: 'delta', message: `would take stock from ${current.quantity} above ${maxStockQuantity}` }],
    });
  }
  return undefined;
}
