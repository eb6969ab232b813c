import { errorEnvelopeSchema } from '@store-front/handlers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../src/startLocalStack.js';
import { item, send, startTestStack } from './localStackSupport.js';

let stack: LocalStack;
let url: string;

beforeAll(async () => {
  // A page beside the API, as `npm start` hands it the storefront.
  stack = await startTestStack({ pages: { '/': { contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Shop</title>' } } });
  url = stack.url;
  await stack.store.inventory.put([item('Lamp', 10, 40, 'Lighting'), item('Rug', 5, 80, 'Home')]);
});
afterAll(() => stack?.stop());

const stockOf = async (product: string) => (await stack.store.catalog.get(product)).available;

describe('idempotent admin writes', () => {
  it('a replayed signed adjustment applies once (10 → 7, not 4) and answers the first response, marked as a replay', async () => {
    // The very same signed request twice: what a retry after a lost response, or a replay, sends.
    const request = {
      method: 'POST',
      path: '/inventory/Lamp/adjustments',
      body: JSON.stringify({ delta: -3, reason: 'breakage' }),
      headers: { 'idempotency-key': 'adjust-lamp-1' },
      sign: { date: new Date() },
    };
    const first = await send(url, request);
    const replay = await send(url, request);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ product: 'Lamp', quantity: 7 });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await stockOf('Lamp')).toBe(7);

    const other = await send(url, { ...request, body: JSON.stringify({ delta: -1 }), sign: {} });
    expect(other.status).toBe(422);
    expect(errorEnvelopeSchema.parse(other.json).error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await stockOf('Lamp')).toBe(7);
  });

  it('a replayed report start answers the first job; a different request with its key is 422', async () => {
    const request = { method: 'POST', path: '/report', body: JSON.stringify({ type: 'inventory' }), headers: { 'idempotency-key': 'report-1' }, sign: {} };
    const first = await send(url, request);
    const replay = await send(url, request);
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const other = await send(url, { ...request, body: JSON.stringify({ type: 'sales' }) });
    expect(other.status).toBe(422);
    expect(errorEnvelopeSchema.parse(other.json).error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('a replayed order carries Idempotent-Replayed: true', async () => {
    const request = { method: 'POST', path: '/order', body: JSON.stringify({ product: 'Rug', quantity: 1 }), headers: { 'idempotency-key': 'order-1' } };
    const first = await send(url, request);
    const replay = await send(url, request);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.json).toEqual(first.json);
    expect([first.headers.get('idempotent-replayed'), replay.headers.get('idempotent-replayed')]).toEqual([null, 'true']);
    expect(await stockOf('Rug')).toBe(4);
  });
});

describe('HTTP details', () => {
  it('answers a known path with the wrong method 405 METHOD_NOT_ALLOWED and an Allow header', async () => {
    for (const [method, path, allow] of [
      ['GET', '/order', 'POST'],
      ['PUT', '/catalog/Lamp', 'GET, HEAD'],
      ['DELETE', '/inventory', 'PUT, GET, HEAD'],
      ['GET', '/inventory/Lamp/adjustments', 'POST'],
    ] as const) {
      const response = await send(url, { method, path });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(errorEnvelopeSchema.parse(response.json).error.code).toBe('METHOD_NOT_ALLOWED');
      expect(response.headers.get('allow')).toBe(allow);
    }
    expect((await send(url, { method: 'GET', path: '/nowhere' })).status).toBe(404);
  });

  it('NOT_FOUND details are [{resource, id}] on every route, one entry per missing thing', async () => {
    const cases = [
      [{ method: 'GET', path: '/catalog/Ghost' }, [{ resource: 'product', id: 'Ghost' }]],
      [{ method: 'POST', path: '/order', body: JSON.stringify({ items: [{ product: 'Ghost', quantity: 1 }, { product: 'Lamp', quantity: 1 }, { product: 'Ghoul', quantity: 1 }] }) }, [
        { resource: 'product', id: 'Ghost' },
        { resource: 'product', id: 'Ghoul' },
      ]],
      [{ method: 'POST', path: '/inventory/Ghost/adjustments', body: JSON.stringify({ delta: 1 }), sign: {} }, [{ resource: 'product', id: 'Ghost' }]],
      [{ method: 'GET', path: '/orders/no-such-order', sign: {} }, [{ resource: 'order', id: 'no-such-order' }]],
      [{ method: 'GET', path: '/report/no-such-report', sign: {} }, [{ resource: 'report', id: 'no-such-report' }]],
    ] as const;
    for (const [request, details] of cases) {
      const response = await send(url, request);
      expect(response.status, request.path).toBe(404);
      expect(response.json.error.details, request.path).toEqual(details);
    }
  });

  it('says a missing required field is required', async () => {
    const response = await send(url, { method: 'POST', path: '/order', body: JSON.stringify({ product: 'Lamp' }) });
    expect(response.status).toBe(400);
    expect(response.json.error.details).toEqual([{ path: 'quantity', message: 'is required' }]);
    const put = await send(url, { method: 'PUT', path: '/inventory', body: JSON.stringify({ product: 'X', category: 'c', description: '', quantity: 1 }), sign: {} });
    expect(put.json.error.details).toEqual([{ path: 'cost', message: 'is required' }]);
  });

  it('PUT /inventory writes at most 50 products, all or nothing: 51 is a 400 and writes none', async () => {
    const items = Array.from({ length: 51 }, (_, i) => item(`Bulk ${i}`, 1));
    const tooMany = await send(url, { method: 'PUT', path: '/inventory', body: JSON.stringify({ items }), sign: {} });
    expect(tooMany.status).toBe(400);
    expect(errorEnvelopeSchema.parse(tooMany.json).error.code).toBe('VALIDATION_ERROR');
    expect((await send(url, { method: 'GET', path: '/catalog/Bulk%200' })).status).toBe(404);
    const fifty = await send(url, { method: 'PUT', path: '/inventory', body: JSON.stringify({ items: items.slice(0, 50) }), sign: {} });
    expect(fifty.status).toBe(200);
    expect(fifty.json.items).toHaveLength(50);
  });
});

describe('browser headers', () => {
  it('the page, the API and its errors carry the CSP, nosniff and no-referrer', async () => {
    // The admin page uploads pictures straight to the emulator's S3: its origin is the one addition.
    const upload = new URL(stack.endpoint).origin;
    const policy = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${upload}; frame-ancestors 'none'`;
    for (const path of ['/', '/catalog', '/catalog/Ghost', '/openapi.json']) {
      const response = await send(url, { method: 'GET', path });
      expect(response.headers.get('content-security-policy'), path).toBe(policy);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    for (const path of ['/catalog', '/catalog/Lamp', '/']) {
      const get = await send(url, { method: 'GET', path });
      const head = await send(url, { method: 'HEAD', path });
      expect(head.status, path).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(get.text));
    }
    expect((await send(url, { method: 'HEAD', path: '/catalog/Ghost' })).status).toBe(404);
  });

  it('CORS allows the contract headers and exposes retry-after, idempotent-replayed and x-request-id', async () => {
    const preflight = await send(url, { method: 'OPTIONS', path: '/order', headers: { origin: 'http://shop.test', 'access-control-request-method': 'POST' } });
    for (const header of ['content-type', 'idempotency-key', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token']) {
      expect(preflight.headers.get('access-control-allow-headers')).toContain(header);
    }
    const response = await send(url, { method: 'GET', path: '/catalog' });
    expect(response.headers.get('access-control-expose-headers')?.split(',').sort()).toEqual(['idempotent-replayed', 'retry-after', 'x-request-id']);
  });
});
