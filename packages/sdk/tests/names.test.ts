import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { categoryName, descriptionText, productName } from '../src/entries/schemas.js';
import { ValidationError } from '../src/index.js';
import { createTestStore, product, readStock } from './support.js';

const composed = 'Caf\u00e9 Cr\u00e8me';
const decomposed = 'Cafe\u0301 Cre\u0300me';

describe('name rules (product, category)', () => {
  it.each([
    ['.', 'product must not be "." or ".."'],
    ['..', 'product must not be "." or ".."'],
    ['  ..  ', 'product must not be "." or ".."'],
    ['Mug\u200b', 'product contains an invisible format character (U+200B)'],
    ['\u202egnp.exe', 'product contains an invisible format character (U+202E)'],
    ['Mug\u2066x\u2069', 'product contains an invisible format character (U+2066)'],
    ['Mug\uffff', 'product contains a Unicode noncharacter (U+FFFF)'],
    ['Mug\ufdd0', 'product contains a Unicode noncharacter (U+FDD0)'],
    ['Mug\u{1fffe}', 'product contains a Unicode noncharacter (U+1FFFE)'],
    ['Mug\ud800', 'product contains a lone surrogate'],
    ['Mug\u0007', 'product contains a control character (U+0007)'],
    ['Mug\nTwo', 'product contains a control character (U+000A)'],
    ['   ', 'product must not be empty'],
    ['x'.repeat(201), 'product must be at most 200 characters'],
  ])('rejects %j: %s', (value, message) => {
    const result = productName.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('normalizes to NFC and trims before counting', () => {
    expect(productName.parse(`  ${decomposed}\t`)).toBe(composed);
    expect(productName.parse(` ${'x'.repeat(200)} `)).toHaveLength(200);
    expect(productName.parse('.hidden')).toBe('.hidden');
    expect(categoryName.parse(` ${decomposed} `)).toBe(composed);
    expect(categoryName.safeParse('x'.repeat(101)).error!.issues[0]!.message).toBe('category must be at most 100 characters');
    expect(categoryName.safeParse('Tea\u200d').error!.issues[0]!.message).toBe('category contains an invisible format character (U+200D)');
  });

  it('keeps tabs and line breaks in a description, but no other unprintable character', () => {
    expect(descriptionText.parse('Line 1\n\tLine 2\r\n')).toBe('Line 1\n\tLine 2\r\n');
    expect(descriptionText.safeParse('a\u202eb').error!.issues[0]!.message).toBe('description contains an invisible format character (U+202E)');
    expect(descriptionText.safeParse('a\ufffe').error!.issues[0]!.message).toBe('description contains a Unicode noncharacter (U+FFFE)');
    expect(descriptionText.safeParse('x'.repeat(2001)).success).toBe(false);
  });

  it('accepts a name only in its normalized form: NFC, trimmed, printable, 1–200 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 220 }), (value) => {
        const result = productName.safeParse(value);
        if (!result.success) return;
        const name = result.data;
        expect(name).toBe(name.normalize('NFC').trim());
        expect([...name].length).toBeGreaterThanOrEqual(1);
        expect([...name].length).toBeLessThanOrEqual(200);
        expect(name).not.toMatch(/\p{Cc}|\p{Cf}|[\ufdd0-\ufdef\ufffe\uffff]/u);
        expect(name.isWellFormed()).toBe(true);
        expect(['.', '..']).not.toContain(name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('names are normalized on every input path', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  beforeAll(async () => {
    ctx = await createTestStore();
  });

  it('treats "Café" typed as one code point or as e + combining accent as one product', async () => {
    const { items } = await ctx.store.inventory.put(product(` ${decomposed} `, 10, 4, { category: ` Caf${'e\u0301'}s ` }));
    expect(items[0]).toMatchObject({ product: composed, category: 'Cafés' });
    await ctx.store.inventory.put(product(composed, 12, 4, { category: 'Cafés' }));
    expect([...(await readStock(ctx)).keys()]).toEqual([composed]);

    expect(await ctx.store.catalog.get(decomposed)).toMatchObject({ product: composed, available: 12 });
    const order = await ctx.store.orders.place({ items: [{ product: ` ${decomposed}`, quantity: 2 }] });
    expect(order.items[0]!.product).toBe(composed);
    expect(await ctx.store.inventory.adjust(decomposed, 1)).toEqual({ product: composed, quantity: 11 });
    expect((await ctx.store.catalog.list({ category: 'Cafe\u0301s' })).items.map((item) => item.product)).toEqual([composed]);
  });

  it('rejects a name that differs only by normalization twice in one request, naming the line', async () => {
    const error = await ctx.store.orders
      .place({ items: [{ product: composed, quantity: 1 }, { product: decomposed, quantity: 1 }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toBe('items.1.product');
  });

  it('rejects "..", format characters and noncharacters with a VALIDATION_ERROR naming the field, writing nothing', async () => {
    for (const name of ['..', 'Mug\u200b', 'Mug\uffff']) {
      const error = await ctx.store.inventory.put(product(name, 1, 1, { description: 'plain' })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['product']);
    }
    const error = await ctx.store.inventory.put(product('Mug', 1, 1, { category: 'A\u202eB' })).catch((caught: unknown) => caught);
    expect((error as ValidationError).issues).toEqual([{ path: 'category', message: 'category contains an invisible format character (U+202E)' }]);
    expect([...(await readStock(ctx)).keys()]).toEqual([composed]);
  });
});
