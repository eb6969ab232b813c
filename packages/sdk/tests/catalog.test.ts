import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TryAgainError, ValidationError, type CatalogItem } from '../src/index.js';
import { inStockByCategoryIndex } from '../src/entries/resources.js';
import { createTestStore, product, throttleBatchGets } from './support.js';

let ctx: Awaited<ReturnType<typeof createTestStore>>;

// 30 products: every third one out of stock, two categories.
const products = Array.from({ length: 30 }, (_, i) =>
  product(`Product ${String(i).padStart(2, '0')}`, i % 3 === 0 ? 0 : i, 1.5 + i, { category: i % 2 ? 'Tea' : 'Coffee' }),
);
const inStock = products.filter((p) => p.quantity > 0);

beforeAll(async () => {
  ctx = await createTestStore();
  await ctx.store.inventory.put(products);
});

async function collect(category?: string, limit?: number): Promise<{ items: CatalogItem[]; pages: number }> {
  const items: CatalogItem[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await ctx.store.catalog.list({ ...(category ? { category } : {}), ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
    pages++;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, pages };
}

describe('catalog.list', () => {
  it('lists only in-stock products, with their details and availability', async () => {
    const { items } = await collect();
    expect(items.map((i) => i.product).sort()).toEqual(inStock.map((p) => p.product).sort());
    const one = items.find((i) => i.product === 'Product 05')!;
    expect(one).toEqual({ product: 'Product 05', category: 'Tea', description: 'Product 05 description', cost: 6.5, available: 5 });
  });

  it('visits every in-stock product exactly once whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 25 }), async (limit) => {
        const { items } = await collect(undefined, limit);
        const names = items.map((i) => i.product);
        expect(new Set(names).size).toBe(names.length);
        expect(names.sort()).toEqual(inStock.map((p) => p.product).sort());
        for (const page of [await ctx.store.catalog.list({ limit })]) expect(page.items.length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 8 },
    );
  });

  it('filters by category through the category index', async () => {
    const { items } = await collect('Tea', 4);
    expect(items.map((i) => i.product).sort()).toEqual(inStock.filter((p) => p.category === 'Tea').map((p) => p.product).sort());
    expect(items.every((i) => i.category === 'Tea')).toBe(true);
    expect((await ctx.store.catalog.list({ category: 'Nothing here' })).items).toEqual([]);
  });

  it('rejects a tampered, forged or foreign cursor with a ValidationError', async () => {
    const { nextCursor } = await ctx.store.catalog.list({ limit: 2 });
    expect(nextCursor).toEqual(expect.any(String));
    const [body, tag] = nextCursor!.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ category: null, after: { product: 'Product 29' } })).toString('base64url');
    for (const cursor of [`${body}x.${tag}`, `${forgedBody}.${tag}`, 'garbage', `${body}.${tag}.extra`, `${body}`]) {
      await expect(ctx.store.catalog.list({ cursor })).rejects.toBeInstanceOf(ValidationError);
    }
    // A cursor of the unfiltered listing is not valid for a category listing.
    await expect(ctx.store.catalog.list({ cursor: nextCursor!, category: 'Tea' })).rejects.toThrow(/different category/);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
    [{ category: '' }, 'category'],
    [{ category: 'a\u0000b' }, 'category'],
    [{ colour: 'red' }, 'colour'],
  ])('rejects bad options %j naming the field', async (options, field) => {
    const error = await ctx.store.catalog.list(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field);
  });

  it('lists all in-stock products in ceil(N/100)·2 + 2 calls at most', async () => {
    ctx.calls.reset();
    const all: CatalogItem[] = [];
    for await (const item of ctx.store.catalog.listAll()) all.push(item);
    expect(all).toHaveLength(inStock.length);
    expect(ctx.calls.total).toBeLessThanOrEqual(Math.ceil(inStock.length / 100) * 2 + 2);
  });
});

describe('catalog.get', () => {
  it('returns a product also when it is out of stock, in one call', async () => {
    ctx.calls.reset();
    expect(await ctx.store.catalog.get('Product 03')).toMatchObject({ product: 'Product 03', available: 0, cost: 4.5 });
    expect(ctx.calls.total).toBe(1);
  });

  it('throws NotFoundError for an unknown product and ValidationError for a bad name', async () => {
    await expect(ctx.store.catalog.get('No such thing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.store.catalog.get('x'.repeat(201))).rejects.toBeInstanceOf(ValidationError);
    await expect(ctx.store.catalog.get('\uD800')).rejects.toThrow(/lone surrogate/);
    const error = await ctx.store.catalog.get('').catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([{ path: 'product', message: 'product must not be empty' }]);
  });

  it('reads a throttled product again instead of answering 404 (unprocessed keys are retried)', async () => {
    const stopThrottling = throttleBatchGets(ctx.clients, 2);
    ctx.calls.reset();
    try {
      expect(await ctx.store.catalog.get('Product 05')).toMatchObject({ product: 'Product 05', available: 5 });
      expect(ctx.calls.counts.get('BatchGetItemCommand')).toBe(3);
    } finally {
      stopThrottling();
    }
  });

  it('answers TryAgainError, never NotFoundError, when the throttling outlasts the retries', async () => {
    const stopThrottling = throttleBatchGets(ctx.clients);
    try {
      const error = await ctx.store.catalog.get('Product 05').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TryAgainError);
      expect((error as TryAgainError).status).toBe(503);
    } finally {
      stopThrottling();
    }
  });
});

describe('catalog listing cost and freshness (the in-stock index)', () => {
  let big: Awaited<ReturnType<typeof createTestStore>>;
  // 300 sold-out products around 7 in-stock ones; categories 'Tea' and 'Tea set' share a prefix.
  const soldOut = Array.from({ length: 300 }, (_, i) => product(`Gone ${String(i).padStart(3, '0')}`, 0, 1, { category: i % 2 ? 'Tea' : 'Tea set' }));
  const available = Array.from({ length: 7 }, (_, i) => product(`Here ${i}`, 1 + i, 2, { category: i % 2 ? 'Tea' : 'Tea set' }));

  beforeAll(async () => {
    big = await createTestStore();
    const all = [...soldOut, ...available].sort(() => Math.random() - 0.5);
    for (let start = 0; start < all.length; start += 50) await big.store.inventory.put(all.slice(start, start + 50));
  });

  /** Walks a listing page by page, checking each page's calls. */
  async function walk(options: { category?: string; limit: number }) {
    const names: string[] = [];
    let cursor: string | undefined;
    big.calls.reset();
    let total = 0;
    do {
      const page = await big.store.catalog.list({ ...options, ...(cursor ? { cursor } : {}) });
      expect(big.calls.total).toBeLessThanOrEqual(3);
      total += big.calls.total;
      big.calls.reset();
      names.push(...page.items.map((item) => item.product));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { names, total };
  }

  it('costs at most 3 calls a page and ceil(N/limit)·2 + 2 for the walk, however many products are sold out', async () => {
    for (const limit of [1, 3, 7, 50]) {
      const { names, total } = await walk({ limit });
      expect(names.sort()).toEqual(available.map((p) => p.product).sort());
      expect(total).toBeLessThanOrEqual(Math.ceil(available.length / limit) * 2 + 2);
    }
  });

  it('filters by category exactly, even when one category name is a prefix of another', async () => {
    const { names, total } = await walk({ category: 'Tea', limit: 2 });
    const tea = available.filter((p) => p.category === 'Tea').map((p) => p.product);
    expect(names.sort()).toEqual(tea.sort());
    expect(total).toBeLessThanOrEqual(Math.ceil(tea.length / 2) * 2 + 2);
  });

  it('drops a product that sells out at once; the listing consumer then unlists it, idempotently and safely out of order', async () => {
    await big.store.inventory.put(product('Last one', 1, 5, { category: 'Solo' }));
    expect((await big.store.catalog.list({ category: 'Solo' })).items.map((i) => i.product)).toEqual(['Last one']);
    await big.store.orders.place({ product: 'Last one', quantity: 1 });
    expect((await big.store.catalog.list({ category: 'Solo' })).items).toEqual([]);
    expect(await big.store.catalog.get('Last one')).toMatchObject({ available: 0 });

    const soldOutRecord = await streamRecordOf(big, 'Last one');
    expect(await big.store.catalog.syncListing(soldOutRecord)).toBe('unlisted');
    expect(await big.store.catalog.syncListing(soldOutRecord)).toBe('unchanged');
    expect(await indexedProducts(big, 'Solo')).toEqual([]);

    // A restock lists it again through its own record; the late record of the sale then changes nothing.
    await big.store.inventory.adjust('Last one', 2);
    expect(await big.store.catalog.syncListing(await streamRecordOf(big, 'Last one'))).toBe('listed');
    expect(await big.store.catalog.syncListing(soldOutRecord)).toBe('unchanged');
    expect((await big.store.catalog.list({ category: 'Solo' })).items).toMatchObject([{ product: 'Last one', available: 2 }]);
  });

  it('lists an in-stock product the index does not hold yet (written before it existed)', async () => {
    await big.store.inventory.put(product('Legacy', 4, 5, { category: 'Old' }));
    await big.clients.documents.send(
      new UpdateCommand({ TableName: big.config.tables.inventory, Key: { product: 'Legacy' }, UpdateExpression: 'REMOVE inStock, inStockCategory' }),
    );
    expect((await big.store.catalog.list({ category: 'Old' })).items).toEqual([]);
    expect(await big.store.catalog.syncListing(await streamRecordOf(big, 'Legacy'))).toBe('listed');
    expect((await big.store.catalog.list({ category: 'Old' })).items).toMatchObject([{ product: 'Legacy', available: 4 }]);
    expect((await big.store.catalog.list({ limit: 100 })).items.map((item) => item.product)).toContain('Legacy');
  });

  it('moves a recategorised product to its new category, and unlists one put with quantity 0', async () => {
    await big.store.inventory.put(product('Mover', 3, 5, { category: 'Before' }));
    await big.store.inventory.put(product('Mover', 3, 6, { category: 'After', description: 'moved' }));
    expect((await big.store.catalog.list({ category: 'Before' })).items).toEqual([]);
    expect((await big.store.catalog.list({ category: 'After' })).items).toEqual([
      { product: 'Mover', category: 'After', description: 'moved', cost: 6, available: 3 },
    ]);
    await big.store.inventory.put(product('Mover', 0, 6, { category: 'After' }));
    expect(await indexedProducts(big, 'After')).toEqual([]);
  });

  it('rejects a malformed stream record', async () => {
    await expect(big.store.catalog.syncListing({ eventName: 'MODIFY' })).rejects.toBeInstanceOf(ValidationError);
  });
});

/** An inventory stream record (as the pipe delivers it) carrying the item as it is stored now. */
async function streamRecordOf(store: typeof ctx, name: string) {
  const { Item } = await store.clients.dynamodb.send(
    new GetItemCommand({ TableName: store.config.tables.inventory, Key: { product: { S: name } }, ConsistentRead: true }),
  );
  return { eventID: randomUUID(), eventName: 'MODIFY', dynamodb: { Keys: { product: { S: name } }, NewImage: Item, SequenceNumber: '1' } };
}

/** The products the in-stock index holds for a category (read straight from the index). */
async function indexedProducts(store: typeof ctx, category: string): Promise<string[]> {
  const { Items = [] } = await store.clients.documents.send(
    new QueryCommand({
      TableName: store.config.tables.inventory,
      IndexName: inStockByCategoryIndex.indexName,
      KeyConditionExpression: 'inStockCategory = :category',
      ExpressionAttributeValues: { ':category': category },
    }),
  );
  return Items.map((item) => item.product as string);
}
