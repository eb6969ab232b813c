import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PayloadTooLargeError, StorefrontError } from '@store-front/sdk';
import { browserSecurityHeaders, type BrowserOrigins } from '@store-front/sdk/resources';
import type { APIGatewayEventRequestContextIAMAuthorizer } from 'aws-lambda';
import type { ApiEvent, ApiHandler } from '@store-front/handlers';
import { isAdminRoute } from '@store-front/handlers';
import { apiReferenceFile } from './apiReference.js';
import type { SigV4Verifier } from './SigV4Verifier.js';
import type { MediaSource } from './media.js';

/** Options of {@link createLocalApiServer}. */
export interface LocalApiServerOptions {
  /** The API Lambda handler to host. */
  readonly handler: ApiHandler;
  /** Checks admin routes' signatures, as API Gateway's IAM authorizer does. */
  readonly verifier: SigV4Verifier;
  /** Files served outside the API, by path (e.g. `/` → the storefront page, `/assets/app.js`). */
  readonly pages?: Readonly<
    Record<
      string,
      {
        /** The page's `Content-Type`. */
        readonly contentType: string;
        /** The page's bytes (or text, sent as UTF-8). */
        readonly body: string | Uint8Array;
      }
    >
  >;
  /** Serves `GET /media/<key>` (the product images' variants), as CloudFront serves the media bucket in AWS. */
  readonly media?: MediaSource;
  /** Called after every successful request that may have changed data (any 2xx but GET/HEAD/OPTIONS). */
  readonly onWrite?: () => void;
  /**
   * Origins the page may use besides its own (media, upload), for the Content-Security-Policy; a
   * function when they are known only once the store is up (read on every answer).
   */
  readonly browserOrigins?: BrowserOrigins | (() => BrowserOrigins);
}

// API Gateway accepts up to 10 MB and lets the handler answer 413 above 64 KiB; reading stops at 1 MiB here.
const maxReadBytes = 1024 * 1024;

/**
 * A Node HTTP server that stands in for API Gateway (HTTP API, payload v2): it turns each request
 * into the event API Gateway would send, runs the SigV4 check in front of admin routes, calls the
 * same handler the Lambda runs, and writes its result back. Beside the API it serves the given
 * pages, `/media/`, and the API reference page at `/docs/api` (rendered from the OpenAPI document).
 *
 * @example
 * ```ts
 * const server = createLocalApiServer({ handler: createApiHandler({ store }), verifier });
 * server.listen(3000, '127.0.0.1');
 * ```
 */
export function createLocalApiServer(options: LocalApiServerOptions): Server {
  // What CloudFront adds in AWS, on every answer: the page's and the API's.
  const origins = options.browserOrigins;
  const securityHeaders = () => browserSecurityHeaders(typeof origins === 'function' ? origins() : origins);
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders())) response.setHeader(name, value);
    handle(options, request, response).catch((error: unknown) => {
      // Only a broken socket gets here; the handler itself never throws.
      if (!response.headersSent) writeError(response, new StorefrontError('INTERNAL', 'Internal error', { cause: error }));
      else response.destroy();
    });
  });
  // Requests Node cannot even parse still get the contract's envelope, not a bare "400 Bad Request".
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const body = JSON.stringify(new StorefrontError('VALIDATION_ERROR', 'Malformed HTTP request').toJSON());
    const headers = Object.entries(securityHeaders()).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`,
    );
  });
  // A client that never finishes its request must not hold a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  return server;
}

async function handle(options: LocalApiServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = (request.method ?? 'GET').toUpperCase();
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  const rawPath = (queryStart === -1 ? target : target.slice(0, queryStart)) || '/';
  const rawQuery = queryStart === -1 ? '' : target.slice(queryStart + 1);

  // The pages it was given, and the API reference (/docs/api), rendered from the API's own document.
  const page = method === 'GET' || method === 'HEAD' ? (options.pages?.[rawPath] ?? apiReferenceFile(rawPath)) : undefined;
  if (page) {
    response.writeHead(200, { 'content-type': page.contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(page.body) });
    response.end(method === 'HEAD' ? undefined : page.body);
    return;
  }

  if (method === 'GET' && options.media && rawPath.startsWith(mediaPrefix)) {
    await serveMedia(options.media, rawPath, response);
    return;
  }

  const body = await readBody(request);
  if (!body) {
    writeError(response, new PayloadTooLargeError(`Request body exceeds ${maxReadBytes} bytes`), { connection: 'close' });
    return;
  }
  const headers = headersOf(request);
  let authorizer: APIGatewayEventRequestContextIAMAuthorizer | undefined;
  if (method !== 'OPTIONS' && isAdminRoute(method, rawPath)) {
    try {
      const { accessKeyId } = await options.verifier.verify({ method, rawPath, rawQuery, headers, body });
      authorizer = iamAuthorizerContext(accessKeyId);
    } catch (error) {
      if (!(error instanceof StorefrontError)) throw error;
      writeError(response, error);
      return;
    }
  }

  const event = apiGatewayEvent({ method, rawPath, rawQuery, headers, body, authorizer, request });
  const result = await options.handler(event);
  const status = result.statusCode ?? 200;
  if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && status >= 200 && status < 300) options.onWrite?.();
  const responseBody = result.body ?? '';
  response.writeHead(status, {
    'content-length': Buffer.byteLength(responseBody, result.isBase64Encoded ? 'base64' : 'utf8'),
    // A HEAD answer states the length GET's body would have.
    ...(result.headers as Record<string, string>),
  });
  response.end(result.isBase64Encoded ? Buffer.from(responseBody, 'base64') : responseBody);
}

/** What API Gateway (HTTP API, payload v2) would send the Lambda for this request. */
function apiGatewayEvent(request: {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
  readonly authorizer: APIGatewayEventRequestContextIAMAuthorizer | undefined;
  readonly request: IncomingMessage;
}): ApiEvent {
  const { method, rawPath, rawQuery, headers, body, authorizer } = request;
  const text = Buffer.from(body).toString('utf8');
  const isText = Buffer.from(text, 'utf8').equals(body);
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const requestId = randomUUID();
  const now = new Date();
  const event: ApiEvent = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: rawQuery,
    headers,
    ...(rawQuery ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${request.request.httpVersion}`,
        sourceIp: request.request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      // What API Gateway's IAM authorizer adds once it has verified the signature: the handler
      // refuses admin routes without it, so both stacks run the same check.
      ...(authorizer ? { authorizer } : {}),
    },
    ...(body.byteLength > 0 ? { body: isText ? text : Buffer.from(body).toString('base64') } : {}),
    isBase64Encoded: body.byteLength > 0 && !isText,
  };
  return event;
}

const mediaPrefix = '/media/';

async function serveMedia(media: MediaSource, rawPath: string, response: ServerResponse): Promise<void> {
  let key: string;
  try {
    key = decodeURIComponent(rawPath.slice(mediaPrefix.length));
  } catch {
    key = '';
  }
  const file = key ? await media(key) : undefined;
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  response.writeHead(200, {
    'content-type': file.contentType,
    'cache-control': file.cacheControl,
    'content-length': file.body.byteLength,
    'x-content-type-options': 'nosniff',
  });
  response.end(file.body);
}

function iamAuthorizerContext(accessKeyId: string): APIGatewayEventRequestContextIAMAuthorizer {
  return {
    iam: {
      accessKey: accessKeyId,
      accountId: 'local',
      callerId: accessKeyId,
      cognitoIdentity: null,
      principalOrgId: '',
      userArn: 'arn:aws:iam::000000000000:user/storefront-local-admin',
      userId: accessKeyId,
    },
  };
}

/** API Gateway v2 header map: lower-case names, repeated values joined with commas. */
function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headersDistinct)) {
    if (value) headers[name] = value.join(',');
  }
  return headers;
}

/** The whole body, or `undefined` once it passes {@link maxReadBytes} (the rest is not read). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxReadBytes) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function writeError(response: ServerResponse, error: StorefrontError, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify(error.toJSON());
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    'content-length': Buffer.byteLength(body),
    ...extraHeaders,
  });
  response.end(body);
}
