/**
 * AWS calls per SDK operation, counted by a middleware on the clients, against a fresh emulator.
 * Prints a JSON object, then a table. Run: `npm run bench` (or `npx tsx packages/sdk/bench/core.ts`).
 */
import { startEmulator } from '../../local/src/emulator.js';
import { createAwsClients, createStorefront, OutOfStockError, provisionResources, resolveConfig } from '../src/index.js';
import { CallCounter } from '../tests/support.js';

interface Measurement {
  operation: string;
  calls: number;
  target: string;
  pass: boolean;
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  try {
    const settings = { endpoint: emulator.endpoint, region: 'us-east-1', prefix: 'bench', cursorSecret: 'bench-cursor-secret-000000' };
    const clients = createAwsClients(resolveConfig(settings));
    const counter = new CallCounter();
    counter.attach(clients);
    await provisionResources({ ...settings, clients });
    const store = createStorefront({ ...settings, clients });
    const productCount = 1000;
    const names = Array.from({ length: productCount }, (_, i) => `Product ${String(i).padStart(4, '0')}`);
    for (let i = 0; i < productCount; i += 50) {
      await store.inventory.put(
        names.slice(i, i + 50).map((product) => ({ product, category: 'Bench', description: 'bench', cost: 9.99, quantity: 1000 })),
      );
    }

    const results: Measurement[] = [];
    const measure = async (operation: string, target: string, limit: number, run: () => Promise<unknown>) => {
      counter.reset();
      await run();
      results.push({ operation, calls: counter.total, target, pass: counter.total <= limit });
    };
    const oneLine = { product: names[0]!, quantity: 1 };
    const lines = names.slice(1, 26).map((product) => ({ product, quantity: 1 }));

    await measure('place 1-line order (cold)', '≤ 2', 2, () => store.orders.place(oneLine));
    await measure('place 1-line order (warm)', '= 1', 1, () => store.orders.place(oneLine));
    await measure('place 25-line order (cold)', '≤ 2', 2, () => store.orders.place({ items: lines }));
    await measure('place 25-line order (warm)', '= 1', 1, () => store.orders.place({ items: lines }));
    await measure('rejected order (warm)', '= 1', 1, () =>
      store.orders.place({ product: names[0]!, quantity: 1000 }).then(
        () => {
          throw new Error('expected the order to be rejected');
        },
        (error: unknown) => {
          if (!(error instanceof OutOfStockError)) throw error;
        },
      ),
    );
    let listed = 0;
    const listLimit = Math.ceil(productCount / 100) * 2 + 2;
    await measure(`list all ${productCount} in-stock products`, `≤ ${listLimit}`, listLimit, async () => {
      for await (const _item of store.catalog.listAll()) listed++;
    });
    if (listed !== productCount) throw new Error(`listAll returned ${listed} of ${productCount} products`);
    await measure('get one product', '= 1', 1, () => store.catalog.get(names[7]!));

    const allPass = results.every((result) => result.pass);
    console.log(JSON.stringify({ bench: 'sdk-core-aws-calls', results, allPass }, null, 2));
    console.table(results.map(({ operation, calls, target, pass }) => ({ operation, 'AWS calls': calls, target, pass })));
    if (!allPass) process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

await main();
