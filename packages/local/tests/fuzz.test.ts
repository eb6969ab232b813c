import { request } from 'node:http';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableDefinitions } from '@store-front/sdk/resources';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '@store-front/handlers';
import type { LocalStack } from '../src/startLocalStack.js';
import { item, startTestStack } from './localStackSupport.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack();
  await stack.store.inventory.put([item('Widget', 10, 2.5), item('Gadget', 3, 99.99, 'Tools')]);
  await stack.store.orders.place({ product: 'Widget', quantity: 1 });
});
afterAll(() => stack?.stop());

/** Every item of every table, sorted: the store's whole state. */
async function storeState() {
  const state: Record<string, unknown[]> = {};
  for (const definition of tableDefinitions) {
    const { Items = [] } = await stack.store.clients.documents.send(new ScanCommand({ TableName: stack.store.config.tables[definition.id] }));
    state[definition.id] = Items.map((entry) => JSON.stringify(entry)).sort();
  }
  return state;
}

interface Malformed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

/** Sends exactly what it is given (no normalisation); fails on a hang (5 s). */
function rawRequest(url: string, malformed: Malformed): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: malformed.method,
        path: malformed.path,
        headers: { ...malformed.headers, ...(malformed.body === undefined ? {} : { 'content-length': Buffer.byteLength(malformed.body) }) },
        timeout: 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`hang: ${malformed.method} ${malformed.path}`)));
    req.on('error', reject);
    if (malformed.body !== undefined) req.write(malformed.body);
    req.end();
  });
}

// Path-safe text (no spaces or control characters: Node refuses to send those), percent-junk included.
const pathText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]{0,40}$/),
  fc.string({ maxLength: 30 }).map((text) => encodeURIComponent(text)),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%00', '%2F', 'Widget', 'Gadget', 'x'.repeat(300)),
);
const paths = fc.oneof(
  fc.constantFrom('/catalog', '/order', '/inventory', '/alerts', '/report', '/openapi.json', '/', '//', '/catalog/'),
  pathText.map((p) => `/catalog/${p}`),
  pathText.map((p) => `/orders/${p}`),
  pathText.map((p) => `/report/${p}`),
  pathText.map((p) => `/inventory/${p}/adjustments`),
  fc.tuple(fc.constantFrom('/catalog', '/alerts'), fc.array(fc.tuple(pathText, pathText), { maxLength: 4 })).map(
    ([base, params]) => `${base}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`,
  ),
  pathText.map((p) => `/${p}`),
);
const jsonValues = fc.oneof(
  fc.json(),
  fc.record({ product: fc.oneof(fc.string(), fc.integer(), fc.constant('Ghost-Product')), quantity: fc.oneof(fc.integer(), fc.double(), fc.string()) }, { requiredKeys: [] }),
  fc.record({ items: fc.array(fc.record({ product: fc.string(), quantity: fc.double() }), { maxLength: 30 }) }, { requiredKeys: [] }),
  fc.record({ delta: fc.oneof(fc.double(), fc.string(), fc.integer()), reason: fc.string(), extra: fc.anything() }, { requiredKeys: [] }),
  fc.record({ type: fc.string(), mode: fc.string(), date: fc.string() }, { requiredKeys: [] }),
  fc.record({ product: fc.constant('Widget'), category: fc.string(), description: fc.string(), cost: fc.double(), quantity: fc.integer() }),
).map((value) => JSON.stringify(value) ?? 'null');
const bodies = fc.oneof(
  { weight: 6, arbitrary: jsonValues },
  { weight: 2, arbitrary: jsonValues.map((text) => text.slice(0, Math.max(1, text.length - 1))) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.integer({ min: 65_537, max: 200_000 }).map((size) => `{"product":"${'x'.repeat(size)}","quantity":1}`) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const headerSets = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data', ''),
    authorization: fc.oneof(
      fc.stringMatching(/^[\x21-\x7e]{0,80}$/),
      fc.constant('AWS4-HMAC-SHA256 Credential=AKIAX/20250101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + '0'.repeat(64)),
    ),
    'x-amz-date': fc.stringMatching(/^[0-9TZ]{0,20}$/),
    'idempotency-key': fc.stringMatching(/^[\x21-\x7e]{0,300}$/),
  },
  { requiredKeys: [] },
);
const anyRequest = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: paths,
    headers: headerSets,
    body: bodies,
  })
  .map((r): Malformed => (r.method === 'GET' || r.method === 'HEAD' ? { ...r, body: undefined } : r));
// Requests aimed at the public order route, so size, media-type and JSON checks are hit often.
const orderRequest = fc.record({
  method: fc.constant('POST'),
  path: fc.constant('/order'),
  headers: headerSets.map(({ authorization: _a, ...rest }) => rest),
  body: bodies,
});
const malformedRequests = fc.oneof({ weight: 4, arbitrary: anyRequest }, { weight: 1, arbitrary: orderRequest });

describe('fuzzing the local API', () => {
  it('answers 2,000+ malformed requests without a 5xx or a hang, and changes no data', async () => {
    const before = await storeState();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequests, async (malformed) => {
        const response = await rawRequest(stack.url, malformed);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${malformed.method} ${malformed.path}`).toBeLessThan(500);
        if (response.status >= 400 && malformed.method !== 'HEAD') {
          expect(errorEnvelopeSchema.safeParse(JSON.parse(response.body)).success, response.body).toBe(true);
          expect(response.body).not.toMatch(/\n\s+at |Exception|dynamodb|arn:aws/i);
        }
      }),
      { numRuns: 2_100 },
    );
    expect(await storeState()).toEqual(before);
    // The run must have exercised each kind of rejection, not only one.
    for (const status of [400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
  });
});
