/**
 * The one home of the contract's error codes: each code's HTTP status and meaning. The error
 * classes, the error envelope's code enum, the OpenAPI error responses and the HTTP client's
 * reading of bare gateway answers are all derived from this table. Browser-safe (no imports).
 */

/**
 * One code of the HTTP API: the status that carries it and what it means.
 *
 * @group Errors
 */
export interface ErrorCatalogEntry {
  /** The HTTP status of answers with this code. */
  readonly status: number;
  /** What the code means, for documents and people. */
  readonly description: string;
  /**
   * Statuses that API Gateway (or a proxy) answers itself, without the store's envelope, that the
   * HTTP client reads as this code. A status maps to the first code that carries or lists it.
   */
  readonly alsoFrom?: readonly number[];
}

/**
 * Every error code of the HTTP API v1, in the order documents list them. For a status shared by
 * several codes, the first one is what a bare answer with that status is read as.
 *
 * @example
 * ```ts
 * errorCatalog.OUT_OF_STOCK.status; // 409
 * ```
 *
 * @group Errors
 */
export const errorCatalog = {
  /** Thrown as {@link ValidationError}. */
  VALIDATION_ERROR: { status: 400, description: 'An input broke a rule of the contract; details list each field' },
  /** Thrown as {@link InvalidJsonError}. */
  INVALID_JSON: { status: 400, description: 'The request body is not valid JSON' },
  /** Thrown as {@link UnauthorizedError}. */
  UNAUTHORIZED: { status: 401, description: 'An admin request carried no usable credentials' },
  /** Thrown as {@link ForbiddenError}. */
  FORBIDDEN: { status: 403, description: "An admin request's signature, date or body did not verify" },
  /** Thrown as {@link NotFoundError}. */
  NOT_FOUND: { status: 404, description: 'The product, order, report or image does not exist' },
  /** Thrown as {@link MethodNotAllowedError}. */
  METHOD_NOT_ALLOWED: { status: 405, description: 'A known path with another method; the Allow header lists the methods' },
  /** Thrown as {@link OutOfStockError}. */
  OUT_OF_STOCK: { status: 409, description: 'Not enough stock; nothing was changed' },
  /** Thrown as {@link PayloadTooLargeError}. */
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body is over 64 KiB' },
  /** Thrown as {@link UnsupportedMediaTypeError}. */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The request body is not application/json' },
  /** Thrown as {@link IdempotencyConflictError}. */
  IDEMPOTENCY_CONFLICT: { status: 422, description: 'The Idempotency-Key was already used with a different body' },
  /** Thrown as {@link InternalError}. */
  INTERNAL: { status: 500, description: 'Something failed on the store side' },
  /** Thrown as {@link TryAgainError}. */
  TRY_AGAIN: {
    status: 503,
    description: 'Transient contention or throttling; retry after Retry-After seconds with the same Idempotency-Key',
    alsoFrom: [429],
  },
} as const satisfies Record<string, ErrorCatalogEntry>;

/**
 * A machine-readable error code of the HTTP API.
 *
 * @group Errors
 */
export type ApiErrorCode = keyof typeof errorCatalog;

/**
 * Every code a store error may carry: the HTTP API's codes, plus `CONFIGURATION_ERROR`, which the
 * direct transport throws for an invalid setting and which never leaves the API (it answers 500).
 *
 * @group Errors
 */
export type ErrorCode = ApiErrorCode | 'CONFIGURATION_ERROR';

/**
 * The HTTP API's error codes, in catalog order (a non-empty tuple, as `z.enum` wants).
 *
 * @group Errors
 */
export const apiErrorCodes = Object.keys(errorCatalog) as [ApiErrorCode, ...ApiErrorCode[]];

/**
 * The HTTP status of a code; `CONFIGURATION_ERROR` is a 500 like any store-side failure.
 *
 * @group Errors
 */
export function statusOfErrorCode(code: ErrorCode): number {
  return code === 'CONFIGURATION_ERROR' ? 500 : errorCatalog[code].status;
}

/**
 * The code an HTTP answer without the store's envelope stands for (a gateway's 403 or 429, a
 * proxy's 502): the first catalog code with that status, else `INTERNAL`.
 *
 * @example
 * ```ts
 * errorCodeOfStatus(429); // 'TRY_AGAIN'
 * errorCodeOfStatus(502); // 'INTERNAL'
 * ```
 *
 * @group Errors
 */
export function errorCodeOfStatus(status: number): ApiErrorCode {
  const entries = Object.entries(errorCatalog) as Array<[ApiErrorCode, ErrorCatalogEntry]>;
  const match = entries.find(([, entry]) => entry.status === status || entry.alsoFrom?.includes(status));
  return match?.[0] ?? 'INTERNAL';
}
