import { statusOfErrorCode, type ErrorCode } from './errorCatalog.js';

/**
 * Options every store error accepts.
 *
 * @group Errors
 */
export interface StorefrontErrorOptions {
  /** Structured context, becomes the error's `details`. */
  readonly details?: unknown;
  /** The error that caused this one (kept as `cause`, never sent to a caller). */
  readonly cause?: unknown;
  /** The request id of the API call that failed, when known. */
  readonly requestId?: string;
}

/**
 * Base class of every error the store throws: the contract's `code`, and the HTTP `status` the
 * error catalog gives that code. Both transports throw the same subclasses, so callers handle
 * errors one way.
 *
 * @example
 * ```ts
 * try { await store.orders.place({ product: 'Mug', quantity: 2 }); }
 * catch (error) { if (error instanceof StorefrontError) console.log(error.code, error.status); }
 * ```
 *
 * @group Errors
 */
export class StorefrontError extends Error {
  /** The contract's error code. */
  readonly code: ErrorCode;
  /** The HTTP status that carries this error (from the error catalog). */
  readonly status: number;
  /** Structured context (the short lines of an order, the rejected fields, …). */
  readonly details: unknown;
  /** The request id of the API call that failed, when known. */
  readonly requestId: string | undefined;

  constructor(code: ErrorCode, message: string, options: StorefrontErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorefrontError';
    this.code = code;
    this.status = statusOfErrorCode(code);
    this.details = options.details;
    this.requestId = options.requestId;
  }

  /** The error envelope of the HTTP API: `{"error":{"code","message","details"}}`. */
  toJSON(): {
    /** The error, as the API's envelope carries it. */
    error: {
      /** The contract's error code. */
      code: ErrorCode;
      /** What went wrong, for people. */
      message: string;
      /** Structured context, when there is any. */
      details?: unknown;
    };
  } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}
