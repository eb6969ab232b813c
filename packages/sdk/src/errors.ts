/**
 * Every error the store reports, as classes with the `code` and HTTP `status` of the contract.
 * Both transports throw these same classes, so callers handle errors one way.
 */

/** The machine-readable error codes of the HTTP API (DESIGN.md). */
export type ErrorCode =
  | 'INVALID_JSON'
  | 'VALIDATION_ERROR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'OUT_OF_STOCK'
  | 'IDEMPOTENCY_CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'TRY_AGAIN'
  | 'INTERNAL'
  | 'CONFIGURATION_ERROR';

/** One line of an order that cannot be served: what was asked and what is there. */
export interface StockShortage {
  readonly product: string;
  readonly requested: number;
  readonly available: number;
}

/** One reason an input was rejected: the field's path (e.g. `items.2.quantity`) and why. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Options every store error accepts. */
export interface StorefrontErrorOptions {
  readonly details?: unknown;
  readonly cause?: unknown;
  readonly requestId?: string;
}

/**
 * Base class of every error the store throws.
 *
 * @example
 * ```ts
 * try { await store.orders.place({ product: 'Mug', quantity: 2 }); }
 * catch (error) { if (error instanceof StorefrontError) console.log(error.code, error.status); }
 * ```
 */
export class StorefrontError extends Error {
  /** The contract's error code. */
  readonly code: ErrorCode;
  /** The HTTP status that carries this error. */
  readonly status: number;
  /** Structured context (the short lines of an order, the rejected fields, …). */
  readonly details: unknown;
  /** The request id of the API call that failed, when known. */
  readonly requestId: string | undefined;

  constructor(code: ErrorCode, status: number, message: string, options: StorefrontErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorefrontError';
    this.code = code;
    this.status = status;
    this.details = options.details;
    this.requestId = options.requestId;
  }

  /** The error envelope of the HTTP API: `{"error":{"code","message","details"}}`. */
  toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/**
 * The request body is not valid JSON (400).
 * @example
 * ```ts
 * throw new InvalidJsonError('Request body is not valid JSON');
 * ```
 */
export class InvalidJsonError extends StorefrontError {
  constructor(message = 'Request body is not valid JSON', options?: StorefrontErrorOptions) {
    super('INVALID_JSON', 400, message, options);
    this.name = 'InvalidJsonError';
  }
}

/**
 * An input broke a rule of the contract (400); `details` lists each field and why.
 * @example
 * ```ts
 * if (error instanceof ValidationError) console.log(error.issues.map((i) => `${i.path}: ${i.message}`));
 * ```
 */
export class ValidationError extends StorefrontError {
  constructor(message: string, options: StorefrontErrorOptions & { details?: FieldIssue[] } = {}) {
    super('VALIDATION_ERROR', 400, message, options);
    this.name = 'ValidationError';
  }

  /** The rejected fields. */
  get issues(): FieldIssue[] {
    return Array.isArray(this.details) ? (this.details as FieldIssue[]) : [];
  }
}

/**
 * An admin request carried no usable credentials (401).
 * @example
 * ```ts
 * throw new UnauthorizedError('Missing Authorization header');
 * ```
 */
export class UnauthorizedError extends StorefrontError {
  constructor(message = 'Authentication required', options?: StorefrontErrorOptions) {
    super('UNAUTHORIZED', 401, message, options);
    this.name = 'UnauthorizedError';
  }
}

/**
 * An admin request's signature, date or body did not verify (403).
 * @example
 * ```ts
 * throw new ForbiddenError('Signature does not match');
 * ```
 */
export class ForbiddenError extends StorefrontError {
  constructor(message = 'Forbidden', options?: StorefrontErrorOptions) {
    super('FORBIDDEN', 403, message, options);
    this.name = 'ForbiddenError';
  }
}

/**
 * The product, order or report does not exist (404).
 * @example
 * ```ts
 * throw new NotFoundError('Unknown product: Mug', { details: { product: 'Mug' } });
 * ```
 */
export class NotFoundError extends StorefrontError {
  constructor(message = 'Not found', options?: StorefrontErrorOptions) {
    super('NOT_FOUND', 404, message, options);
    this.name = 'NotFoundError';
  }
}

/**
 * Some order lines (or a stock adjustment) ask for more than is in stock (409); nothing was changed.
 * @example
 * ```ts
 * if (error instanceof OutOfStockError) for (const s of error.shortages) console.log(s.product, s.available);
 * ```
 */
export class OutOfStockError extends StorefrontError {
  constructor(shortages: StockShortage[], options: Omit<StorefrontErrorOptions, 'details'> = {}) {
    super(
      'OUT_OF_STOCK',
      409,
      `Not enough stock: ${shortages
        .map((s) => `${s.product} (requested ${s.requested}, available ${s.available})`)
        .join(', ')}`,
      { ...options, details: shortages },
    );
    this.name = 'OutOfStockError';
  }

  /** Each short line with the quantity actually available. */
  get shortages(): StockShortage[] {
    return this.details as StockShortage[];
  }
}

/**
 * The idempotency key was already used for a different request (422).
 * @example
 * ```ts
 * throw new IdempotencyConflictError('order-42');
 * ```
 */
export class IdempotencyConflictError extends StorefrontError {
  constructor(idempotencyKey: string, options?: StorefrontErrorOptions) {
    super(
      'IDEMPOTENCY_CONFLICT',
      422,
      'This Idempotency-Key was already used with a different request body',
      { details: { idempotencyKey }, ...options },
    );
    this.name = 'IdempotencyConflictError';
  }
}

/**
 * The request body is larger than the API accepts (413).
 * @example
 * ```ts
 * throw new PayloadTooLargeError('Body exceeds 65536 bytes');
 * ```
 */
export class PayloadTooLargeError extends StorefrontError {
  constructor(message = 'Request body is too large', options?: StorefrontErrorOptions) {
    super('PAYLOAD_TOO_LARGE', 413, message, options);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * The request body is not `application/json` (415).
 * @example
 * ```ts
 * throw new UnsupportedMediaTypeError('Content-Type must be application/json');
 * ```
 */
export class UnsupportedMediaTypeError extends StorefrontError {
  constructor(message = 'Content-Type must be application/json', options?: StorefrontErrorOptions) {
    super('UNSUPPORTED_MEDIA_TYPE', 415, message, options);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/**
 * A known path was asked with a method it does not serve (405); the response's `Allow` header
 * lists {@link MethodNotAllowedError.allowedMethods}.
 * @example
 * ```ts
 * throw new MethodNotAllowedError(['GET', 'PUT']);
 * ```
 */
export class MethodNotAllowedError extends StorefrontError {
  /** The methods the path serves, e.g. `['GET', 'PUT']`. */
  readonly allowedMethods: readonly string[];

  constructor(allowedMethods: readonly string[], message?: string, options?: Omit<StorefrontErrorOptions, 'details'>) {
    super('METHOD_NOT_ALLOWED', 405, message ?? `Method not allowed; this path serves ${allowedMethods.join(', ')}`, {
      ...options,
      details: { allowedMethods },
    });
    this.name = 'MethodNotAllowedError';
    this.allowedMethods = allowedMethods;
  }
}

/**
 * Transient contention or throttling outlasted the store's own retries (503). Safe to send again
 * after {@link TryAgainError.retryAfterSeconds} (the `Retry-After` header), with the same
 * `Idempotency-Key`; the HTTP client does so itself for the calls it may retry.
 * @example
 * ```ts
 * if (error instanceof TryAgainError) await new Promise((r) => setTimeout(r, error.retryAfterSeconds * 1000));
 * ```
 */
export class TryAgainError extends StorefrontError {
  /** Whole seconds to wait before sending the request again. */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds = 1, message = 'The store is busy; try again shortly', options?: Omit<StorefrontErrorOptions, 'details'>) {
    super('TRY_AGAIN', 503, message, { ...options, details: { retryAfterSeconds } });
    this.name = 'TryAgainError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Something failed on the store's side (500); the message never carries internal details.
 * @example
 * ```ts
 * throw new InternalError('Internal error', { cause: awsError });
 * ```
 */
export class InternalError extends StorefrontError {
  constructor(message = 'Internal error', options?: StorefrontErrorOptions) {
    super('INTERNAL', 500, message, options);
    this.name = 'InternalError';
  }
}

/**
 * A setting passed to `createStorefront` or read from the environment is invalid; the message names it.
 * @example
 * ```ts
 * createStorefront({ region: '' }); // throws ConfigurationError: Invalid setting region (AWS_REGION): …
 * ```
 */
export class ConfigurationError extends StorefrontError {
  constructor(message: string, options?: StorefrontErrorOptions) {
    super('CONFIGURATION_ERROR', 500, message, options);
    this.name = 'ConfigurationError';
  }
}

/**
 * Turns an HTTP error response of the store's API into the matching error class, so the HTTP
 * transport throws exactly what the direct transport throws.
 *
 * @example
 * ```ts
 * const response = await fetch(url);
 * if (!response.ok) throw errorFromResponse(response.status, await response.json());
 * ```
 */
export function errorFromResponse(status: number, body: unknown, requestId?: string): StorefrontError {
  const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const message = typeof envelope?.message === 'string' ? envelope.message : `HTTP ${status}`;
  const details = envelope?.details;
  const options = { details, requestId };
  switch (envelope?.code) {
    case 'INVALID_JSON':
      return new InvalidJsonError(message, options);
    case 'VALIDATION_ERROR':
      return new ValidationError(message, options as StorefrontErrorOptions & { details?: FieldIssue[] });
    case 'UNAUTHORIZED':
      return new UnauthorizedError(message, options);
    case 'FORBIDDEN':
      return new ForbiddenError(message, options);
    case 'NOT_FOUND':
      return new NotFoundError(message, options);
    case 'OUT_OF_STOCK':
      return new OutOfStockError(Array.isArray(details) ? (details as StockShortage[]) : [], { requestId });
    case 'IDEMPOTENCY_CONFLICT': {
      const key = (details as { idempotencyKey?: unknown } | undefined)?.idempotencyKey;
      return new IdempotencyConflictError(typeof key === 'string' ? key : '', { requestId });
    }
    case 'PAYLOAD_TOO_LARGE':
      return new PayloadTooLargeError(message, options);
    case 'UNSUPPORTED_MEDIA_TYPE':
      return new UnsupportedMediaTypeError(message, options);
    case 'METHOD_NOT_ALLOWED': {
      const allowed = (details as { allowedMethods?: unknown } | undefined)?.allowedMethods;
      return new MethodNotAllowedError(Array.isArray(allowed) ? (allowed as string[]) : [], message, { requestId });
    }
    case 'TRY_AGAIN': {
      const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      return new TryAgainError(typeof seconds === 'number' ? seconds : 1, message, { requestId });
    }
    default:
      return new InternalError(message, options);
  }
}
