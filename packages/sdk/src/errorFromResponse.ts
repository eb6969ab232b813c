import { errorCatalog, errorCodeOfStatus, type ApiErrorCode } from './errorCatalog.js';
import {
  ForbiddenError,
  IdempotencyConflictError,
  InternalError,
  InvalidJsonError,
  MethodNotAllowedError,
  NotFoundError,
  OutOfStockError,
  PayloadTooLargeError,
  TryAgainError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldIssue,
  type StockShortage,
} from './errors.js';
import type { StorefrontError } from './StorefrontError.js';

/** What an error class is rebuilt from: the envelope's message and details, and the response headers. */
interface ErrorParts {
  readonly message: string;
  readonly details: unknown;
  readonly requestId: string | undefined;
  readonly header: (name: string) => string | null;
}

const detail = (details: unknown, name: string): unknown => (details as Record<string, unknown> | undefined)?.[name];

/** One rebuilder per code of the catalog: a new code without its class does not compile. */
const errorOfCode: Record<ApiErrorCode, (parts: ErrorParts) => StorefrontError> = {
  VALIDATION_ERROR: ({ message, details, requestId }) =>
    new ValidationError(message, { details: Array.isArray(details) ? (details as FieldIssue[]) : [], requestId }),
  INVALID_JSON: ({ message, details, requestId }) => new InvalidJsonError(message, { details, requestId }),
  UNAUTHORIZED: ({ message, details, requestId }) => new UnauthorizedError(message, { details, requestId }),
  FORBIDDEN: ({ message, details, requestId }) => new ForbiddenError(message, { details, requestId }),
  NOT_FOUND: ({ message, details, requestId }) => new NotFoundError(message, { details, requestId }),
  METHOD_NOT_ALLOWED: ({ message, details, requestId, header }) => {
    const listed = detail(details, 'allowedMethods');
    const allowed = Array.isArray(listed)
      ? listed.filter((method): method is string => typeof method === 'string')
      : (header('allow') ?? '').split(',').map((method) => method.trim()).filter(Boolean);
    return new MethodNotAllowedError(allowed, message, { requestId });
  },
  OUT_OF_STOCK: ({ details, requestId }) => new OutOfStockError(Array.isArray(details) ? (details as StockShortage[]) : [], { requestId }),
  PAYLOAD_TOO_LARGE: ({ message, details, requestId }) => new PayloadTooLargeError(message, { details, requestId }),
  UNSUPPORTED_MEDIA_TYPE: ({ message, details, requestId }) => new UnsupportedMediaTypeError(message, { details, requestId }),
  IDEMPOTENCY_CONFLICT: ({ details, requestId }) => {
    const key = detail(details, 'idempotencyKey');
    return new IdempotencyConflictError(typeof key === 'string' ? key : '', { requestId });
  },
  INTERNAL: ({ message, details, requestId }) => new InternalError(message, { details, requestId }),
  TRY_AGAIN: ({ message, details, requestId, header }) => {
    const seconds = Number(detail(details, 'retryAfterSeconds') ?? header('retry-after'));
    return new TryAgainError(Number.isSafeInteger(seconds) && seconds >= 0 ? seconds : 1, message, { requestId });
  },
};

/**
 * Response headers, as `fetch`'s `Headers` gives them.
 *
 * @group Errors
 */
export interface ResponseHeaders {
  /** The value of header `name` (case-insensitive), or `null` when absent. */
  get(name: string): string | null;
}

/**
 * Turns an HTTP error response of the store's API into the matching error class, so the HTTP
 * transport throws exactly what the direct transport throws. A body without the store's envelope
 * (an answer of API Gateway or a proxy) is read by its status, as the error catalog says.
 *
 * @example
 * ```ts
 * const response = await fetch(url);
 * if (!response.ok) throw errorFromResponse(response.status, await response.json(), undefined, response.headers);
 * ```
 *
 * @group Errors
 */
export function errorFromResponse(status: number, body: unknown, requestId?: string, headers?: ResponseHeaders): StorefrontError {
  const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null | undefined)?.error;
  const bareMessage = (body as { message?: unknown } | null | undefined)?.message;
  const message =
    typeof envelope?.message === 'string' ? envelope.message : typeof bareMessage === 'string' ? bareMessage : `HTTP ${status}`;
  const sent = envelope?.code;
  // An unknown code from a newer server is still an error of the store; no code at all is a gateway's answer.
  const code: ApiErrorCode =
    typeof sent !== 'string' ? errorCodeOfStatus(status) : Object.hasOwn(errorCatalog, sent) ? (sent as ApiErrorCode) : 'INTERNAL';
  const parts: ErrorParts = {
    message,
    details: envelope?.details,
    requestId,
    header: (name) => headers?.get(name) ?? null,
  };
  return errorOfCode[code](parts);
}
