import type { InventoryItemInput } from '@store-front/sdk';

/**
 * The partner's product feed: what its warehouse has now. A real partner would read it from its own
 * system; syncing it is one `inventory.put` (absolute quantities), so running the sync twice is safe.
 */
export const partnerFeed: readonly InventoryItemInput[] = [
  { product: 'Trail Tent 2P', category: 'Outdoor', description: 'Two-person, 1.9 kg, three-season.', cost: 189, quantity: 14, lowStockThreshold: 3 },
  { product: 'Sleeping Bag -5°C', category: 'Outdoor', description: 'Down fill, compressible, left zip.', cost: 149.5, quantity: 20, lowStockThreshold: 4 },
  { product: 'Camping Stove', category: 'Outdoor', description: 'Canister stove with piezo ignition.', cost: 42.9, quantity: 35 },
  { product: 'Headlamp 400lm', category: 'Outdoor', description: 'USB-C rechargeable, red light mode.', cost: 29.99, quantity: 60, lowStockThreshold: 10 },
];
