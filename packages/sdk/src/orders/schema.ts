import { z } from 'zod';
import { integerIn, productName } from '../schemas.js';

/** Lines one order may hold. */
export const maxOrderLines = 25;

const orderLineSchema = z.strictObject({ product: productName, quantity: integerIn(1, 1000) });

/** An order request in either form, normalised to `{ items }` with distinct products. */
export const orderRequestSchema = z
  .union([
    z.strictObject({
      items: z
        .array(orderLineSchema)
        .min(1, 'must list at least 1 line')
        .max(maxOrderLines, `must list at most ${maxOrderLines} lines`),
    }),
    orderLineSchema.transform((line) => ({ items: [line] })),
  ])
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

/** An Idempotency-Key: 1–255 visible ASCII characters. */
export const idempotencyKeySchema = z
  .string({ error: 'must be a string' })
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 visible ASCII characters');

/** An order id as the store issues them (a UUID); anything else cannot exist. */
export const orderIdSchema = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(100, 'is too long');
