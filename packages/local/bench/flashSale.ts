/**
 * Flash sale under transaction conflicts: N concurrent HTTP buyers of a product with fewer units,
 * against an emulator that cancels transactions touching an item written moments before
 * (`transactionConflictWindowMs`), with the store's and the client's retries off and on.
 * Prints JSON, then a table of the buyers' final statuses.
 *
 *   npm run bench:flash-sale [-- --buyers 200 --stock 150 --windows 30,40]
 */
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator.js';
import { runFlashSale } from '../tests/flashSale.js';

const { values } = parseArgs({
  options: { buyers: { type: 'string', default: '200' }, stock: { type: 'string', default: '150' }, windows: { type: 'string', default: '30,40' } },
});
const buyers = Number(values.buyers);
const stock = Number(values.stock);
const modes = [
  { name: 'no retries', serverRetry: { maxAttempts: 1 }, clientRetries: 0 },
  { name: 'store retries only', clientRetries: 0 },
  { name: 'store + client retries', clientRetries: 10 },
] as const;

const rows = [];
for (const windowMs of values.windows.split(',').map(Number)) {
  const emulator = await startEmulator({ transactionConflictWindowMs: windowMs });
  try {
    for (const mode of modes) {
      const sale = await runFlashSale({ endpoint: emulator.endpoint, buyers, stock, ...mode });
      rows.push({
        windowMs,
        mode: mode.name,
        ...Object.fromEntries([201, 409, 503, 500].map((status) => [`final${status}`, sale.outcomes[status] ?? 0])),
        http503: sale.answers[503] ?? 0,
        http500: sale.answers[500] ?? 0,
        sold: sale.sold,
        maxOrdersPerKey: Math.max(...sale.ordersPerKey),
        lowestStock: sale.lowestStock,
        seconds: sale.elapsedMs / 1000,
      });
    }
  } finally {
    await emulator.stop();
  }
}
console.log(JSON.stringify({ buyers, stock, rows }, null, 2));
console.table(rows);
