import { InternalError, OutOfStockError, type StorefrontApi } from '@store-front/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '@store-front/handlers';
import { apiRoutes } from '@store-front/handlers';
import {
  catalogItemSchema,
  catalogPageSchema,
  errorEnvelopeSchema,
  inventoryPutResultSchema,
  orderSchema,
  stockLevelSchema,
} from '@store-front/handlers';
import type { LocalStack } from '../src/startLocalStack.js';
import { item, send, silentLogger, startTestStack, storefrontPages } from './localStackSupport.js';

let stack: LocalStack;
let url: string;
const sign = {};

beforeAll(async () => {
  stack = await startTestStack({ pages: await storefrontPages() });
  url = stack.url;
  await stack.store.inventory.put([
    item('Coffee Mug', 50, 12.5, 'Kitchen'),
    item('Tea Pot', 3, 30, 'Kitchen'),
    item('Sold Out Lamp', 0, 40, 'Lighting'),
    item('AC/DC Poster', 10, 0.1, 'Decor'),
    item('Crème brûlée set ☕', 10, 19.99, 'Kitchen'),
  ]);
});
afterAll(() => stack?.stop());

function expectError(response: { status: number; json: unknown; headers: Headers }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(errorEnvelopeSchema.parse(response.json).error.code).toBe(code);
  expect(response.headers.get('content-type')).toBe('application/json');
}

describe('public routes', () => {
  it('GET /catalog lists in-stock products only, pages with a cursor, filters by category', async () => {
    const first = await send(url, { method: 'GET', path: '/catalog?limit=2' });
    expect(first.status).toBe(200);
    const page = catalogPageSchema.parse(first.json);
    expect(page.items).toHaveLength(2);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    const seen = page.items.map((i) => i.product);
    let cursor = page.nextCursor;
    while (cursor) {
      const next = catalogPageSchema.parse((await send(url, { method: 'GET', path: `/catalog?limit=2&cursor=${encodeURIComponent(cursor)}` })).json);
      seen.push(...next.items.map((i) => i.product));
      cursor = next.nextCursor;
    }
    expect(seen.sort()).toEqual(['AC/DC Poster', 'Coffee Mug', 'Crème brûlée set ☕', 'Tea Pot']);
    const kitchen = catalogPageSchema.parse((await send(url, { method: 'GET', path: '/catalog?category=Kitchen' })).json);
    expect(kitchen.items.map((i) => i.product).sort()).toEqual(['Coffee Mug', 'Crème brûlée set ☕', 'Tea Pot']);
  });

  it('GET /catalog rejects a bad limit, a tampered cursor and unknown parameters with 400', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'color=red', 'category=', 'limit=1&limit=2']) {
      expectError(await send(url, { method: 'GET', path: `/catalog?${query}` }), 400, 'VALIDATION_ERROR');
    }
    const { json } = await send(url, { method: 'GET', path: '/catalog?limit=1' });
    const tampered = `${json.nextCursor.slice(0, -2)}${json.nextCursor.endsWith('A') ? 'B' : 'A'}A`;
    expectError(await send(url, { method: 'GET', path: `/catalog?cursor=${encodeURIComponent(tampered)}` }), 400, 'VALIDATION_ERROR');
    expectError(await send(url, { method: 'GET', path: '/catalog?cursor=forged.cursor' }), 400, 'VALIDATION_ERROR');
  });

  it('GET /catalog/{product} decodes the name, answers for out-of-stock products, 404 for unknown', async () => {
    for (const name of ['Coffee Mug', 'AC/DC Poster', 'Crème brûlée set ☕']) {
      const response = await send(url, { method: 'GET', path: `/catalog/${encodeURIComponent(name)}` });
      expect(response.status).toBe(200);
      expect(catalogItemSchema.parse(response.json).product).toBe(name);
    }
    const soldOut = await send(url, { method: 'GET', path: '/catalog/Sold%20Out%20Lamp' });
    expect(soldOut.json).toMatchObject({ product: 'Sold Out Lamp', available: 0 });
    expectError(await send(url, { method: 'GET', path: '/catalog/Nope' }), 404, 'NOT_FOUND');
    expectError(await send(url, { method: 'GET', path: '/catalog/%E0%A4%A' }), 400, 'VALIDATION_ERROR');
    expectError(await send(url, { method: 'GET', path: '/catalog/%00bad' }), 400, 'VALIDATION_ERROR');
  });

  it('POST /order places an order (201) in both forms, exact money', async () => {
    const seed = await send(url, { method: 'POST', path: '/order', body: JSON.stringify({ product: 'AC/DC Poster', quantity: 3 }) });
    expect(seed.status).toBe(201);
    expect(orderSchema.parse(seed.json)).toMatchObject({ items: [{ product: 'AC/DC Poster', quantity: 3, unitCost: 0.1, lineTotal: 0.3 }], total: 0.3 });
    const lines = await send(url, {
      method: 'POST',
      path: '/order',
      body: JSON.stringify({ items: [{ product: 'Coffee Mug', quantity: 2 }, { product: 'Crème brûlée set ☕', quantity: 1 }] }),
    });
    expect(lines.status).toBe(201);
    expect(lines.json.total).toBe(44.99);
    const fetched = await send(url, { method: 'GET', path: `/orders/${lines.json.orderId}`, sign });
    expect(fetched.status).toBe(200);
    expect(orderSchema.parse(fetched.json)).toMatchObject({ orderId: lines.json.orderId, total: 44.99 });
  });

  it('POST /order: 409 OUT_OF_STOCK with details and no change; 404 unknown product', async () => {
    const response = await send(url, {
      method: 'POST',
      path: '/order',
      body: JSON.stringify({ items: [{ product: 'Coffee Mug', quantity: 1 }, { product: 'Tea Pot', quantity: 4 }] }),
    });
    expectError(response, 409, 'OUT_OF_STOCK');
    expect(response.json.error.details).toEqual([{ product: 'Tea Pot', requested: 4, available: 3 }]);
    expect((await stack.store.catalog.get('Tea Pot')).available).toBe(3);
    const before = (await stack.store.catalog.get('Coffee Mug')).available;
    expectError(
      await send(url, { method: 'POST', path: '/order', body: JSON.stringify({ items: [{ product: 'Coffee Mug', quantity: 1 }, { product: 'Ghost', quantity: 1 }] }) }),
      404,
      'NOT_FOUND',
    );
    expect((await stack.store.catalog.get('Coffee Mug')).available).toBe(before);
  });

  it('POST /order with Idempotency-Key: same body → same 201 body, no second order; different body → 422', async () => {
    const body = JSON.stringify({ product: 'Coffee Mug', quantity: 1 });
    const headers = { 'idempotency-key': 'cart-42' };
    const before = (await stack.store.catalog.get('Coffee Mug')).available;
    const first = await send(url, { method: 'POST', path: '/order', body, headers });
    const again = await send(url, { method: 'POST', path: '/order', body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect((await stack.store.catalog.get('Coffee Mug')).available).toBe(before - 1);
    expectError(await send(url, { method: 'POST', path: '/order', body: JSON.stringify({ product: 'Coffee Mug', quantity: 2 }), headers }), 422, 'IDEMPOTENCY_CONFLICT');
    expectError(await send(url, { method: 'POST', path: '/order', body, headers: { 'idempotency-key': 'x'.repeat(256) } }), 400, 'VALIDATION_ERROR');
  });

  it('POST /order rejects malformed requests: 400 JSON/fields, 413 size, 415 media type', async () => {
    const post = (body: string, headers: Record<string, string> = {}) => send(url, { method: 'POST', path: '/order', body, headers });
    expectError(await post('{"product":'), 400, 'INVALID_JSON');
    expectError(await post(''), 400, 'INVALID_JSON');
    expectError(await post(JSON.stringify({ product: 'Coffee Mug', quantity: 1, coupon: 'FREE' })), 400, 'VALIDATION_ERROR');
    expectError(await post(JSON.stringify({ product: 'Coffee Mug', quantity: 0 })), 400, 'VALIDATION_ERROR');
    expectError(await post(JSON.stringify({ product: 'Coffee Mug', quantity: 2 ** 53 })), 400, 'VALIDATION_ERROR');
    expectError(await post(JSON.stringify({ items: [{ product: 'A', quantity: 1 }, { product: 'A', quantity: 1 }] })), 400, 'VALIDATION_ERROR');
    expectError(await post(JSON.stringify({ items: [] })), 400, 'VALIDATION_ERROR');
    const unknownField = await post(JSON.stringify({ product: 'Coffee Mug', quantity: 1, coupon: 'FREE' }));
    expect(JSON.stringify(unknownField.json.error.details)).toContain('coupon');
    expectError(await post(JSON.stringify({ product: 'x'.repeat(70_000), quantity: 1 })), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await post('{}', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await post('{}', { 'content-type': 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const noType = await fetch(`${url}/order`, { method: 'POST', body: new Uint8Array(Buffer.from('{}')) });
    expect(noType.status).toBe(415);
    expect((await send(url, { method: 'POST', path: '/order', body: JSON.stringify({ product: 'AC/DC Poster', quantity: 1 }), headers: { 'content-type': 'Application/JSON; charset=UTF-8' } })).status).toBe(201);
  });

  it('answers CORS preflights, unknown routes with 404, and serves the OpenAPI document', async () => {
    const preflight = await send(url, {
      method: 'OPTIONS',
      path: '/inventory',
      headers: { origin: 'http://example.com', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,x-amz-date' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    for (const header of ['content-type', 'idempotency-key', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token']) {
      expect(preflight.headers.get('access-control-allow-headers')).toContain(header);
    }
    expectError(await send(url, { method: 'GET', path: '/nope' }), 404, 'NOT_FOUND');
    const wrongMethod = await send(url, { method: 'DELETE', path: '/catalog' });
    expectError(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    const openapi = await send(url, { method: 'GET', path: '/openapi.json' });
    expect(openapi.status).toBe(200);
    expect(openapi.json.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.json.paths).sort()).toEqual([...new Set(apiRoutes.map((r) => r.path))].sort());
    const order = openapi.json.paths['/order'].post;
    expect(order.requestBody.content['application/json'].schema.anyOf).toHaveLength(2);
    expect(order.responses['409'].description).toContain('OUT_OF_STOCK');
    expect(openapi.json.paths['/inventory'].put.security).toEqual([{ sigv4: [] }]);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/openapi.json');
  });
});

describe('admin routes (signed)', () => {
  it('PUT /inventory writes one product or a list; validation errors are 400', async () => {
    const one = await send(url, { method: 'PUT', path: '/inventory', body: JSON.stringify(item('Desk', 5, 99.5, 'Office')), sign });
    expect(one.status).toBe(200);
    expect(inventoryPutResultSchema.parse(one.json).items).toEqual([{ ...item('Desk', 5, 99.5, 'Office'), lowStockThreshold: 5 }]);
    const list = await send(url, { method: 'PUT', path: '/inventory', body: JSON.stringify({ items: [item('Chair', 4, 45, 'Office'), { ...item('Shelf', 2, 80, 'Office'), lowStockThreshold: 1 }] }), sign });
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(2);
    expect((await stack.store.catalog.get('Chair')).available).toBe(4);
    for (const body of [
      { ...item('Bad', 1), cost: 1.234 },
      { ...item('Bad', 1), color: 'red' },
      { items: [item('Bad', 1)], extra: true },
      { items: [] },
      [item('Bad', 1)],
      { ...item('Bad', -1) },
    ]) {
      expectError(await send(url, { method: 'PUT', path: '/inventory', body: JSON.stringify(body), sign }), 400, 'VALIDATION_ERROR');
    }
    await expect(stack.store.catalog.get('Bad')).rejects.toThrow('Unknown product');
  });

  it('POST /inventory/{product}/adjustments adds atomically; 409 below zero; 404 unknown', async () => {
    const response = await send(url, { method: 'POST', path: `/inventory/${encodeURIComponent('AC/DC Poster')}/adjustments`, body: JSON.stringify({ delta: 5, reason: 'restock' }), sign });
    expect(response.status).toBe(200);
    const level = stockLevelSchema.parse(response.json);
    expect(level.product).toBe('AC/DC Poster');
    const minus = await send(url, { method: 'POST', path: '/inventory/Tea%20Pot/adjustments', body: JSON.stringify({ delta: -4 }), sign });
    expectError(minus, 409, 'OUT_OF_STOCK');
    expect(minus.json.error.details).toEqual([{ product: 'Tea Pot', requested: 4, available: 3 }]);
    expectError(await send(url, { method: 'POST', path: '/inventory/Ghost/adjustments', body: JSON.stringify({ delta: 1 }), sign }), 404, 'NOT_FOUND');
    expectError(await send(url, { method: 'POST', path: '/inventory/Tea%20Pot/adjustments', body: JSON.stringify({ delta: 1.5 }), sign }), 400, 'VALIDATION_ERROR');
    expectError(await send(url, { method: 'POST', path: '/inventory/Tea%20Pot/adjustments', body: JSON.stringify({ delta: 1, product: 'x' }), sign }), 400, 'VALIDATION_ERROR');
    expectError(await send(url, { method: 'POST', path: '/inventory/Tea%20Pot/adjustments', body: '7', sign }), 400, 'VALIDATION_ERROR');
  });

  it('GET /orders/{orderId}: 404 for an unknown order', async () => {
    expectError(await send(url, { method: 'GET', path: '/orders/00000000-0000-0000-0000-000000000000', sign }), 404, 'NOT_FOUND');
    expectError(await send(url, { method: 'GET', path: `/orders/${encodeURIComponent('idempotency#cart-42')}`, sign }), 404, 'NOT_FOUND');
  });

  it('POST /report, GET /report/{id}, GET /alerts validate their input (400) once signed', async () => {
    for (const body of [{ type: 'weekly' }, { type: 'sales', date: '2025-02-30' }, { type: 'sales', extra: 1 }, { mode: 'sales', type: 'sales' }, {}]) {
      expectError(await send(url, { method: 'POST', path: '/report', body: JSON.stringify(body), sign }), 400, 'VALIDATION_ERROR');
    }
    // Each rejection names the field at fault.
    const unknownType = await send(url, { method: 'POST', path: '/report', body: JSON.stringify({ type: 'bogus' }), sign });
    expect((unknownType.json as { error: { details: Array<{ path: string }> } }).error.details.map((issue) => issue.path)).toEqual(['type']);
    expectError(await send(url, { method: 'GET', path: `/report/${'x'.repeat(201)}`, sign }), 400, 'VALIDATION_ERROR');
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'since=1']) {
      expectError(await send(url, { method: 'GET', path: `/alerts?${query}`, sign }), 400, 'VALIDATION_ERROR');
    }
  });
});

describe('handler', () => {
  // Only the methods a test calls exist; the handler must not touch any other.
  const stub = (parts: Record<string, Record<string, unknown>>) => parts as unknown as StorefrontApi;
  const event = (method: string, rawPath: string, body?: string): any =>
    ({
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      requestContext: { requestId: 'req-1', http: { method, path: rawPath } },
      ...(body === undefined ? {} : { body }),
      isBase64Encoded: false,
    });

  it('answers an unexpected failure with a bare 500 INTERNAL: no stack, no AWS text', async () => {
    const failing = stub({
      catalog: {
        get: async () => {
          throw Object.assign(new Error('ResourceNotFoundException: Requested resource not found: Table: secret-table'), { name: 'ResourceNotFoundException' });
        },
      },
    });
    const handler = createApiHandler({ store: failing, logger: silentLogger });
    const result = await handler(event('GET', '/catalog/Mug'));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body!)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(result.body).not.toMatch(/secret-table|at |Resource/);
    expect(result.headers!['x-request-id']).toBe('req-1');
  });

  it('passes the store errors through as their envelope, base64 bodies included', async () => {
    const handler = createApiHandler({
      store: stub({ orders: { place: async () => { throw new OutOfStockError([{ product: 'Mug', requested: 2, available: 1 }]); } } }),
      logger: silentLogger,
    });
    const result = await handler({ ...event('POST', '/order'), body: Buffer.from('{"product":"Mug","quantity":2}').toString('base64'), isBase64Encoded: true } as never);
    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body!).error.details).toEqual([{ product: 'Mug', requested: 2, available: 1 }]);
    const invalidUtf8 = await handler({ ...event('POST', '/order'), body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true } as never);
    expect(JSON.parse(invalidUtf8.body!).error.code).toBe('INVALID_JSON');
    const internal = createApiHandler({
      store: stub({ alerts: { recent: async () => { throw new InternalError('Try again later'); } } }),
      logger: silentLogger,
    });
    const signedAlerts = event('GET', '/alerts');
    signedAlerts.requestContext.authorizer = { iam: { accessKey: 'AKIATESTADMIN0000001' } };
    expect(JSON.parse((await internal(signedAlerts)).body!)).toEqual({ error: { code: 'INTERNAL', message: 'Try again later' } });
  });
});
