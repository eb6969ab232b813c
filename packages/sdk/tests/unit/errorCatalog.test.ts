import { describe, expect, it } from 'vitest';
import {
  InternalError,
  MethodNotAllowedError,
  NotFoundError,
  OutOfStockError,
  StorefrontError,
  TryAgainError,
  ValidationError,
  apiErrorCodes,
  errorCatalog,
  errorFromResponse,
} from '../../src/http/index.js';
import { errorCodeOfStatus } from '../../src/errorCatalog.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('the error catalog', () => {
  it('gives every code of the contract its status, 405 and 503 included', () => {
    // Prepare / Act
    const statuses = Object.fromEntries(apiErrorCodes.map((code) => [code, errorCatalog[code].status]));
    // Assess
    expect(statuses).toEqual({
      VALIDATION_ERROR: 400,
      INVALID_JSON: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      METHOD_NOT_ALLOWED: 405,
      OUT_OF_STOCK: 409,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      IDEMPOTENCY_CONFLICT: 422,
      INTERNAL: 500,
      TRY_AGAIN: 503,
    });
  });

  it('rebuilds, for every code, an error of that code and status from its own envelope', () => {
    for (const code of apiErrorCodes) {
      // Prepare: what the API sends for the code (an envelope with details the class understands)
      const details = code === 'VALIDATION_ERROR' || code === 'OUT_OF_STOCK' ? [] : undefined;
      const body = { error: { code, message: `m-${code}`, ...(details ? { details } : {}) } };
      // Act
      const error = errorFromResponse(errorCatalog[code].status, body, 'req-1');
      // Assess
      expect(error, code).toBeInstanceOf(StorefrontError);
      expect([error.code, error.status, error.requestId], code).toEqual([code, errorCatalog[code].status, 'req-1']);
      expect(errorFromResponse(error.status, error.toJSON()).constructor, code).toBe(error.constructor);
    }
  });

  it('reads bare gateway answers by status: 429 and 503 are TRY_AGAIN, 405 keeps the Allow header', () => {
    const throttled = errorFromResponse(429, { message: 'Too Many Requests' }, undefined, headers({ 'retry-after': '7' }));
    expect(throttled).toBeInstanceOf(TryAgainError);
    expect((throttled as TryAgainError).retryAfterSeconds).toBe(7);
    expect(errorFromResponse(503, undefined)).toBeInstanceOf(TryAgainError);
    const method = errorFromResponse(405, undefined, undefined, headers({ allow: 'GET, PUT' }));
    expect((method as MethodNotAllowedError).allowedMethods).toEqual(['GET', 'PUT']);
    expect(errorFromResponse(400, 'not json')).toBeInstanceOf(ValidationError);
    expect(errorFromResponse(404, {})).toBeInstanceOf(NotFoundError);
    expect(errorFromResponse(409, {})).toBeInstanceOf(OutOfStockError);
    expect(errorFromResponse(502, { message: 'Bad Gateway' })).toBeInstanceOf(InternalError);
    expect(errorCodeOfStatus(418)).toBe('INTERNAL');
  });

  it('keeps an unknown code from a newer server an INTERNAL error, whatever its status', () => {
    expect(errorFromResponse(409, { error: { code: 'SOMETHING_NEW', message: 'x' } })).toBeInstanceOf(InternalError);
  });

  it('carries the 405 and 503 context in the envelope, so it survives the HTTP transport', () => {
    const busy = new TryAgainError(3);
    const rebuilt = errorFromResponse(busy.status, busy.toJSON()) as TryAgainError;
    expect([rebuilt.retryAfterSeconds, rebuilt.message]).toEqual([3, busy.message]);
    const method = new MethodNotAllowedError(['GET']);
    expect((errorFromResponse(405, method.toJSON()) as MethodNotAllowedError).allowedMethods).toEqual(['GET']);
    expect(method.toJSON().error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
