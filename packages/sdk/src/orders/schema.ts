import * as z from 'zod';
import { integerIn, productName, toFieldIssueList } from '../schemas.js';

/**
 * Lines one order may hold.
 *
 * @group Orders
 */
export const maxOrderLines = 25;

const orderLineSchema = z.strictObject({
  /** The product to buy. */
  product: productName,
  /** Units, 1–1000. */
  quantity: integerIn(1, 1000),
});

/** The items form: 1–25 lines with distinct products. */
export const orderItemsRequestSchema = z
  .strictObject({
    /** The lines, 1–25, each with a distinct product. */
    items: z
      .array(orderLineSchema)
      .min(1, 'must list at least 1 line')
      .max(maxOrderLines, `must list at most ${maxOrderLines} lines`),
  })
  .superRefine((order, context) => {
    const seen = new Set<string>();
    order.items.forEach((line, index) => {
      if (seen.has(line.product)) {
        context.addIssue({
          code: 'custom',
          path: ['items', index, 'product'],
          message: `"${line.product}" appears twice; use one line with the total quantity`,
        });
      }
      seen.add(line.product);
    });
  });

/** The seed's one-product form, `{ product, quantity }`. */
export const orderLineRequestSchema = orderLineSchema;

/**
 * The two accepted forms, as one schema for documentation (OpenAPI); validation uses {@link orderRequestSchema}.
 *
 * @group Orders
 */
export const orderRequestFormsSchema = z.union([orderItemsRequestSchema, orderLineRequestSchema]);

/**
 * An order request in either form, normalised to `{ items }`. The form is chosen by the presence of
 * `items`, so a rejected request names the fields of the form it was written in.
 *
 * @group Orders
 */
export const orderRequestSchema = z.unknown().transform((value, context) => {
  const isItemsForm = typeof value === 'object' && value !== null && 'items' in value;
  const result = isItemsForm ? orderItemsRequestSchema.safeParse(value) : orderLineRequestSchema.safeParse(value);
  if (result.success) return 'items' in result.data ? result.data : { items: [result.data] };
  for (const issue of toFieldIssueList(result.error, { input: value })) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/**
 * An order id as the store issues them (a UUID); anything else cannot exist.
 *
 * @group Orders
 */
export const orderIdSchema = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(100, 'is too long');
