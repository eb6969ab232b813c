/**
 * Sales report bench, against its own emulator (moto):
 * - a day of 10,000 then 100,000 order lines, each report in a child process: peak RSS (100k/10k ≤ 1.2,
 *   each ≤ 200 MB) and rows/s against a bare paginated Query of the same rows in the same run (≥ 0.8×);
 * - read calls for a day of 1,000 orders while the table holds 10,000, then 100,000, orders of other days
 *   (must be identical).
 * Rows are loaded with BatchWriteItem in the orders table's stored shape (orders.place is too slow on moto).
 * Prints a JSON object, then a table. Run: `npx tsx packages/sdk/bench/reports.ts` (several minutes).
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from '../../local/src/emulator.js';
import { createAwsClients, provisionResources, resolveConfig, type AwsClients, type StorefrontConfig } from '../src/index.js';
import { putOrderLines, type StoredOrderLine } from '../tests/reportsSupport.js';

const heapBudgetMB = 64;
const childSource = fileURLToPath(new URL('./reportsChild.ts', import.meta.url));
// The child runs as one plain-JS bundle under bare node: what is measured is the report, not a
// TypeScript loader (tsx alone adds ~30 MB of RSS).
const childBundle = fileURLToPath(new URL('./.build/reportsChild.mjs', import.meta.url));
const bigDay = '2024-01-10';
const smallDay = '2024-01-09';
const products = Array.from({ length: 200 }, (_, i) => ({
  product: `Product ${String(i).padStart(3, '0')}`,
  category: `Category ${i % 12}`,
  unitCost: [0.1, 1.05, 4.99, 12.5, 19.99][i % 5]!,
}));

interface ChildResult {
  mode: string;
  date: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  readCalls: number;
  peakRssMB: number;
}

/** `count` order lines spread over `date`, numbered from `first` (ids are stable, so shards are too). */
function* orderLines(date: string, first: number, count: number, tag: string): Generator<StoredOrderLine> {
  const dayStart = Date.parse(`${date}T00:00:00.000Z`);
  for (let n = first; n < first + count; n++) {
    const item = products[n % products.length]!;
    yield {
      OrderId: `${tag}-${String(n).padStart(7, '0')}`,
      product: item.product,
      // Spread over the day; the multiplier is coprime with the day's ms so times do not collide in order.
      orderDate: new Date(dayStart + ((n * 7_919_993) % 86_400_000)).toISOString(),
      quantity: 1 + (n % 5),
      unitCost: item.unitCost,
      category: item.category,
    };
  }
}

/** Loads lines with BatchWriteItem, `concurrency` batches of 25 in flight. */
async function load(clients: AwsClients, config: StorefrontConfig, lines: Iterable<StoredOrderLine>, concurrency = 4): Promise<void> {
  const iterator = lines[Symbol.iterator]();
  const worker = async () => {
    for (;;) {
      const batch: StoredOrderLine[] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        batch.push(next.value);
        if (batch.length === 25) break;
      }
      if (batch.length === 0) return;
      await putOrderLines(clients, config, batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function child(mode: 'report' | 'bare', endpoint: string, prefix: string, date: string): Promise<ChildResult> {
  // A fixed heap budget for both sizes: V8 otherwise grows the heap lazily over a longer run, and a
  // report whose live memory grew with its rows would fail here rather than merely look bigger.
  const { stdout } = await promisify(execFile)(process.execPath, [`--max-old-space-size=${heapBudgetMB}`, childBundle, mode, endpoint, prefix, date], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

async function main(): Promise<void> {
  const began = performance.now();
  const log = (message: string) => console.error(`[${((performance.now() - began) / 1000).toFixed(0)} s] ${message}`);
  await build({
    entryPoints: [childSource],
    outfile: childBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const emulator = await startEmulator();
  try {
    const settings = { endpoint: emulator.endpoint, region: 'us-east-1', prefix: 'bench', cursorSecret: 'bench-cursor-secret-000000' };
    const config = resolveConfig(settings);
    const clients = createAwsClients(config);
    await provisionResources({ ...settings, clients });

    const measure = async (size: number) => {
      log(`sales report over ${size} lines: bare query, then report`);
      const bare = await child('bare', emulator.endpoint, 'bench', bigDay);
      const report = await child('report', emulator.endpoint, 'bench', bigDay);
      log(`day of 1,000 orders with ${size} other-day lines in the table`);
      const smallDayReport = await child('report', emulator.endpoint, 'bench', smallDay);
      if (bare.rows !== size || report.rows !== size || smallDayReport.rows !== 1000) {
        throw new Error(`row counts: bare ${bare.rows}, report ${report.rows}, small day ${smallDayReport.rows}`);
      }
      return { size, bare, report, smallDayReport };
    };

    log('loading 1,000 + 10,000 order lines');
    await load(clients, config, orderLines(smallDay, 0, 1000, 'small'));
    await load(clients, config, orderLines(bigDay, 0, 10_000, 'big'));
    const at10k = await measure(10_000);
    log('loading 90,000 more order lines');
    await load(clients, config, orderLines(bigDay, 10_000, 90_000, 'big'));
    const at100k = await measure(100_000);

    const rssRatio = at100k.report.peakRssMB / at10k.report.peakRssMB;
    const throughput = (m: typeof at10k) => m.report.rowsPerSecond / m.bare.rowsPerSecond;
    const checks = [
      { check: 'peak RSS 100k / 10k', value: rssRatio.toFixed(3), target: '≤ 1.2', pass: rssRatio <= 1.2 },
      {
        check: 'peak RSS, largest',
        value: `${Math.max(at10k.report.peakRssMB, at100k.report.peakRssMB).toFixed(1)} MB`,
        target: '≤ 200 MB',
        pass: Math.max(at10k.report.peakRssMB, at100k.report.peakRssMB) <= 200,
      },
      { check: 'rows/s report / bare, 10k', value: throughput(at10k).toFixed(3), target: '≥ 0.8', pass: throughput(at10k) >= 0.8 },
      { check: 'rows/s report / bare, 100k', value: throughput(at100k).toFixed(3), target: '≥ 0.8', pass: throughput(at100k) >= 0.8 },
      {
        check: 'read calls, 1,000-order day (10k vs 100k others)',
        value: `${at10k.smallDayReport.readCalls} vs ${at100k.smallDayReport.readCalls}`,
        target: 'identical',
        pass: at10k.smallDayReport.readCalls === at100k.smallDayReport.readCalls,
      },
    ];
    const allPass = checks.every((check) => check.pass);
    const totalSeconds = (performance.now() - began) / 1000;
    console.log(JSON.stringify({ bench: 'sales-report', measurements: [at10k, at100k], checks, allPass, totalSeconds }, null, 2));
    console.table(
      [at10k, at100k].map((m) => ({
        lines: m.size,
        'report s': m.report.seconds.toFixed(1),
        'report rows/s': Math.round(m.report.rowsPerSecond),
        'bare rows/s': Math.round(m.bare.rowsPerSecond),
        'report read calls': m.report.readCalls,
        'bare read calls': m.bare.readCalls,
        'peak RSS MB': m.report.peakRssMB.toFixed(1),
        '1,000-order day read calls': m.smallDayReport.readCalls,
      })),
    );
    console.table(checks);
    if (!allPass) process.exitCode = 1;
  } finally {
    await emulator.stop();
  }
}

await main();
