import * as z from 'zod';
import { categoryName, integerIn, productName } from '../schemas.js';

/**
 * Options of `catalog.list`: `limit` 1–100 (default 50), an optional category and cursor.
 *
 * @group Catalog
 */
export const catalogListOptionsSchema = z.strictObject({
  /** Only products of this category. */
  category: categoryName.optional(),
  /** Page size, 1–100 (default 50). */
  limit: integerIn(1, 100).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1, 'must not be empty').max(4096).optional(),
});

/** What a catalog cursor holds: where the scan or category query stopped, and for which category. */
export const catalogCursorSchema = z.strictObject({
  category: categoryName.nullable(),
  after: z.record(z.string(), z.string()),
});

export { productName as catalogProductSchema };
