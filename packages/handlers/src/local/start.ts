/**
 * `npm start`: a local AWS emulator with the store provisioned and a demo catalog seeded.
 * (The full local stack — API, pipes, queue consumers, schedules — arrives with issue #5.)
 */
import { createStorefront, provisionResources } from '@store-front/sdk';
import { startEmulator } from './emulator.js';

const external = process.env.STOREFRONT_AWS_ENDPOINT;
const emulator = external ? undefined : await startEmulator();
const endpoint = external ?? emulator!.endpoint;
await provisionResources({ endpoint });
const store = createStorefront({ endpoint });
if (process.env.STOREFRONT_SEED !== '0' && (await store.catalog.list({ limit: 1 })).items.length === 0) {
  await store.inventory.put([
    { product: 'Coffee Mug', category: 'Kitchen', description: 'Stoneware, 350 ml', cost: 12.5, quantity: 40 },
    { product: 'French Press', category: 'Kitchen', description: 'Glass and steel, 1 l', cost: 34.99, quantity: 6 },
    { product: 'Earl Grey Tea', category: 'Pantry', description: 'Loose leaf, 250 g', cost: 8.75, quantity: 120 },
    { product: 'Dark Roast Beans', category: 'Pantry', description: 'Whole bean, 1 kg', cost: 21.0, quantity: 4 },
  ]);
}
console.log(`Store Front is up. AWS endpoint: ${endpoint}\nCatalog:`);
for await (const item of store.catalog.listAll()) console.log(`  ${item.product} (${item.category}) ${item.cost} — ${item.available} in stock`);
console.log('Press Ctrl-C to stop.');
process.on('SIGINT', () => void emulator?.stop().then(() => process.exit(0)));
