import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncStockStatus, ValidationError, type InventoryListItem } from '../src/index.js';
import { createTestStore, product } from './support.js';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
let t: TestStore;

/** What the inventory-changes pipe delivers for a product now: its stream record's new image. */
async function streamRecordOf(name: string) {
  const { Item } = await t.clients.documents.send(new GetCommand({ TableName: t.config.tables.inventory, Key: { product: name }, ConsistentRead: true }));
  return { eventID: `e-${name}`, eventName: 'MODIFY', dynamodb: { NewImage: marshall(Item!) } };
}

async function syncAll(names: readonly string[]) {
  for (const name of names) await syncStockStatus(t.clients.documents, t.config.tables.inventory, await streamRecordOf(name));
}

async function walk(options: Parameters<TestStore['store']['inventory']['list']>[0]) {
  const seen: InventoryListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.store.inventory.list({ ...options, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

// 12 products: names out of insertion order, statuses mixed, two categories.
const products = Array.from({ length: 12 }, (_, index) => {
  const name = `Item ${String.fromCharCode(76 - index)}${index}`; // L0, K1, … A11
  const quantity = [0, 3, 40][index % 3]!;
  return product(name, quantity, 5, { category: index % 2 === 0 ? 'Even' : 'Odd', lowStockThreshold: 5 });
});
const names = products.map((each) => each.product);

beforeAll(async () => {
  t = await createTestStore();
  await t.store.inventory.put(products);
  await syncAll(names);
});

describe('inventory.list', () => {
  it('lists every product by name, sold-out ones included, with its status, 3 calls a page', async () => {
    t.calls.reset();
    const page = await t.store.inventory.list({ limit: 5 });
    expect(t.calls.total).toBe(3);
    expect(page.items.map((item) => item.product)).toEqual([...names].sort().slice(0, 5));
    const all = await walk({ limit: 5 });
    expect(all.map((item) => item.product)).toEqual([...names].sort());
    for (const item of all) {
      const expected = item.quantity === 0 ? 'OUT' : item.quantity <= item.lowStockThreshold ? 'LOW' : 'OK';
      expect(item.status).toBe(expected);
    }
  });

  it.each(['OK', 'LOW', 'OUT'] as const)('filters by status %s, paging in name order', async (status) => {
    const listed = await walk({ status, limit: 3 });
    const expected = products.filter((each) => ({ 0: 'OUT', 3: 'LOW', 40: 'OK' })[each.quantity] === status).map((each) => each.product);
    expect(listed.map((item) => item.product)).toEqual(expected.sort());
  });

  it('filters by category, and by category and status together', async () => {
    expect((await walk({ category: 'Odd', limit: 4 })).map((item) => item.product)).toEqual(
      products.filter((each) => each.category === 'Odd').map((each) => each.product).sort(),
    );
    const oddOut = await walk({ category: 'Odd', status: 'OUT', limit: 1 });
    expect(oddOut.every((item) => item.category === 'Odd' && item.status === 'OUT')).toBe(true);
    expect(oddOut.length).toBe(products.filter((each) => each.category === 'Odd' && each.quantity === 0).length);
  });

  it('follows a stock change once its stream record is processed; old or repeated records change nothing', async () => {
    const name = names[2]!; // quantity 40: OK
    await t.store.inventory.adjust(name, -37);
    const low = await streamRecordOf(name); // quantity 3: LOW
    await t.store.inventory.adjust(name, -3);
    // The older record arrives after the stock moved on: it may not write its status.
    expect(await syncStockStatus(t.clients.documents, t.config.tables.inventory, low)).toBe('superseded');
    expect(await syncStockStatus(t.clients.documents, t.config.tables.inventory, await streamRecordOf(name))).toBe('updated');
    expect(await syncStockStatus(t.clients.documents, t.config.tables.inventory, await streamRecordOf(name))).toBe('unchanged');
    expect((await walk({ status: 'OUT' })).map((item) => item.product)).toContain(name);
    expect((await walk({ status: 'OK' })).map((item) => item.product)).not.toContain(name);
    await t.store.inventory.adjust(name, 40);
    await syncAll([name]);
  });

  it('summarises the statuses', async () => {
    expect(await t.store.inventory.summary()).toEqual({ OK: 4, LOW: 4, OUT: 4 });
  });

  it('rejects bad options, a forged cursor and a cursor of another filter, reading nothing', async () => {
    const { nextCursor } = await t.store.inventory.list({ status: 'OK', limit: 1 });
    t.calls.reset();
    for (const options of [{ status: 'GOOD' }, { limit: 0 }, { limit: 101 }, { cursor: `${nextCursor}x` }, { cursor: nextCursor!, status: 'LOW' }, { extra: 1 }]) {
      await expect(t.store.inventory.list(options as never)).rejects.toThrow(ValidationError);
    }
    expect(t.calls.total).toBe(0);
  });
});
