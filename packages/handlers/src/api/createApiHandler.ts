import type { Logger } from '@aws-lambda-powertools/logger';
import {
  ForbiddenError,
  InternalError,
  InvalidJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  StorefrontError,
  TryAgainError,
  UnsupportedMediaTypeError,
  ValidationError,
  isReplayed,
  type StorefrontApi,
} from '@store-front/sdk';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { handlerSetup, type HandlerOptions } from '../handlerSetup.js';
import { allowedMethods, matchRoute, type Route } from './routes.js';

/** Largest request body the API accepts, in bytes; a larger one is answered 413 `PAYLOAD_TOO_LARGE`. */
export const maxBodyBytes = 64 * 1024;

/** Request headers a browser may send cross-origin (CORS; docs/api.md). */
export const corsAllowedHeaders = [
  'content-type',
  'idempotency-key',
  'authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
] as const;

/** Response headers a browser script may read cross-origin (CORS; docs/api.md). */
export const corsExposedHeaders = ['retry-after', 'idempotent-replayed', 'x-request-id'] as const;

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': corsExposedHeaders.join(','),
};

const preflightHeaders = {
  ...corsHeaders,
  'access-control-allow-methods': 'GET,HEAD,POST,PUT,DELETE,OPTIONS',
  'access-control-allow-headers': corsAllowedHeaders.join(','),
  'access-control-max-age': '600',
};

/** Options of {@link createApiHandler}: the store to serve (any transport) and the logger (service `storefront-api`). */
export type ApiHandlerOptions = HandlerOptions<StorefrontApi>;

/**
 * An API Gateway HTTP API (payload v2) event: with `requestContext.authorizer.iam` when the IAM
 * authorizer (or the local stack's SigV4 check) has verified the caller, without it otherwise.
 */
export type ApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithIAMAuthorizer;

/** The API Lambda handler: API Gateway HTTP API payload v2 in, structured result out. */
export type ApiHandler = (event: ApiEvent, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Creates the handler of every route of the HTTP API v1 (docs/contract.md). It checks what belongs to HTTP
 * (route, body size, media type, JSON) and leaves every field rule to the SDK, so both transports
 * reject the same inputs the same way. Errors leave as the contract's envelope; anything unexpected
 * is logged with its stack and answered with a bare 500, never with internal text.
 *
 * @example
 * ```ts
 * import { createStorefront } from '@store-front/sdk';
 * export const handler = createApiHandler({ store: createStorefront({ prefix: 'staging' }) });
 * ```
 */
export function createApiHandler(options: ApiHandlerOptions = {}): ApiHandler {
  const { logger, store, begin } = handlerSetup(options, 'storefront-api');

  return async (event, context) => {
    begin(context);
    const started = performance.now();
    const requestId = event.requestContext?.requestId ?? context?.awsRequestId ?? 'local';
    const method = event.requestContext?.http?.method ?? 'GET';
    const rawPath = event.rawPath ?? '/';
    let result: APIGatewayProxyStructuredResultV2;
    try {
      if (method === 'OPTIONS') {
        result = { statusCode: 204, headers: { ...preflightHeaders, 'x-request-id': requestId }, body: '' };
      } else {
        const { status, body } = await serve(await store(), method, rawPath, event);
        result = json(status, body, requestId, isReplayed(body) ? { 'idempotent-replayed': 'true' } : {});
      }
    } catch (error) {
      result = json(...errorResponse(error, logger, requestId), requestId, errorHeaders(error));
    }
    // HEAD answers what GET would, without the body.
    if (method === 'HEAD') result = { ...result, headers: { ...result.headers, 'content-length': Buffer.byteLength(result.body ?? '') }, body: '' };
    logger.info('request', {
      requestId,
      method,
      path: rawPath,
      status: result.statusCode,
      durationMs: Math.round(performance.now() - started),
    });
    return result;
  };
}

async function serve(store: StorefrontApi, method: string, rawPath: string, event: ApiEvent) {
  const match = matchRoute(method, rawPath);
  if (!match) {
    const allowed = allowedMethods(rawPath);
    if (allowed.length > 0) throw new MethodNotAllowedError(allowed, `${method} is not served on ${rawPath}; use ${allowed.join(', ')}`);
    throw new NotFoundError(`No route ${method} ${rawPath}`, { details: [] });
  }
  const { route, rawParams } = match;
  // The IAM authorizer stands in front of admin routes in AWS, but the handler does not rely on it:
  // an event that reaches an admin route without a verified IAM identity (a misconfigured route, a
  // direct Lambda invoke) is refused before anything is read or written.
  if (route.admin && !hasIamIdentity(event)) {
    throw new ForbiddenError('Admin routes need an IAM-authorized (SigV4-signed) request');
  }
  const params = rawParams.map((raw, index) => decodePathParameter(raw, route, index));
  const headers = event.headers ?? {};
  const body = route.body ? readJsonBody(event, headers['content-type']) : undefined;
  const query = queryOf(event);
  return { status: route.response.status, body: await route.run(store, { params, query, headers, body }) };
}

function hasIamIdentity(event: ApiEvent): boolean {
  const iam = 'authorizer' in event.requestContext ? event.requestContext.authorizer?.iam : undefined;
  return typeof iam?.accessKey === 'string' && iam.accessKey !== '';
}

function decodePathParameter(raw: string, route: Route, index: number): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    const name = Object.keys(route.pathParams ?? {})[index] ?? 'path';
    throw new ValidationError(`Invalid ${name}: not a valid URL-encoded string`, {
      details: [{ path: name, message: 'is not valid percent-encoding' }],
    });
  }
}

/** API Gateway joins repeated parameters with commas; each becomes one string the schemas check. */
function queryOf(event: ApiEvent): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) query[name] = value;
  }
  return query;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readJsonBody(event: ApiEvent, contentType: string | undefined): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBodyBytes) {
    throw new PayloadTooLargeError(`Request body exceeds ${maxBodyBytes} bytes`);
  }
  if (!isJsonMediaType(contentType)) {
    throw new UnsupportedMediaTypeError('Content-Type must be application/json');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InvalidJsonError('Request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidJsonError();
  }
}

/** `application/json`, optionally with `charset=utf-8` (any case); nothing else. */
function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => parameter === '' || /^charset="?utf-8"?$/.test(parameter));
}

function errorResponse(error: unknown, logger: Logger, requestId: string): [number, unknown] {
  if (error instanceof StorefrontError && error.status < 500) return [error.status, error.toJSON()];
  if (error instanceof TryAgainError) {
    logger.warn('contention outlasted the retries', { requestId, error: error.cause as Error });
    return [error.status, error.toJSON()];
  }
  // ConfigurationError and other 500s carry internal names: log them, tell the client nothing more.
  logger.error('unhandled error', { requestId, error: error as Error });
  const exposed = error instanceof InternalError ? error.message : 'Internal error';
  return [500, new InternalError(exposed).toJSON()];
}

/** Headers an error carries besides its body: `Retry-After` on 503, `Allow` on 405. */
function errorHeaders(error: unknown): Record<string, string> {
  if (error instanceof TryAgainError) return { 'retry-after': String(error.retryAfterSeconds) };
  if (error instanceof MethodNotAllowedError) return { allow: error.allowedMethods.join(', ') };
  return {};
}

function json(status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  if (status === 204) return { statusCode: 204, headers: { ...corsHeaders, 'x-request-id': requestId, ...headers }, body: '' };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...corsHeaders, 'x-request-id': requestId, ...headers },
    body: JSON.stringify(body),
  };
}
