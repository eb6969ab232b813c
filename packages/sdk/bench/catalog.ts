/**
 * Catalog listing cost: AWS calls and time to list the 100 in-stock products among 10,000 (pages of
 * 100, following cursors), the old design (Scan + BatchGet until the page is full) against the
 * in-stock index (Query + consistent BatchGet), on the same data in the same run.
 * Prints a JSON object, then a table. Run: `npm run bench:catalog`.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startEmulator } from '../../local/src/emulator.js';
import { listingUpdate } from '../src/inStockListing.js';
import { createAwsClients, createStorefront, provisionResources, resolveConfig } from '../src/index.js';
import { CallCounter } from '../tests/support.js';
import { listPageByScan } from './catalogBaseline.js';

const productCount = 10_000;
const inStockCount = 100;
const pageSize = 100;

async function main(): Promise<void> {
  const emulator = await startEmulator();
  try {
    const settings = { endpoint: emulator.endpoint, region: 'us-east-1', prefix: 'benchcat', cursorSecret: 'bench-cursor-secret-000000' };
    const config = resolveConfig(settings);
    const clients = createAwsClients(config);
    await provisionResources({ ...settings, clients });
    await seed(clients.documents, config);
    const counter = new CallCounter();
    counter.attach(clients);
    const store = createStorefront({ ...settings, clients });

    const measure = async (design: string, walk: () => Promise<number>) => {
      counter.reset();
      const started = performance.now();
      const listed = await walk();
      const ms = Math.round(performance.now() - started);
      if (listed !== inStockCount) throw new Error(`${design} listed ${listed} of ${inStockCount} products`);
      return { design, listed, calls: counter.total, ms };
    };
    const results = [
      await measure('old: Scan catalog + BatchGet stock', async () => {
        let listed = 0;
        let after: Record<string, unknown> | undefined;
        do {
          const page = await listPageByScan(clients.documents, config, pageSize, after);
          listed += page.products.length;
          after = page.after;
        } while (after);
        return listed;
      }),
      await measure('new: Query in-stock index + BatchGet stock', async () => {
        let listed = 0;
        for await (const _item of store.catalog.listAll()) listed++;
        return listed;
      }),
    ];
    const [old, current] = results as [(typeof results)[0], (typeof results)[0]];
    const bound = Math.ceil(inStockCount / pageSize) * 2 + 2;
    const pass = current.calls <= bound;
    console.log(JSON.stringify({ bench: 'catalog-listing', productCount, inStockCount, pageSize, results, bound, pass }, null, 2));
    console.table(results.map(({ design, listed, calls, ms }) => ({ design, listed, 'AWS calls': calls, 'time (ms)': ms })));
    console.log(`new design: ${(old.calls / current.calls).toFixed(0)}× fewer calls, ${(old.ms / current.ms).toFixed(0)}× faster; bound ceil(N/limit)·2 + 2 = ${bound}: ${pass ? 'pass' : 'FAIL'}`);
    if (!pass) process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

/** 10,000 products, every 100th in stock, batch-written straight to both tables as `inventory.put` stores them. */
async function seed(documents: ReturnType<typeof createAwsClients>['documents'], config: ReturnType<typeof resolveConfig>): Promise<void> {
  const writes: Array<{ table: string; item: Record<string, unknown> }> = [];
  for (let i = 0; i < productCount; i++) {
    const fields = { product: `Product ${String(i).padStart(5, '0')}`, category: `Category ${i % 10}`, description: 'bench', cost: 9.99 };
    const quantity = i % (productCount / inStockCount) === 0 ? 10 : 0;
    writes.push({ table: config.tables.productCatalog, item: fields });
    writes.push({ table: config.tables.inventory, item: { product: fields.product, quantity, lowStockThreshold: 5, ...listingItem(fields, quantity) } });
  }
  const batches = Array.from({ length: Math.ceil(writes.length / 25) }, (_, i) => writes.slice(i * 25, i * 25 + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const requests: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> = {};
        for (const { table, item } of batch) (requests[table] ??= []).push({ PutRequest: { Item: item } });
        let pending: typeof requests | undefined = requests;
        while (pending && Object.keys(pending).length > 0) {
          const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: pending }));
          pending = UnprocessedItems as typeof requests | undefined;
        }
      }
    }),
  );
}

/** The listing attributes `inventory.put` writes, as plain item attributes. */
function listingItem(fields: { category: string; description: string; cost: number }, quantity: number): Record<string, unknown> {
  const update = listingUpdate(fields, quantity);
  return Object.fromEntries(
    update.set.map((clause) => {
      const [name, value] = clause.split(' = ') as [string, string];
      return [update.names[name]!, update.values[value]];
    }),
  );
}

await main();
