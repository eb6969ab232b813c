import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { InventoryItemInput, Storefront } from '@store-front/sdk';
import { defaultLowStockThreshold } from '@store-front/sdk/workers';

/** About twenty products in five categories; a few sit at or just above their low-stock threshold. */
export const demoProducts: readonly InventoryItemInput[] = [
  { product: 'Ceramic Coffee Mug', category: 'Kitchen', description: '350 ml stoneware mug, dishwasher safe.', cost: 12.5, quantity: 120, lowStockThreshold: 10 },
  { product: 'French Press 1L', category: 'Kitchen', description: 'Borosilicate glass, stainless steel filter.', cost: 34.9, quantity: 6, lowStockThreshold: 5 },
  { product: 'Chef Knife 20cm', category: 'Kitchen', description: 'Forged German steel, full tang.', cost: 79, quantity: 25, lowStockThreshold: 5 },
  { product: 'Bamboo Cutting Board', category: 'Kitchen', description: 'Large board with juice groove.', cost: 24.99, quantity: 40 },
  { product: 'Espresso Beans 1kg', category: 'Pantry', description: 'Dark roast, 70% Arabica, 30% Robusta.', cost: 21.5, quantity: 60, lowStockThreshold: 10 },
  { product: 'Earl Grey Tea (50 bags)', category: 'Pantry', description: 'Black tea with bergamot.', cost: 6.75, quantity: 11, lowStockThreshold: 10 },
  { product: 'Wildflower Honey 500g', category: 'Pantry', description: 'Raw, unfiltered, from local beekeepers.', cost: 9.95, quantity: 35 },
  { product: 'Dark Chocolate 85%', category: 'Pantry', description: '100 g bar, single-origin cacao.', cost: 3.49, quantity: 200, lowStockThreshold: 20 },
  { product: 'Wireless Earbuds', category: 'Electronics', description: 'Bluetooth 5.3, 24 h battery with case.', cost: 59.99, quantity: 30, lowStockThreshold: 5 },
  { product: 'USB-C Charger 65W', category: 'Electronics', description: 'GaN, two USB-C ports and one USB-A.', cost: 39.9, quantity: 5, lowStockThreshold: 5 },
  { product: 'Mechanical Keyboard', category: 'Electronics', description: 'Hot-swappable switches, ISO layout.', cost: 119, quantity: 14, lowStockThreshold: 3 },
  { product: 'Desk Lamp LED', category: 'Electronics', description: 'Dimmable, adjustable colour temperature.', cost: 44.5, quantity: 22 },
  { product: 'Merino Wool Socks', category: 'Apparel', description: 'Pack of 3, sizes 39–42.', cost: 18, quantity: 80, lowStockThreshold: 10 },
  { product: 'Rain Jacket', category: 'Apparel', description: 'Waterproof, breathable, packable hood.', cost: 129.95, quantity: 9, lowStockThreshold: 8 },
  { product: 'Canvas Tote Bag', category: 'Apparel', description: 'Organic cotton, 12 l.', cost: 14.9, quantity: 150 },
  { product: 'Baseball Cap', category: 'Apparel', description: 'Adjustable strap, one size.', cost: 19.5, quantity: 45 },
  { product: 'Hardcover Notebook A5', category: 'Stationery', description: '192 dotted pages, lay-flat binding.', cost: 16.9, quantity: 70, lowStockThreshold: 10 },
  { product: 'Fountain Pen', category: 'Stationery', description: 'Steel nib (M), converter included.', cost: 28, quantity: 4, lowStockThreshold: 5 },
  { product: 'Gel Pens (10 colours)', category: 'Stationery', description: '0.7 mm, quick-drying ink.', cost: 8.99, quantity: 90 },
  { product: 'Desk Organizer', category: 'Stationery', description: 'Walnut wood, five compartments.', cost: 32, quantity: 0, lowStockThreshold: 2 },
];

/**
 * The order that makes the fresh demo catalog send a low-stock alert with the fewest units: the
 * product closest above its threshold, and how many to order to bring it down to the threshold.
 *
 * @example
 * ```ts
 * demoAlertOrder(); // { product: 'French Press 1L', quantity: 1 }
 * ```
 */
export function demoAlertOrder(): { readonly product: string; readonly quantity: number } {
  const candidates = demoProducts
    .map((item) => ({ product: item.product, quantity: item.quantity - (item.lowStockThreshold ?? defaultLowStockThreshold) }))
    .filter((order) => order.quantity > 0);
  const closest = candidates.reduce((best, order) => (order.quantity < best.quantity ? order : best));
  return closest;
}

/**
 * Writes {@link demoProducts} when the catalog table holds no product at all; a store with data,
 * even one whose every product is sold out, is left alone. Returns how many products it wrote.
 *
 * @example
 * ```ts
 * const written = await seedDemoCatalog(store); // 20 on a fresh store, 0 afterwards
 * ```
 */
export async function seedDemoCatalog(store: Storefront): Promise<number> {
  const { Items = [] } = await store.clients.documents.send(
    new ScanCommand({ TableName: store.config.tables.productCatalog, Limit: 1, ProjectionExpression: 'product' }),
  );
  if (Items.length > 0) return 0;
  const { items } = await store.inventory.put(demoProducts);
  return items.length;
}
