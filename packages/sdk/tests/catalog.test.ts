import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TryAgainError, ValidationError, type CatalogItem } from '../src/index.js';
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
