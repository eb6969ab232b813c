import * as z from 'zod';
import { alternatives, hasKey, integerIn, productName } from '../schemas.js';

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
 * An order request in either form — `{ items }` or the seed's one-product `{ product, quantity }` —
 * normalised to `{ items }`: one schema validates it and documents both forms (OpenAPI). The form is
 * the one the request is written in (`items` present or not), so a rejected request names its fields.
 *
 * @group Orders
 */
export const orderRequestSchema = alternatives(
  [orderItemsRequestSchema, orderLineRequestSchema],
  (input) => (hasKey(input, 'items') ? 0 : 1),
  (order) => ('items' in order ? order : { items: [order] }),
);

/**
 * An order id as the store issues them (a UUID); anything else cannot exist.
 *
 * @group Orders
 */
export const orderIdSchema = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(100, 'is too long');
