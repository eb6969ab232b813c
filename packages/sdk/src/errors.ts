/**
 * Every error the store reports, as classes with the `code` and HTTP `status` of the contract (the
 * status comes from the error catalog). Both transports throw these same classes.
 */
import { StorefrontError, type StorefrontErrorOptions } from './StorefrontError.js';

export { StorefrontError, type StorefrontErrorOptions } from './StorefrontError.js';
export {
  errorCatalog,
  apiErrorCodes,
  errorCodeOfStatus,
  type ApiErrorCode,
  type ErrorCatalogEntry,
  type ErrorCode,
} from './errorCatalog.js';

/**
 * One line of an order that cannot be served: what was asked and what is there.
 *
 * @group Errors
 */
export interface StockShortage {
  /** The product asked for. */
  readonly product: string;
  /** Units asked for. */
  readonly requested: number;
  /** Units in stock when the order was refused. */
  readonly available: number;
}

/**
 * One reason an input was rejected: the field's path (e.g. `items.2.quantity`) and why.
 *
 * @group Errors
 */
export interface FieldIssue {
  /** Dotted path of the field in the input, e.g. `items.2.quantity`; a label such as `(body)` for the input as a whole. */
  readonly path: string;
  /** Why it was rejected. */
  readonly message: string;
}

/**
 * The request body is not valid JSON (400).
 * @example
 * ```ts
 * throw new InvalidJsonError('Request body is not valid JSON');
 * ```
 *
 * @group Errors
 */
export class InvalidJsonError extends StorefrontError {
  constructor(message = 'Request body is not valid JSON', options?: StorefrontErrorOptions) {
    super('INVALID_JSON', message, options);
    this.name = 'InvalidJsonError';
  }
}

/**
 * An input broke a rule of the contract (400); `details` lists each field and why.
 * @example
 * ```ts
 * if (error instanceof ValidationError) console.log(error.issues.map((i) => `${i.path}: ${i.message}`));
 * ```
 *
 * @group Errors
 */
export class ValidationError extends StorefrontError {
  constructor(message: string, options: StorefrontErrorOptions & { details?: FieldIssue[] } = {}) {
    super('VALIDATION_ERROR', message, options);
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
 *
 * @group Errors
 */
export class UnauthorizedError extends StorefrontError {
  constructor(message = 'Authentication required', options?: StorefrontErrorOptions) {
    super('UNAUTHORIZED', message, options);
    this.name = 'UnauthorizedError';
  }
}

/**
 * An admin request's signature, date or body did not verify (403).
 * @example
 * ```ts
 * throw new ForbiddenError('Signature does not match');
 * ```
 *
 * @group Errors
 */
export class ForbiddenError extends StorefrontError {
  constructor(message = 'Forbidden', options?: StorefrontErrorOptions) {
    super('FORBIDDEN', message, options);
    this.name = 'ForbiddenError';
  }
}

/**
 * The product, order or report does not exist (404).
 * @example
 * ```ts
 * throw new NotFoundError('Unknown product: Mug', { details: { product: 'Mug' } });
 * ```
 *
 * @group Errors
 */
export class NotFoundError extends StorefrontError {
  constructor(message = 'Not found', options?: StorefrontErrorOptions) {
    super('NOT_FOUND', message, options);
    this.name = 'NotFoundError';
  }
}

/**
 * Some order lines (or a stock adjustment) ask for more than is in stock (409); nothing was changed.
 * @example
 * ```ts
 * if (error instanceof OutOfStockError) for (const s of error.shortages) console.log(s.product, s.available);
 * ```
 *
 * @group Errors
 */
export class OutOfStockError extends StorefrontError {
  constructor(shortages: StockShortage[], options: Omit<StorefrontErrorOptions, 'details'> = {}) {
    super(
      'OUT_OF_STOCK',
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
 *
 * @group Errors
 */
export class IdempotencyConflictError extends StorefrontError {
  constructor(idempotencyKey: string, options?: StorefrontErrorOptions) {
    super(
      'IDEMPOTENCY_CONFLICT',
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
 *
 * @group Errors
 */
export class PayloadTooLargeError extends StorefrontError {
  constructor(message = 'Request body is too large', options?: StorefrontErrorOptions) {
    super('PAYLOAD_TOO_LARGE', message, options);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * The request body is not `application/json` (415).
 * @example
 * ```ts
 * throw new UnsupportedMediaTypeError('Content-Type must be application/json');
 * ```
 *
 * @group Errors
 */
export class UnsupportedMediaTypeError extends StorefrontError {
  constructor(message = 'Content-Type must be application/json', options?: StorefrontErrorOptions) {
    super('UNSUPPORTED_MEDIA_TYPE', message, options);
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
 *
 * @group Errors
 */
export class MethodNotAllowedError extends StorefrontError {
  /** The methods the path serves, e.g. `['GET', 'PUT']`. */
  readonly allowedMethods: readonly string[];

  constructor(allowedMethods: readonly string[], message?: string, options?: Omit<StorefrontErrorOptions, 'details'>) {
    super('METHOD_NOT_ALLOWED', message ?? `Method not allowed; this path serves ${allowedMethods.join(', ')}`, {
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
 *
 * @group Errors
 */
export class TryAgainError extends StorefrontError {
  /** Whole seconds to wait before sending the request again. */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds = 1, message = 'The store is busy; try again shortly', options?: Omit<StorefrontErrorOptions, 'details'>) {
    super('TRY_AGAIN', message, { ...options, details: { retryAfterSeconds } });
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
 *
 * @group Errors
 */
export class InternalError extends StorefrontError {
  constructor(message = 'Internal error', options?: StorefrontErrorOptions) {
    super('INTERNAL', message, options);
    this.name = 'InternalError';
  }
}

/**
 * A setting passed to `createStorefront` or read from the environment is invalid; the message names it.
 * @example
 * ```ts
 * createStorefront({ region: '' }); // throws ConfigurationError: Invalid setting region (AWS_REGION): …
 * ```
 *
 * @group Errors
 */
export class ConfigurationError extends StorefrontError {
  constructor(message: string, options?: StorefrontErrorOptions) {
    super('CONFIGURATION_ERROR', message, options);
    this.name = 'ConfigurationError';
  }
}
