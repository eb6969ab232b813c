import { randomBytes } from 'node:crypto';
import {
  IdempotencyConflictError,
  NotFoundError,
  OutOfStockError,
  StorefrontError,
  ValidationError,
  createStorefront,
  isReplayed,
  provisionResources,
  syncStockStatus,
  type InventoryListOptions,
  type Storefront,
  type StorefrontApi,
} from '@store-front/sdk';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createStorefrontClient } from '@store-front/sdk/http';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { LocalStack } from '../src/startLocalStack.js';
import { item, startTestStack, testAdmin } from './localStackSupport.js';

/*
 * One suite of SDK scenarios, run against both transports: the direct store (AWS SDK) and the HTTP
 * client talking to a local stack. Each transport gets its own fresh store; every outcome (values
 * and errors) is recorded and the two records must be identical.
 */

type Transport = 'direct' | 'http';
const outcomes: Record<Transport, Record<string, unknown>> = { direct: {}, http: {} };

/** An error as a caller sees it: class, code, status, details. */
function describeError(error: unknown) {
  if (!(error instanceof StorefrontError)) throw error;
  return { class: error.constructor.name, code: error.code, status: error.status, details: error.details };
}

/** Ids and timestamps differ between runs; everything else must not. */
function normalise(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => (key === 'orderId' || key === 'orderDate' ? `<${key}>` : v));
}

/**
 * Brings the status index up to every product's stock: this suite runs no background services, so
 * each product's current stream image is handed to `syncStockStatus` as the inventory checker would
 * (over the store behind the transport), then the summary must agree with the listing.
 */
async function statusesSettled(store: StorefrontApi): Promise<void> {
  const products: Array<{ product: string; status: string }> = [];
  let cursor: string | undefined;
  do {
    const page = await store.inventory.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    products.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const { clients, config } = 'clients' in store ? (store as Storefront) : stack!.store;
  for (const { product } of products) {
    const { Item } = await clients.documents.send(new GetCommand({ TableName: config.tables.inventory, Key: { product } }));
    await syncStockStatus(clients.documents, config.tables.inventory, { dynamodb: { NewImage: marshall(Item!) } });
  }
  const expected = { OK: 0, LOW: 0, OUT: 0 } as Record<string, number>;
  for (const { status } of products) expected[status]! += 1;
  expect(await store.inventory.summary()).toEqual(expected);
}

let stack: LocalStack | undefined;
afterAll(() => stack?.stop());

describe.each<Transport>(['direct', 'http'])('%s transport', (transport) => {
  let store: StorefrontApi;
  const record = (name: string, value: unknown) => {
    outcomes[transport][name] = normalise(value);
  };
  const failure = async (name: string, action: () => Promise<unknown>) => {
    const error = await action().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error, `${name} should fail`).toBeInstanceOf(StorefrontError);
    record(name, describeError(error));
    return error;
  };

  beforeAll(async () => {
    if (transport === 'direct') {
      const settings = { endpoint: inject('awsEndpoint'), region: 'us-east-1', prefix: `t${randomBytes(4).toString('hex')}`, cursorSecret: 'test-cursor-secret-0123456789' };
      await provisionResources(settings);
      store = createStorefront(settings);
    } else {
      stack = await startTestStack();
      store = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    }
    record('put', await store.inventory.put([
      item('Mug', 10, 12.5, 'Kitchen'),
      item('Tea', 3, 0.1, 'Pantry'),
      item('Empty Box', 0, 5, 'Storage'),
      item('Kettle', 4, 39.99, 'Kitchen'),
      item('Honey/Lemon 🍯', 7, 4.5, 'Pantry'),
    ]));
  });

  it('catalog: in-stock only, every product once across pages, category filter, out-of-stock get', async () => {
    const seen: string[] = [];
    let page = await store.catalog.list({ limit: 2 });
    seen.push(...page.items.map((i) => i.product));
    while (page.nextCursor) {
      page = await store.catalog.list({ limit: 2, cursor: page.nextCursor });
      seen.push(...page.items.map((i) => i.product));
    }
    expect(seen.sort()).toEqual(['Honey/Lemon 🍯', 'Kettle', 'Mug', 'Tea']);
    record('pages', seen);
    const all: string[] = [];
    for await (const entry of store.catalog.listAll({ category: 'Kitchen' })) all.push(entry.product);
    record('listAll kitchen', all.sort());
    record('get empty', await store.catalog.get('Empty Box'));
    record('get unicode', await store.catalog.get('Honey/Lemon 🍯'));
    const unknown = await failure('get unknown', () => store.catalog.get('Ghost'));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).details).toEqual([{ resource: 'product', id: 'Ghost' }]);
  });

  it('orders: both forms, exact money, read back; all-or-nothing on shortage; unknown product', async () => {
    const seed = await store.orders.place({ product: 'Tea', quantity: 3 });
    expect(seed.total).toBe(0.3);
    record('place seed', seed);
    const lines = await store.orders.place({ items: [{ product: 'Kettle', quantity: 1 }, { product: 'Mug', quantity: 2 }] });
    record('place lines', lines);
    expect(normalise(await store.orders.get(lines.orderId))).toEqual(normalise(lines));
    const shortage = await failure('out of stock', () => store.orders.place({ items: [{ product: 'Mug', quantity: 1 }, { product: 'Kettle', quantity: 9 }] }));
    expect(shortage).toBeInstanceOf(OutOfStockError);
    expect((shortage as OutOfStockError).shortages).toEqual([{ product: 'Kettle', requested: 9, available: 3 }]);
    expect((await store.catalog.get('Mug')).available).toBe(8);
    const ghosts = await failure('order unknown products', () =>
      store.orders.place({ items: [{ product: 'Ghost', quantity: 1 }, { product: 'Mug', quantity: 1 }, { product: 'Phantom', quantity: 1 }] }),
    );
    expect((ghosts as NotFoundError).details).toEqual([{ resource: 'product', id: 'Ghost' }, { resource: 'product', id: 'Phantom' }]);
    const noOrder = await failure('get unknown order', () => store.orders.get('00000000-0000-0000-0000-000000000000'));
    expect((noOrder as NotFoundError).details).toEqual([{ resource: 'order', id: '00000000-0000-0000-0000-000000000000' }]);
  });

  it('idempotency: same key and body → the same order once; other body → conflict; bad key → validation', async () => {
    const first = await store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'cart-7' });
    const again = await store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'cart-7' });
    expect(again).toEqual(first);
    expect([isReplayed(first), isReplayed(again)]).toEqual([false, true]);
    expect((await store.catalog.get('Mug')).available).toBe(7);
    expect(await failure('idempotency conflict', () => store.orders.place({ product: 'Mug', quantity: 2 }, { idempotencyKey: 'cart-7' }))).toBeInstanceOf(IdempotencyConflictError);
    expect(await failure('bad idempotency key', () => store.orders.place({ product: 'Mug', quantity: 1 }, { idempotencyKey: 'has space' }))).toBeInstanceOf(ValidationError);
  });

  it('idempotent adjustments: the same key and adjustment apply once; another adjustment with it → conflict', async () => {
    const first = await store.inventory.adjust('Mug', -3, { idempotencyKey: 'adj-7' });
    const again = await store.inventory.adjust('Mug', -3, { idempotencyKey: 'adj-7' });
    record('idempotent adjust', [first, again, isReplayed(again)]);
    expect(again).toEqual(first);
    expect(isReplayed(again)).toBe(true);
    expect((await store.catalog.get('Mug')).available).toBe(first.quantity);
    expect(await failure('adjust idempotency conflict', () => store.inventory.adjust('Mug', -2, { idempotencyKey: 'adj-7' }))).toBeInstanceOf(
      IdempotencyConflictError,
    );
    expect((await store.catalog.get('Mug')).available).toBe(first.quantity);
  });

  it('inventory: adjust up and down atomically; never below zero; unknown product', async () => {
    record('adjust up', await store.inventory.adjust('Tea', 5, { reason: 'restock' }));
    record('adjust down', await store.inventory.adjust('Tea', -2));
    expect(await failure('adjust below zero', () => store.inventory.adjust('Tea', -4))).toBeInstanceOf(OutOfStockError);
    expect(await failure('adjust unknown', () => store.inventory.adjust('Ghost', 1))).toBeInstanceOf(NotFoundError);
    record('single put', await store.inventory.put({ ...item('Tea', 3, 0.1, 'Pantry'), lowStockThreshold: 1 }));
  });

  it('managers: the whole inventory by name and status, summary, report history, daily figures', async () => {
    const walk = async (options: InventoryListOptions) => {
      const names: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.inventory.list({ ...options, limit: 2, ...(cursor ? { cursor } : {}) });
        names.push(page.items.map((entry) => `${entry.product}:${entry.quantity}:${entry.status}`));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    };
    record('inventory list', await walk({}));
    record('inventory list kitchen', await walk({ category: 'Kitchen' }));
    await statusesSettled(store);
    record('inventory summary', await store.inventory.summary());
    record('inventory list OUT', await walk({ status: 'OUT' }));
    record('inventory list Pantry LOW', await walk({ category: 'Pantry', status: 'LOW' }));

    await store.reports.start({ type: 'inventory' });
    await store.reports.start({ type: 'inventory' });
    const first = await store.reports.list({ type: 'inventory', limit: 1 });
    const second = await store.reports.list({ type: 'inventory', limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.executionId).not.toBe(first.items[0]!.executionId);
    record('report history', [...first.items, ...second.items].map((job) => [job.type, job.date === first.items[0]!.date]));
    record('daily sales', await store.reports.dailySales({ from: '2023-01-01', to: '2023-01-03' }));
  });

  it('validation: the same inputs are rejected with the same errors', async () => {
    const cases: Record<string, () => Promise<unknown>> = {
      'limit 0': () => store.catalog.list({ limit: 0 }),
      'limit fraction': () => store.catalog.list({ limit: 1.5 }),
      'forged cursor': () => store.catalog.list({ cursor: 'forged.cursor' }),
      'unknown list option': () => store.catalog.list({ colour: 'red' } as never),
      'empty product': () => store.catalog.get(''),
      'control character product': () => store.catalog.get('Mug\u0007'),
      'zero quantity': () => store.orders.place({ product: 'Mug', quantity: 0 }),
      'unknown order field': () => store.orders.place({ product: 'Mug', quantity: 1, coupon: 'x' } as never),
      'duplicate lines': () => store.orders.place({ items: [{ product: 'Mug', quantity: 1 }, { product: 'Mug', quantity: 1 }] }),
      'too many lines': () => store.orders.place({ items: Array.from({ length: 26 }, (_, i) => ({ product: `P${i}`, quantity: 1 })) }),
      'three decimals': () => store.inventory.put({ ...item('Bad', 1), cost: 1.234 }),
      'unknown item field': () => store.inventory.put({ ...item('Bad', 1), colour: 'red' } as never),
      'negative stock': () => store.inventory.put([item('Bad', -1)]),
      'fractional delta': () => store.inventory.adjust('Tea', 1.5),
      'long reason': () => store.inventory.adjust('Tea', 1, { reason: 'x'.repeat(201) }),
      'inventory status': () => store.inventory.list({ status: 'GOOD' } as never),
      'inventory forged cursor': () => store.inventory.list({ cursor: 'forged.cursor' }),
      'reports from after to': () => store.reports.list({ from: '2024-02-01', to: '2024-01-01' }),
      'reports type': () => store.reports.list({ type: 'weekly' } as never),
      'daily sales over 366 days': () => store.reports.dailySales({ from: '2023-01-01', to: '2024-01-02' }),
      'daily sales bad date': () => store.reports.dailySales({ from: '2023-02-30', to: '2023-03-01' }),
      'missing quantity': () => store.orders.place({ product: 'Mug' } as never),
      'missing cost': () => store.inventory.put({ product: 'Bad', category: 'c', description: '', quantity: 1 } as never),
    };
    for (const [name, action] of Object.entries(cases)) {
      expect(await failure(`validation: ${name}`, action), name).toBeInstanceOf(ValidationError);
    }
    // A field left out is said to be required, not of the wrong type.
    expect(outcomes[transport]['validation: missing quantity']).toMatchObject({ details: [{ path: 'quantity', message: 'is required' }] });
    expect(outcomes[transport]['validation: missing cost']).toMatchObject({ details: [{ path: 'cost', message: 'is required' }] });
  });
});

describe('both transports', () => {
  it('recorded identical outcomes for every scenario', () => {
    expect(Object.keys(outcomes.http).length).toBeGreaterThan(30);
    expect(outcomes.http).toEqual(outcomes.direct);
  });
});
