import { describe, expect, it } from 'vitest';
import { createTestStore, product } from './support.js';

describe('smoke', () => {
  it('places an order', async () => {
    const { store, calls } = await createTestStore();
    await store.inventory.put([product('Mug', 10, 12.5), product('Tea', 3, 0.1)]);
    calls.reset();
    const order = await store.orders.place({ items: [{ product: 'Mug', quantity: 2 }, { product: 'Tea', quantity: 3 }] });
    expect(order.total).toBe(25.3);
    expect(calls.total).toBe(2);
    const page = await store.catalog.list();
    expect(page.items.map((i) => i.product)).toEqual(['Mug']);
  });
});
