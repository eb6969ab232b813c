import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { createStorefront, type Storefront } from '@store-front/sdk';
import { createInventoryCheckerHandler, createReportWorkerHandler } from '@store-front/handlers';
import { describe, expect, it } from 'vitest';
import { CallCounter, product } from '../../sdk/tests/support.js';
import { pipes, queueConsumer, schedules, type BackgroundService } from '../src/backgroundServices.js';
import { loadSnapshot, saveSnapshot, type Snapshot } from '../src/snapshot.js';
import { silentLogger, startTestStack, waitFor } from './localStackSupport.js';

const checker: BackgroundService = queueConsumer('inventoryCheck', 'inventory-checker', ({ store }) =>
  createInventoryCheckerHandler({ store, logger: silentLogger }),
);
const reportWorker: BackgroundService = queueConsumer('reportRequests', 'report-worker', ({ store }) => createReportWorkerHandler({ store, logger: silentLogger }), 1);

const newDataDir = () => mkdtemp(join(tmpdir(), 'storefront-persist-'));
const readSnapshot = async (dataDir: string) => JSON.parse(await readFile(join(dataDir, 'snapshot.json'), 'utf8')) as Snapshot;
const stockIn = (snapshot: Snapshot, name: string) => Number(snapshot.tables.inventory!.find((item) => item.product?.S === name)!.quantity!.N);
const soldIn = (snapshot: Snapshot, name: string) =>
  snapshot.tables.orders!.filter((item) => item.product?.S === name && item.quantity?.N).reduce((sum, item) => sum + Number(item.quantity!.N), 0);

describe('local persistence', () => {
  it('copies all tables at one moment: an order committing during a save is in every table or in none', async () => {
    const dataDir = await newDataDir();
    const stack = await startTestStack({ persist: true, dataDir });
    try {
      await stack.store.inventory.put(product('Kettle', 40));
      // The moment the old design broke: an order committing after the inventory was read, before the orders were.
      const buyer = createStorefront({ ...stack.store.config, endpoint: stack.endpoint });
      stack.store.clients.dynamodb.middlewareStack.add(
        (next: InitializeHandler<any, any>, context) => async (args: InitializeHandlerArguments<any>) => {
          if (context.commandName === 'ScanCommand' && args.input.TableName === stack.store.config.tables.orders) {
            await buyer.orders.place({ product: 'Kettle', quantity: 3 });
          }
          return next(args);
        },
        { step: 'initialize', name: 'orderDuringSnapshot' },
      );
      let previous: Snapshot | undefined;
      const orders = Promise.all(Array.from({ length: 12 }, () => buyer.orders.place({ product: 'Kettle', quantity: 1 })));
      for (let save = 0; save < 6; save++) {
        previous = await saveSnapshot(stack.store, stack.endpoint, dataDir, previous);
        expect(stockIn(previous, 'Kettle') + soldIn(previous, 'Kettle')).toBe(40);
      }
      await orders;
    } finally {
      await stack.stop();
    }
    const last = await readSnapshot(dataDir);
    expect(stockIn(last, 'Kettle') + soldIn(last, 'Kettle')).toBe(40);
  });

  it('resumes what was in flight: unfinished report jobs run and an unchecked crossing alerts once after a restart', async () => {
    const dataDir = await newDataDir();
    // Nothing runs in the background: the crossing and the jobs are still to do when the stack stops.
    const first = await startTestStack({ persist: true, dataDir });
    expect(first.restored).toBeUndefined();
    await first.store.inventory.put(product('Lamp', 8, 12, { lowStockThreshold: 5 }));
    await first.store.orders.place({ product: 'Lamp', quantity: 4 });
    const pending = await first.store.reports.start({ type: 'inventory' });
    const interrupted = await first.store.reports.start({ type: 'sales' });
    await first.store.clients.documents.send(
      new UpdateCommand({
        TableName: first.store.config.tables.reportJobs,
        Key: { executionId: interrupted.executionId },
        UpdateExpression: 'SET #status = :running, startedAt = :now, claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'RUNNING', ':now': new Date().toISOString(), ':token': 'a-worker-that-died' },
      }),
    );
    await first.stop();
    expect((await readSnapshot(dataDir)).uncheckedStockChanges).toHaveLength(1);

    // A new prefix stands for a fresh emulator: the snapshot is restored into new tables.
    const second = await startTestStack({ persist: true, dataDir, backgroundServices: [pipes(50), checker, reportWorker] });
    // What the start-up banner reports: the snapshot's contents and the work handed to the queues again.
    expect(second.restored).toMatchObject({ products: 1, orders: 1, reports: 2, files: 0, requeued: { reportJobs: 2, stockChanges: 1 } });
    const finished = async (store: Storefront, executionId: string) =>
      waitFor(async () => {
        const job = await store.reports.get(executionId);
        return job.status === 'SUCCEEDED' ? job : undefined;
      }, 60_000);
    try {
      await finished(second.store, pending.executionId);
      await finished(second.store, interrupted.executionId);
      await waitFor(async () => ((await second.store.alerts.recent()).items.length > 0 ? true : undefined));
    } finally {
      await second.stop();
    }
    const saved = await readSnapshot(dataDir);
    expect(saved.uncheckedStockChanges).toEqual([]);
    // Report files are files: one per object, under files/reports/, listed in the snapshot.
    expect(saved.files.reports!.length).toBeGreaterThanOrEqual(3); // inventory CSV, sales CSV and its summary
    for (const file of saved.files.reports!) {
      expect((await readFile(join(dataDir, 'files', 'reports', file.path))).byteLength).toBe(file.size);
    }

    const third = await startTestStack({ persist: true, dataDir, backgroundServices: [pipes(50), checker, reportWorker] });
    expect(third.restored).toMatchObject({ products: 1, orders: 1, reports: 2, requeued: { reportJobs: 0, stockChanges: 0 } });
    expect(third.restored!.files).toBe(saved.files.reports!.length + (saved.files.media?.length ?? 0));
    try {
      const job = await third.store.reports.get(pending.executionId);
      const csv = await (await fetch(job.downloadUrl!)).text();
      expect(csv).toContain('Lamp,');
      expect((await third.store.alerts.recent()).items.map((alert) => alert.product)).toEqual(['Lamp']);
    } finally {
      await third.stop();
    }
  });

  it('drains on stop: a change made just before it is checked before the final snapshot', async () => {
    const dataDir = await newDataDir();
    const stack = await startTestStack({ persist: true, dataDir, backgroundServices: [pipes(5_000), checker], drainTimeoutMs: 20_000 });
    await stack.store.inventory.put(product('Stool', 9, 30, { lowStockThreshold: 5 }));
    await stack.store.inventory.adjust('Stool', -6);
    await stack.stop();
    const saved = await readSnapshot(dataDir);
    expect(saved.uncheckedStockChanges).toEqual([]);
    expect(saved.tables.alertLog!.map((item) => [item.product?.S, item.status?.S])).toEqual([['Stool', 'sent']]);
  });

  it('saves report files incrementally: an unchanged file is not downloaded again', async () => {
    const dataDir = await newDataDir();
    const stack = await startTestStack({ persist: true, dataDir, backgroundServices: [pipes(50), reportWorker] });
    try {
      const { executionId } = await stack.store.reports.start({ type: 'inventory' });
      await waitFor(async () => ((await stack.store.reports.get(executionId)).status === 'SUCCEEDED' ? true : undefined));
      const calls = new CallCounter();
      calls.attach(stack.store.clients);
      const first = await saveSnapshot(stack.store, stack.endpoint, dataDir);
      expect(calls.counts.get('GetObjectCommand')).toBe(1);
      calls.reset();
      await saveSnapshot(stack.store, stack.endpoint, dataDir, first);
      expect(calls.counts.get('GetObjectCommand') ?? 0).toBe(0);
      expect(await readdir(join(dataDir, 'files', 'reports'), { recursive: true })).toContain(first.files.reports![0]!.path);
    } finally {
      await stack.stop();
    }
  });

  it('fires a daily run missed while the stack was stopped once, for its latest missed time', async () => {
    const dataDir = await newDataDir();
    const first = await startTestStack({ persist: true, dataDir });
    await first.stop();
    const snapshot = await readSnapshot(dataDir);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await writeFile(join(dataDir, 'snapshot.json'), JSON.stringify({ ...snapshot, savedAt: threeDaysAgo.toISOString() }));

    const fired: unknown[] = [];
    const second = await startTestStack({
      persist: true,
      dataDir,
      backgroundServices: [schedules({ 'scheduled-report': () => async (event) => void fired.push(event) })],
    });
    try {
      await waitFor(() => (fired.length > 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await second.stop();
    }
    const now = new Date();
    const todayAt0015 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 0, 15));
    const latest = todayAt0015 <= now ? todayAt0015 : new Date(todayAt0015.getTime() - 86_400_000);
    expect(fired).toEqual([{ source: 'daily-reports', scheduledTime: latest.toISOString().replace('.000Z', 'Z') }]);
  });

  it('reads a version 1 snapshot (report files inline) and keeps its files as files from then on', async () => {
    const dataDir = await newDataDir();
    const legacy = {
      version: 1,
      savedAt: new Date().toISOString(),
      tables: { inventory: [{ product: { S: 'Old Mug' }, quantity: { N: '3' }, lowStockThreshold: { N: '1' } }] },
      reports: [{ key: 'reports/inventory/2020-01-01/old.csv', contentType: 'text/csv', body: Buffer.from('product\r\nOld Mug\r\n').toString('base64') }],
    };
    await writeFile(join(dataDir, 'snapshot.json'), JSON.stringify(legacy));
    const stack = await startTestStack({ persist: true, dataDir });
    await stack.stop();
    const saved = (await loadSnapshot(dataDir))!;
    expect(saved.tables.inventory!.map((item) => item.product?.S)).toEqual(['Old Mug']);
    expect(saved.files.reports!.map((file) => file.key)).toEqual(['reports/inventory/2020-01-01/old.csv']);
    expect(await readFile(join(dataDir, 'files', 'reports', saved.files.reports![0]!.path), 'utf8')).toBe('product\r\nOld Mug\r\n');
  });
});
