/**
 * `@store-front/sdk/http`: the store over its HTTP API, for browsers and partner apps. Imports no
 * Node module and no AWS SDK client; the error classes are the same as the direct transport's.
 *
 * @example
 * ```ts
 * import { createStorefrontClient } from '@store-front/sdk/http';
 * const api = createStorefrontClient({ baseUrl: 'http://localhost:3000' });
 * for await (const item of api.catalog.listAll()) console.log(item.product);
 * ```
 *
 * @module @store-front/sdk/http
 */
export { createStorefrontClient, type StorefrontClientOptions } from './createStorefrontClient.js';
export { isReplayed } from '../idempotentReplay.js';
export { HttpTransport, type HttpCall, type HttpCredentials, type HttpTransportOptions } from './HttpTransport.js';
export {
  StorefrontError,
  InvalidJsonError,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  OutOfStockError,
  IdempotencyConflictError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  InternalError,
  ConfigurationError,
  MethodNotAllowedError,
  TryAgainError,
  errorCatalog,
  type ErrorCode,
  type ApiErrorCode,
  type ErrorCatalogEntry,
  type FieldIssue,
  type StockShortage,
} from '../errors.js';
export { errorFromResponse, type ResponseHeaders } from '../errorFromResponse.js';
export type * from '../types.js';
