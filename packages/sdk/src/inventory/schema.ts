import * as z from 'zod';
import { categoryName, descriptionText, integerIn, moneyAmount, printableText, productName } from '../schemas.js';

/**
 * Most units a product can hold.
 *
 * @group Inventory
 */
export const maxStockQuantity = 1_000_000_000;
/**
 * Products one `inventory.put` may write: each is two of the 100 actions of its one transaction.
 *
 * @group Inventory
 */
export const maxProductsPerPut = 50;

/**
 * One product's details and absolute stock.
 *
 * @group Inventory
 */
export const inventoryItemSchema = z.strictObject({
  /** Product name, its key. */
  product: productName,
  /** Category the storefront filters by. */
  category: categoryName,
  /** Text shown with the product. */
  description: descriptionText,
  /** Unit price, a decimal with at most 2 places. */
  cost: moneyAmount,
  /** Absolute units in stock. */
  quantity: integerIn(0, maxStockQuantity),
  // Left out: 5 for a new product, the current threshold for an existing one.
  /** Alert when stock falls to this or below. */
  lowStockThreshold: integerIn(0, maxStockQuantity).optional(),
});

/**
 * `inventory.put` input: one product, or 1–50 distinct products.
 *
 * @group Inventory
 */
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

/**
 * `inventory.adjust` input.
 *
 * @group Inventory
 */
export const inventoryAdjustSchema = z.strictObject({
  /** The product whose stock changes. */
  product: productName,
  /** Units to add; negative to remove. */
  delta: integerIn(-maxStockQuantity, maxStockQuantity),
  /** Why stock changed (audit text, up to 200 characters). */
  reason: printableText('reason', 0, 200).optional(),
});

/**
 * A stock status: `OK`, `LOW` or `OUT`.
 *
 * @group Inventory
 */
export const stockStatusSchema = z.enum(['OK', 'LOW', 'OUT'], { error: 'must be "OK", "LOW" or "OUT"' });

/**
 * Options of `inventory.list` (limit 1–100, default 50).
 *
 * @group Inventory
 */
export const inventoryListOptionsSchema = z.strictObject({
  /** Only products with this status. */
  status: stockStatusSchema.optional(),
  /** Only products of this category. */
  category: categoryName.optional(),
  /** Page size, 1–100 (default 50). */
  limit: integerIn(1, 100).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1, 'must not be empty').max(4096).optional(),
});

/** What an inventory cursor holds: the filters it was issued for and the last product shown. */
export const inventoryCursorSchema = z.strictObject({
  listing: z.literal('inventory'),
  status: stockStatusSchema.nullable(),
  category: categoryName.nullable(),
  after: productName,
});
