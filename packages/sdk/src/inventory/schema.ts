import * as z from 'zod';
import { categoryName, descriptionText, integerIn, moneyAmount, printableText, productName } from '../schemas.js';

/** Most units a product can hold. */
export const maxStockQuantity = 1_000_000_000;
/** Products one `inventory.put` may write: each is two of the 100 actions of its one transaction. */
export const maxProductsPerPut = 50;

/** One product's details and absolute stock. */
export const inventoryItemSchema = z.strictObject({
  product: productName,
  category: categoryName,
  description: descriptionText,
  cost: moneyAmount,
  quantity: integerIn(0, maxStockQuantity),
  // Left out: 5 for a new product, the current threshold for an existing one.
  lowStockThreshold: integerIn(0, maxStockQuantity).optional(),
});

/** `inventory.put` input: one product, or 1–50 distinct products. */
export const inventoryPutSchema = z
  .array(inventoryItemSchema)
  .min(1, 'must list at least 1 product')
  .max(maxProductsPerPut, `must list at most ${maxProductsPerPut} products`)
  .superRefine((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.product)) {
        context.addIssue({ code: 'custom', path: [index, 'product'], message: `duplicate product "${item.product}"` });
      }
      seen.add(item.product);
    });
  });

/** `inventory.adjust` input. */
export const inventoryAdjustSchema = z.strictObject({
  product: productName,
  delta: integerIn(-maxStockQuantity, maxStockQuantity),
  reason: printableText('reason', 0, 200).optional(),
});

/** A stock status: `OK`, `LOW` or `OUT`. */
export const stockStatusSchema = z.enum(['OK', 'LOW', 'OUT'], { error: 'must be "OK", "LOW" or "OUT"' });

/** Options of `inventory.list` (limit 1–100, default 50). */
export const inventoryListOptionsSchema = z.strictObject({
  status: stockStatusSchema.optional(),
  category: categoryName.optional(),
  limit: integerIn(1, 100).default(50),
  cursor: z.string().min(1, 'must not be empty').max(4096).optional(),
});

/** What an inventory cursor holds: the filters it was issued for and the last product shown. */
export const inventoryCursorSchema = z.strictObject({
  listing: z.literal('inventory'),
  status: stockStatusSchema.nullable(),
  category: categoryName.nullable(),
  after: productName,
});
