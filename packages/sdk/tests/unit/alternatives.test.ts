import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { orderRequestSchema, parseInput, startReportSchema } from '../../src/entries/schemas.js';
import { ValidationError } from '../../src/index.js';

const detailsOf = (schema: z.ZodType, value: unknown) => {
  const error = (() => {
    try {
      parseInput(schema, value, 'request');
    } catch (caught) {
      return caught;
    }
  })();
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
};

describe('a body of several forms: one schema validates and documents it', () => {
  it('documents every form (the OpenAPI request body is the same schema)', () => {
    const orders = z.toJSONSchema(orderRequestSchema, { io: 'input' }) as { anyOf?: Array<{ required?: string[] }> };
    expect(orders.anyOf?.map((form) => form.required)).toEqual([['items'], ['product', 'quantity']]);
    const reports = z.toJSONSchema(startReportSchema, { io: 'input' }) as { anyOf?: Array<{ required?: string[] }> };
    expect(reports.anyOf?.map((form) => form.required)).toEqual([['type'], ['mode']]);
  });

  it('normalises each form', () => {
    expect(parseInput(orderRequestSchema, { product: 'Mug', quantity: 2 }, 'order')).toEqual({ items: [{ product: 'Mug', quantity: 2 }] });
    expect(parseInput(startReportSchema, { mode: 'sales', date: '2024-05-01' }, 'report request')).toEqual({ type: 'sales', date: '2024-05-01' });
  });

  it('reports a rejected body in the form it was written in, not as "matches no form"', () => {
    expect(detailsOf(orderRequestSchema, { items: [{ product: 'Mug', quantity: 0 }] })).toEqual([
      { path: 'items.0.quantity', message: expect.stringContaining('1') },
    ]);
    expect(detailsOf(orderRequestSchema, { product: 'Mug' })).toEqual([{ path: 'quantity', message: 'is required' }]);
    expect(detailsOf(orderRequestSchema, { items: [], product: 'Mug' }).map((issue) => issue.path).sort()).toEqual(['items', 'product']);
    expect(detailsOf(startReportSchema, { type: 'sales', mode: 'sales' })).toEqual([{ path: 'mode', message: 'is not a known field' }]);
    expect(detailsOf(startReportSchema, {}).map((issue) => issue.path)).toEqual(['type']);
    expect(detailsOf(startReportSchema, { mode: 'weekly' })).toEqual([{ path: 'mode', message: 'must be "sales" or "inventory"' }]);
  });
});
