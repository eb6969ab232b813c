import type { StorefrontApi } from '@store-front/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler, type ApiEvent } from '@store-front/handlers';
import { apiRoutes } from '@store-front/handlers';
import type { LocalStack } from '../src/startLocalStack.js';
import { item, send, silentLogger, startTestStack, testAdmin, type RawRequest } from './localStackSupport.js';

let stack: LocalStack;
let orderId: string;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.store.inventory.put([item('Lamp', 100, 25)]);
  orderId = (await stack.store.orders.place({ product: 'Lamp', quantity: 1 })).orderId;
});
afterAll(() => stack?.stop());

/** Each admin route: a request that passes the signature check, its status then, and a tampered variant. */
const adminRoutes = (): Array<{ name: string; request: RawRequest; validStatus: number; altered: NonNullable<RawRequest['sign']> }> => [
  { name: 'GET /orders/{orderId}', request: { method: 'GET', path: `/orders/${orderId}` }, validStatus: 200, altered: { sendPath: '/orders/another-order' } },
  { name: 'PUT /inventory', request: { method: 'PUT', path: '/inventory', body: JSON.stringify(item('Lamp', 100, 25)) }, validStatus: 200, altered: { sendBody: JSON.stringify(item('Lamp', 0, 25)) } },
  {
    name: 'POST /inventory/{product}/adjustments',
    request: { method: 'POST', path: '/inventory/Lamp/adjustments', body: '{"delta":0}' },
    validStatus: 200,
    altered: { sendBody: '{"delta":-100}' },
  },
  // An unknown report type shows that the signature was accepted (400 from validation), without starting a report.
  { name: 'POST /report', request: { method: 'POST', path: '/report', body: '{"type":"weekly"}' }, validStatus: 400, altered: { sendBody: '{"type":"sales"}' } },
  { name: 'GET /report/{executionId}', request: { method: 'GET', path: `/report/${'x'.repeat(201)}` }, validStatus: 400, altered: { sendPath: `/report/${'y'.repeat(201)}` } },
  { name: 'GET /alerts', request: { method: 'GET', path: '/alerts?limit=0' }, validStatus: 400, altered: { sendPath: '/alerts?limit=1' } },
  { name: 'GET /inventory', request: { method: 'GET', path: '/inventory?status=OUT' }, validStatus: 200, altered: { sendPath: '/inventory?status=OK' } },
  { name: 'GET /inventory/summary', request: { method: 'GET', path: '/inventory/summary' }, validStatus: 200, altered: { sendPath: '/inventory' } },
  { name: 'GET /reports', request: { method: 'GET', path: '/reports?type=sales' }, validStatus: 200, altered: { sendPath: '/reports?type=inventory' } },
  {
    name: 'GET /reports/daily',
    request: { method: 'GET', path: '/reports/daily?from=2024-01-01&to=2024-01-31' },
    validStatus: 200,
    altered: { sendPath: '/reports/daily?from=2024-01-01&to=2024-12-31' },
  },
  ...imageRoutes(),
];

const unknownImage = '00000000-0000-4000-8000-000000000000';
const imageRoutes = () => [
  {
    name: 'POST /inventory/{product}/images',
    request: { method: 'POST', path: '/inventory/Lamp/images', body: '{"contentType":"image/png","contentLength":10}' },
    validStatus: 201,
    altered: { sendBody: '{"contentType":"image/png","contentLength":20}' },
  },
  { name: 'GET /inventory/{product}/images', request: { method: 'GET', path: '/inventory/Lamp/images' }, validStatus: 200, altered: { sendPath: '/inventory/Other/images' } },
  {
    name: 'PUT /inventory/{product}/images/order',
    request: { method: 'PUT', path: '/inventory/Lamp/images/order', body: '{"imageIds":[]}' },
    validStatus: 200,
    altered: { sendBody: `{"imageIds":["${unknownImage}"]}` },
  },
  {
    name: 'GET /inventory/{product}/images/{imageId}',
    request: { method: 'GET', path: `/inventory/Lamp/images/${unknownImage}` },
    validStatus: 404,
    altered: { sendPath: `/inventory/Lamp/images/${unknownImage.replace('4000', '4001')}` },
  },
  {
    name: 'DELETE /inventory/{product}/images/{imageId}',
    request: { method: 'DELETE', path: `/inventory/Lamp/images/${unknownImage}` },
    validStatus: 404,
    altered: { sendPath: `/inventory/Lamp/images/${unknownImage.replace('4000', '4001')}` },
  },
];

describe('SigV4 auth matrix', () => {
  it('covers every admin route of the API', async () => {
    const { apiRoutes } = await import('@store-front/handlers');
    expect(adminRoutes().map((r) => r.name).sort()).toEqual(apiRoutes.filter((r) => r.admin).map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(['GET /orders/{orderId}', 'PUT /inventory', 'POST /inventory/{product}/adjustments', 'POST /report', 'GET /report/{executionId}', 'GET /alerts', 'GET /inventory', 'GET /inventory/summary', 'GET /reports', 'GET /reports/daily', ...imageRoutes().map((route) => route.name)])(
    '%s: none 401, garbage 401, wrong secret 403, unknown key 403, expired 403, future 403, altered 403, valid passes',
    async (name) => {
      const route = adminRoutes().find((r) => r.name === name)!;
      const { url } = stack;
      const statusOf = async (request: RawRequest) => {
        const response = await send(url, request);
        if (response.status === 401 || response.status === 403) {
          expect(response.json.error.code).toBe(response.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
        }
        return response.status;
      };
      const stock = async () => (await stack.store.catalog.get('Lamp')).available;
      const before = await stock();
      const tenMinutes = 10 * 60_000;
      expect(await statusOf(route.request)).toBe(401);
      expect(await statusOf({ ...route.request, headers: { authorization: 'garbage' } })).toBe(401);
      expect(await statusOf({ ...route.request, headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' } })).toBe(401);
      expect(await statusOf({ ...route.request, sign: { credentials: { ...testAdmin, secretAccessKey: 'wrong-secret' } } })).toBe(403);
      expect(await statusOf({ ...route.request, sign: { credentials: { ...testAdmin, accessKeyId: 'AKIAUNKNOWN000000000' } } })).toBe(403);
      expect(await statusOf({ ...route.request, sign: { date: new Date(Date.now() - tenMinutes) } })).toBe(403);
      expect(await statusOf({ ...route.request, sign: { date: new Date(Date.now() + tenMinutes) } })).toBe(403);
      expect(await statusOf({ ...route.request, sign: route.altered })).toBe(403);
      expect(await stock()).toBe(before);
      expect(await statusOf({ ...route.request, sign: { date: new Date(Date.now() - 4 * 60_000) } })).toBe(route.validStatus);
      expect(await statusOf({ ...route.request, sign: {} })).toBe(route.validStatus);
    },
  );

  it('public routes also accept signed requests, and ignore a bad signature', async () => {
    expect((await send(stack.url, { method: 'GET', path: '/catalog/Lamp', sign: {} })).status).toBe(200);
    expect((await send(stack.url, { method: 'GET', path: '/catalog', headers: { authorization: 'garbage' } })).status).toBe(200);
  });

  it('a signed x-amz-content-sha256 that does not match the body is 403', async () => {
    const response = await send(stack.url, {
      method: 'PUT',
      path: '/inventory',
      body: JSON.stringify(item('Lamp', 100, 25)),
      headers: { 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      sign: {},
    });
    expect(response.status).toBe(403);
  });
});

describe('signatures from other SigV4 implementations', () => {
  it('accepts a signature computed from the AWS spec alone (no x-amz-content-sha256, as curl --aws-sigv4 sends)', async () => {
    const { createHash, createHmac } = await import('node:crypto');
    const url = new URL(`${stack.url}/orders/${orderId}`);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const canonical = ['GET', url.pathname, '', `host:${url.host}`, `x-amz-date:${amzDate}`, '', 'host;x-amz-date', createHash('sha256').update('').digest('hex')].join('\n');
    const scope = `${day}/us-east-1/execute-api/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const key = hmac(hmac(hmac(hmac(`AWS4${testAdmin.secretAccessKey}`, day), 'us-east-1'), 'execute-api'), 'aws4_request');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    const response = await fetch(url, {
      headers: {
        'x-amz-date': amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${testAdmin.accessKeyId}/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
      },
    });
    expect(response.status).toBe(200);
  });
});

describe('the handler checks the caller itself, behind any authorizer', () => {
  /** Each admin route with a request that would change or reveal data if it were served. */
  const harmfulRequests = (): Record<string, { method: string; path: string; body?: string }> => ({
    'GET /orders/{orderId}': { method: 'GET', path: `/orders/${orderId}` },
    'PUT /inventory': { method: 'PUT', path: '/inventory', body: JSON.stringify(item('Lamp', 7, 1)) },
    'POST /inventory/{product}/adjustments': { method: 'POST', path: '/inventory/Lamp/adjustments', body: '{"delta":-5}' },
    'POST /report': { method: 'POST', path: '/report', body: '{"type":"inventory"}' },
    'GET /report/{executionId}': { method: 'GET', path: '/report/some-report' },
    'GET /alerts': { method: 'GET', path: '/alerts' },
    'GET /inventory': { method: 'GET', path: '/inventory' },
    'GET /inventory/summary': { method: 'GET', path: '/inventory/summary' },
    'GET /reports': { method: 'GET', path: '/reports' },
    'GET /reports/daily': { method: 'GET', path: '/reports/daily' },
    'POST /inventory/{product}/images': { method: 'POST', path: '/inventory/Lamp/images', body: '{"contentType":"image/png","contentLength":10}' },
    'GET /inventory/{product}/images': { method: 'GET', path: '/inventory/Lamp/images' },
    'PUT /inventory/{product}/images/order': { method: 'PUT', path: '/inventory/Lamp/images/order', body: '{"imageIds":[]}' },
    'GET /inventory/{product}/images/{imageId}': { method: 'GET', path: `/inventory/Lamp/images/${unknownImage}` },
    'DELETE /inventory/{product}/images/{imageId}': { method: 'DELETE', path: `/inventory/Lamp/images/${unknownImage}` },
  });

  const eventFor = (request: { method: string; path: string; body?: string }, authorizer?: unknown): ApiEvent =>
    ({
      version: '2.0',
      routeKey: '$default',
      rawPath: request.path,
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      requestContext: { requestId: 'direct-invoke', http: { method: request.method, path: request.path }, ...(authorizer ? { authorizer } : {}) },
      ...(request.body === undefined ? {} : { body: request.body }),
      isBase64Encoded: false,
    }) as unknown as ApiEvent;

  /** The real store behind a proxy that records every method the handler calls. */
  function recordingStore(calls: string[]): StorefrontApi {
    const wrap = (target: object, path: string): object =>
      new Proxy(target, {
        get(object, key, receiver) {
          const value = Reflect.get(object, key, receiver);
          if (typeof value === 'function') {
            return (...args: unknown[]) => {
              calls.push(`${path}.${String(key)}`);
              return (value as (...a: unknown[]) => unknown).apply(object, args);
            };
          }
          return value !== null && typeof value === 'object' ? wrap(value, `${path}.${String(key)}`) : value;
        },
      });
    return wrap(stack.store, 'store') as StorefrontApi;
  }

  it('covers every admin route', () => {
    expect(Object.keys(harmfulRequests()).sort()).toEqual(apiRoutes.filter((r) => r.admin).map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(Object.keys(harmfulRequests()))('%s sent straight to the handler without an IAM identity: 403, the store untouched', async (name) => {
    const calls: string[] = [];
    const handler = createApiHandler({ store: recordingStore(calls), logger: silentLogger });
    const request = harmfulRequests()[name]!;
    const before = await stack.store.catalog.get('Lamp');

    const unsigned = await handler(eventFor(request));
    const emptyIdentity = await handler(eventFor(request, { iam: { accessKey: '' } }));
    const otherAuthorizer = await handler(eventFor(request, { lambda: { admin: true } }));

    for (const result of [unsigned, emptyIdentity, otherAuthorizer]) {
      expect(result.statusCode).toBe(403);
      expect(JSON.parse(result.body!).error.code).toBe('FORBIDDEN');
    }
    expect(calls).toEqual([]);
    expect(await stack.store.catalog.get('Lamp')).toEqual(before);
  });

  it('the same event with the IAM identity API Gateway adds is served', async () => {
    const calls: string[] = [];
    const handler = createApiHandler({ store: recordingStore(calls), logger: silentLogger });
    const result = await handler(eventFor(harmfulRequests()['GET /orders/{orderId}']!, { iam: { accessKey: testAdmin.accessKeyId } }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!).orderId).toBe(orderId);
    expect(calls).toEqual(['store.orders.get']);
  });
});
