import { createHash, createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  IdempotencyConflictError,
  InternalError,
  NotFoundError,
  OutOfStockError,
  UnauthorizedError,
  TryAgainError,
  ValidationError,
  createStorefrontClient,
  isReplayed,
} from '../src/http/index.js';
import { WebCryptoSha256 } from '../src/http/WebCryptoSha256.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A fetch that records each request and answers from a script of responses (or throws network errors). */
function scriptedFetch(script: Array<Response | Error | ((sent: Sent) => Response)>) {
  const sent: Sent[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const request: Sent = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
      body: init.body as string | undefined,
    };
    sent.push(request);
    const next = script.shift() ?? new Error('script exhausted');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next;
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const envelope = (code: string, message = code, details?: unknown) => ({ error: { code, message, ...(details === undefined ? {} : { details }) } });
const credentials = { accessKeyId: 'AKIAEXAMPLE000000000', secretAccessKey: 'secret-0123456789' };
const order = { orderId: 'o1', orderDate: '2025-01-01T00:00:00.000Z', items: [{ product: 'Mug', quantity: 1, unitCost: 1, lineTotal: 1 }], total: 1 };

describe('createStorefrontClient', () => {
  it('builds URLs with encoded path parameters and query strings', async () => {
    const { fetch, sent } = scriptedFetch([json(200, { items: [], nextCursor: null }), json(200, { product: 'a/b c' })]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test/', fetch });
    await api.catalog.list({ category: 'Home & Garden', limit: 5 });
    await api.catalog.get('a/b c');
    expect(sent.map((s) => s.url)).toEqual(['http://store.test/catalog?category=Home%20%26%20Garden&limit=5', 'http://store.test/catalog/a%2Fb%20c']);
    expect(sent[0]!.headers.authorization).toBeUndefined();
  });

  it('retries GETs after 5xx, 429 and network errors with backoff, then succeeds', async () => {
    const { fetch, sent } = scriptedFetch([json(503, envelope('INTERNAL')), new TypeError('fetch failed'), json(429, {}), json(200, { items: [], nextCursor: null })]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch });
    expect(await api.catalog.list()).toEqual({ items: [], nextCursor: null });
    expect(sent).toHaveLength(4);
  });

  it('gives up after maxRetries and throws the last error as the store error class', async () => {
    const { fetch, sent } = scriptedFetch([json(500, envelope('INTERNAL', 'boom')), json(500, envelope('INTERNAL', 'boom'))]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch, maxRetries: 1 });
    await expect(api.catalog.get('Mug')).rejects.toThrow(InternalError);
    expect(sent).toHaveLength(2);
  });

  it('never retries a write without an Idempotency-Key (inventory.put)', async () => {
    const { fetch, sent } = scriptedFetch([json(503, envelope('INTERNAL')), new TypeError('fetch failed')]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch, credentials });
    await expect(api.inventory.put({ product: 'Mug', category: 'c', description: '', cost: 1, quantity: 1 })).rejects.toThrow(InternalError);
    expect(sent).toHaveLength(1);
  });

  it('adjustments and report starts carry an Idempotency-Key, the same one on every retry', async () => {
    const { fetch, sent } = scriptedFetch([
      new TypeError('fetch failed'),
      json(200, { product: 'Mug', quantity: 3 }),
      json(503, envelope('TRY_AGAIN'), { 'retry-after': '0' }),
      json(202, { executionId: 'e1', status: 'PENDING' }),
      json(200, { product: 'Mug', quantity: 4 }),
    ]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch, credentials });
    expect(await api.inventory.adjust('Mug', -3, { reason: 'breakage' })).toEqual({ product: 'Mug', quantity: 3 });
    expect(await api.reports.start({ type: 'sales' })).toEqual({ executionId: 'e1', status: 'PENDING' });
    await api.inventory.adjust('Mug', 1, { idempotencyKey: 'adj-1' });
    const keys = sent.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[4]).toBe('adj-1');
    // The key travels as a header, never in the body.
    expect(JSON.parse(sent[4]!.body!)).toEqual({ delta: 1 });
  });

  it('retries 503 TRY_AGAIN and 429 after Retry-After, and throws TryAgainError once out of retries', async () => {
    const started = Date.now();
    const { fetch, sent } = scriptedFetch([
      json(503, envelope('TRY_AGAIN', 'busy', { retryAfterSeconds: 1 }), { 'retry-after': '1' }),
      json(429, { message: 'Too Many Requests' }),
      json(201, order),
      json(503, envelope('TRY_AGAIN', 'busy', { retryAfterSeconds: 1 }), { 'retry-after': '0' }),
      json(503, envelope('TRY_AGAIN', 'busy', { retryAfterSeconds: 1 }), { 'retry-after': '0' }),
    ]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch, maxRetries: 2 });
    expect(await api.orders.place({ product: 'Mug', quantity: 1 })).toEqual(order);
    // Retry-After: 1 was honoured before the second attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const error = await createStorefrontClient({ baseUrl: 'http://store.test', fetch, maxRetries: 1 })
      .orders.place({ product: 'Mug', quantity: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TryAgainError);
    expect(error).toMatchObject({ status: 503, code: 'TRY_AGAIN', retryAfterSeconds: 1 });
    expect(sent).toHaveLength(5);
  });

  it('says a result is a replay when the API sends Idempotent-Replayed: true', async () => {
    const { fetch } = scriptedFetch([json(201, order, { 'idempotent-replayed': 'true' }), json(201, order)]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch });
    const replay = await api.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'k' });
    expect(isReplayed(replay)).toBe(true);
    expect(replay).toEqual(order);
    expect(isReplayed(await api.orders.place({ product: 'Mug', quantity: 1 }))).toBe(false);
  });

  it('orders carry an Idempotency-Key (generated when none is given), the same one on every retry', async () => {
    const { fetch, sent } = scriptedFetch([new TypeError('fetch failed'), json(502, {}), json(201, order), json(201, order)]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch });
    expect(await api.orders.place({ product: 'Mug', quantity: 1 })).toEqual(order);
    const keys = sent.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    await api.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'cart-1' });
    expect(sent[3]!.headers['idempotency-key']).toBe('cart-1');
    expect(sent[3]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent[3]!.body!)).toEqual({ product: 'Mug', quantity: 1 });
  });

  it('maps error envelopes — and bare gateway errors — to the SDK error classes', async () => {
    const { fetch } = scriptedFetch([
      json(409, envelope('OUT_OF_STOCK', 'short', [{ product: 'Mug', requested: 2, available: 1 }]), { 'x-request-id': 'req-9' }),
      json(422, envelope('IDEMPOTENCY_CONFLICT', 'conflict', { idempotencyKey: 'k' })),
      json(400, envelope('VALIDATION_ERROR', 'bad', [{ path: 'quantity', message: 'must be an integer' }])),
      json(404, envelope('NOT_FOUND')),
      json(403, { message: 'Forbidden' }),
      json(401, { message: 'Unauthorized' }),
    ]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch, maxRetries: 0 });
    const shortage = await api.orders.place({ product: 'Mug', quantity: 2 }).catch((e: unknown) => e);
    expect(shortage).toBeInstanceOf(OutOfStockError);
    expect((shortage as OutOfStockError).shortages).toEqual([{ product: 'Mug', requested: 2, available: 1 }]);
    expect((shortage as OutOfStockError).requestId).toBe('req-9');
    await expect(api.orders.place({ product: 'Mug', quantity: 2 })).rejects.toBeInstanceOf(IdempotencyConflictError);
    const invalid = await api.orders.place({ product: 'Mug', quantity: 2 }).catch((e: unknown) => e);
    expect((invalid as ValidationError).issues).toEqual([{ path: 'quantity', message: 'must be an integer' }]);
    await expect(api.catalog.get('x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.orders.get('x')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(api.alerts.recent()).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects a bad idempotency key as a ValidationError without sending anything', async () => {
    const { fetch, sent } = scriptedFetch([]);
    const api = createStorefrontClient({ baseUrl: 'http://store.test', fetch });
    await expect(api.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'naïve' })).rejects.toBeInstanceOf(ValidationError);
    expect(sent).toHaveLength(0);
  });

  it('signs admin calls (SigV4, execute-api, region from the URL) and leaves public calls unsigned', async () => {
    const { fetch, sent } = scriptedFetch([json(200, order), json(200, { items: [], nextCursor: null }), json(200, { product: 'Mug', quantity: 2 })]);
    const api = createStorefrontClient({ baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com', fetch, credentials });
    await api.orders.get('o1');
    await api.catalog.list();
    await api.inventory.adjust('Mug', 1);
    const authorization = sent[0]!.headers.authorization!;
    expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE000000000\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-amz-date/);
    expect(sent[0]!.headers.host).toBeUndefined();
    expect(sent[1]!.headers.authorization).toBeUndefined();
    expect(sent[2]!.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(sent[2]!.body!).digest('hex'));
  });
});

describe('WebCryptoSha256', () => {
  it('matches node:crypto for SHA-256 and HMAC-SHA256', async () => {
    const hash = new WebCryptoSha256();
    hash.update(new TextEncoder().encode('hello '));
    hash.update(new TextEncoder().encode('world'));
    expect(Buffer.from(await hash.digest()).toString('hex')).toBe(createHash('sha256').update('hello world').digest('hex'));
    const hmac = new WebCryptoSha256('key');
    hmac.update(new TextEncoder().encode('data'));
    expect(Buffer.from(await hmac.digest()).toString('hex')).toBe(createHmac('sha256', 'key').update('data').digest('hex'));
  });
});

describe('@store-front/sdk/http in a browser', () => {
  it('bundles for the browser with no Node module and no AWS SDK client', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/http/index.ts', import.meta.url))],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      splitting: true,
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /node:|@aws-sdk\/|\/zod\/|src\/(config|clients|cursor|schemas)\.ts/.test(path))).toEqual([]);
    const size = (path: string) => gzipSync(result.outputFiles.find((file) => file.path.endsWith(path))!.contents, { level: 9 }).byteLength;
    // What a signing browser loads: the entry, then the signer chunk and the chunks it imports.
    const loaded = new Set<string>();
    const visit = (path: string) => {
      if (loaded.has(path)) return;
      loaded.add(path);
      for (const imported of result.metafile.outputs[path]?.imports ?? []) visit(imported.path);
    };
    visit('out/index.js');
    expect([...loaded].some((path) => path.includes('ExecuteApiSigner'))).toBe(true);
    expect(size('/out/index.js')).toBeLessThanOrEqual(4 * 1024);
    expect([...loaded].reduce((sum, path) => sum + size(path), 0)).toBeLessThanOrEqual(8 * 1024);
  });
});
