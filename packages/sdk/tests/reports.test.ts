import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, createStorefront, NotFoundError, ValidationError, InternalError } from '../src/index.js';
import { ReportWorker, dailyReportJobs } from '../src/entries/workers.js';
import { reportJobLimits } from '../src/entries/resources.js';
import { CsvUpload } from '../src/reports/CsvUpload.js';
import { createTestStore, product } from './support.js';
import { dayShardOf, failS3, parseCsv, putOrderLines, readObject, type StoredOrderLine } from './reportsSupport.js';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
let t: TestStore;
let worker: ReportWorker;

beforeAll(async () => {
  t = await createTestStore();
  worker = new ReportWorker(t.clients, t.config);
});

const salesHeader = 'orderId,orderDate,product,category,quantity,unitCost,lineTotal';

describe('reports.start', () => {
  it('records a PENDING job with one PutItem and returns it by id', async () => {
    t.calls.reset();
    const started = await t.store.reports.start({ type: 'sales', date: '2024-05-01' });
    expect(started.status).toBe('PENDING');
    expect(Object.fromEntries(t.calls.counts)).toEqual({ PutItemCommand: 1 });

    const job = await t.store.reports.get(started.executionId);
    expect(job).toMatchObject({ executionId: started.executionId, type: 'sales', date: '2024-05-01', status: 'PENDING' });
    expect(Date.parse(job.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(job.downloadUrl).toBeUndefined();
  });

  it('accepts the seed form {mode} and defaults the date to today in the store time zone', async () => {
    const kiritimati = createStorefront({ ...t.settings, clients: t.clients, timezone: 'Pacific/Kiritimati' });
    const { executionId } = await kiritimati.reports.start({ mode: 'inventory' } as never);
    const job = await t.store.reports.get(executionId);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    expect(job).toMatchObject({ type: 'inventory', date: today });
    const dated = await kiritimati.reports.start({ type: 'inventory', date: today });
    expect(await t.store.reports.get(dated.executionId)).toMatchObject({ type: 'inventory', date: today });
  });

  it.each([
    [{ type: 'weekly' }, 'type'],
    [{ type: 'sales', date: '2024-02-30' }, 'date'],
    [{ type: 'sales', date: '2024-5-1' }, 'date'],
    [{ type: 'sales', extra: 1 }, 'extra'],
    [{ type: 'sales', mode: 'sales' }, 'mode'],
    [{}, 'type'],
    [{ type: 'sales', date: '9999-12-31' }, 'date'],
    [{ type: 'inventory', date: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }, 'date'],
    // An inventory report is a snapshot of now: an old date would label today's stock.
    [{ type: 'inventory', date: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10) }, 'date'],
    [{ type: 'inventory', date: '2024-01-01' }, 'date'],
  ])('rejects %j and writes nothing', async (request, field) => {
    t.calls.reset();
    const error = await t.store.reports.start(request as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain(field);
    expect(t.calls.total).toBe(0);
  });

  it('is idempotent with a given executionId, and refuses to reuse it for another report', async () => {
    const first = await t.store.reports.start({ type: 'sales', date: '2024-01-02' }, { executionId: 'fixed-id-1' });
    const second = await t.store.reports.start({ type: 'sales', date: '2024-01-02' }, { executionId: 'fixed-id-1' });
    expect([first.status, second.status]).toEqual(['PENDING', 'PENDING']);
    await expect(t.store.reports.start({ type: 'sales', date: '2024-01-03' }, { executionId: 'fixed-id-1' })).rejects.toThrow(
      ValidationError,
    );
    await expect(t.store.reports.start({ type: 'sales' }, { executionId: '../etc' })).rejects.toThrow(ValidationError);
  });

  it('get of an unknown or malformed id is NotFoundError', async () => {
    await expect(t.store.reports.get('no-such-job')).rejects.toThrow(NotFoundError);
    await expect(t.store.reports.get('bad/../id')).rejects.toThrow(NotFoundError);
  });
});

describe('sales report', () => {
  it('matches the orders placed, line by line, with a per-product summary and a working download URL', async () => {
    await t.store.inventory.put([
      product('Mug', 100, 12.5, { category: 'Kitchen' }),
      product('Tea', 100, 0.1, { category: '@Drinks' }),
      product('=SUM(A1:A9)', 100, 19.99, { category: 'Evil' }),
      product('-5 widgets', 100, 3, { category: '+Plus' }),
      product('Comma, "quoted"', 100, 1.05, { category: 'Kitchen' }),
    ]);
    const orders = [];
    orders.push(await t.store.orders.place({ items: [{ product: 'Mug', quantity: 2 }, { product: 'Tea', quantity: 3 }] }));
    orders.push(await t.store.orders.place({ product: '=SUM(A1:A9)', quantity: 1 }));
    orders.push(await t.store.orders.place({ items: [{ product: '-5 widgets', quantity: 7 }, { product: 'Comma, "quoted"', quantity: 3 }] }));
    orders.push(await t.store.orders.place({ product: 'Tea', quantity: 7 }));
    const today = orders[0]!.orderDate.slice(0, 10);

    const { executionId } = await t.store.reports.start({ type: 'sales', date: today });
    const outcome = await worker.run(executionId);
    expect(outcome).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 6, key: `reports/sales/${today}/${executionId}.csv` });

    const job = await t.store.reports.get(executionId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowCount: 6, s3: { bucket: t.config.buckets.reports, key: outcome.outcome === 'SUCCEEDED' ? outcome.key : '' } });
    expect(job.startedAt! >= job.createdAt && job.completedAt! >= job.startedAt!).toBe(true);

    const text = await readObject(t.clients, job.s3!.bucket, job.s3!.key);
    expect(text.startsWith(`${salesHeader}\r\n`)).toBe(true);
    const unescape = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    const rows = parseCsv(text);
    const expected = orders
      .flatMap((order) => order.items.map((line) => ({ order, line })))
      .sort((a, b) => (a.order.orderDate + a.order.orderId + a.line.product < b.order.orderDate + b.order.orderId + b.line.product ? -1 : 1))
      .map(({ order, line }) => ({
        orderId: order.orderId,
        orderDate: order.orderDate,
        product: line.product,
        quantity: String(line.quantity),
        unitCost: String(line.unitCost),
        lineTotal: String(line.lineTotal),
      }));
    expect(rows.map((row) => ({ ...row, product: unescape(row.product!), category: undefined }))).toEqual(
      expected.map((row) => ({ ...row, category: undefined })),
    );
    // Injection cells are neutralised, numbers are not touched.
    expect(text).toContain(`,'=SUM(A1:A9),Evil,1,19.99,19.99\r\n`);
    expect(text).toContain(`,'-5 widgets,'+Plus,7,3,21\r\n`);
    expect(text).toContain(`,"Comma, ""quoted""",Kitchen,3,1.05,3.15\r\n`);
    expect(text).toContain(`,Tea,'@Drinks,3,0.1,0.3\r\n`);

    const summary = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key.replace(/\.csv$/, '-summary.csv')));
    expect(summary).toEqual([
      { product: "'-5 widgets", category: "'+Plus", units: '7', revenue: '21' },
      { product: "'=SUM(A1:A9)", category: 'Evil', units: '1', revenue: '19.99' },
      { product: 'Comma, "quoted"', category: 'Kitchen', units: '3', revenue: '3.15' },
      { product: 'Mug', category: 'Kitchen', units: '2', revenue: '25' },
      { product: 'Tea', category: "'@Drinks", units: '10', revenue: '1' },
    ]);

    const url = new URL(job.downloadUrl!);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    const download = await fetch(job.downloadUrl!);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(text);
  });

  it('takes a non-UTC local day from local midnight to local midnight, across two UTC days', async () => {
    // New York is UTC-4 on 2024-03-15 (DST began 2024-03-10).
    const line = (id: string, orderDate: string): StoredOrderLine => ({
      OrderId: id,
      product: `P-${id}`,
      orderDate,
      quantity: 1,
      unitCost: 2.5,
      category: 'Tz',
    });
    const lines = [
      line('before-2330', '2024-03-15T03:30:00.000Z'), // 23:30 on the 14th local
      line('last-ms-before', '2024-03-15T03:59:59.999Z'),
      line('midnight', '2024-03-15T04:00:00.000Z'),
      line('at-0030', '2024-03-15T04:30:00.000Z'), // 00:30 local
      line('at-2330', '2024-03-16T03:30:00.000Z'), // 23:30 local, next UTC day
      line('last-ms', '2024-03-16T03:59:59.999Z'),
      line('next-0030', '2024-03-16T04:30:00.000Z'), // 00:30 on the 16th local
    ];
    await putOrderLines(t.clients, t.config, lines);
    const newYork = createStorefront({ ...t.settings, clients: t.clients, timezone: 'America/New_York' });
    const { executionId } = await newYork.reports.start({ type: 'sales', date: '2024-03-15' });

    t.calls.reset();
    const outcome = await worker.run(executionId);
    expect(outcome.outcome).toBe('SUCCEEDED');
    // Two UTC days × every shard, and no scan.
    expect(t.calls.counts.get('QueryCommand')).toBe(2 * 8);
    expect(t.calls.counts.get('ScanCommand')).toBeUndefined();
    const job = await t.store.reports.get(executionId);
    const rows = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key));
    expect(rows.map((row) => row.orderId)).toEqual(['midnight', 'at-0030', 'at-2330', 'last-ms']);

    // The same calendar day in UTC is a different set of instants.
    const utc = await t.store.reports.start({ type: 'sales', date: '2024-03-15' });
    await worker.run(utc.executionId);
    const utcJob = await t.store.reports.get(utc.executionId);
    const utcRows = parseCsv(await readObject(t.clients, utcJob.s3!.bucket, utcJob.s3!.key));
    expect(utcRows.map((row) => row.orderId)).toEqual(['before-2330', 'last-ms-before', 'midnight', 'at-0030']);
  });

  it('neutralises tab and CR at the start of text cells, and writes names normalized (also of lines stored before that rule)', async () => {
    await putOrderLines(t.clients, t.config, [
      { OrderId: '\ttab', product: ' Cafe\u0301 ', orderDate: '2023-07-01T10:00:00.000Z', quantity: 1, unitCost: 1, category: '\rCR' },
      { OrderId: '\rcr', product: 'Caf\u00e9', orderDate: '2023-07-01T10:00:01.000Z', quantity: 2, unitCost: 1, category: 'CR' },
    ]);
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2023-07-01' });
    await worker.run(executionId);
    const job = await t.store.reports.get(executionId);
    const text = await readObject(t.clients, job.s3!.bucket, job.s3!.key);
    expect(parseCsv(text)).toMatchObject([
      { orderId: "'\ttab", product: 'Caf\u00e9', category: 'CR' },
      { orderId: "'\rcr", product: 'Caf\u00e9', category: 'CR' },
    ]);
    const summary = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key.replace('.csv', '-summary.csv')));
    expect(summary).toEqual([{ product: 'Caf\u00e9', category: 'CR', units: '3', revenue: '3' }]);
  });

  it('gives header-only files for a day with no orders', async () => {
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2001-01-01' });
    expect(await worker.run(executionId)).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 0 });
    const job = await t.store.reports.get(executionId);
    expect(job.rowCount).toBe(0);
    expect(await readObject(t.clients, job.s3!.bucket, job.s3!.key)).toBe(`${salesHeader}\r\n`);
    expect(await readObject(t.clients, job.s3!.bucket, job.s3!.key.replace('.csv', '-summary.csv'))).toBe(
      'product,category,units,revenue\r\n',
    );
  });

  it('reads the same number of pages for a day whatever other days hold', async () => {
    const day = (date: string, count: number, tag: string) =>
      Array.from({ length: count }, (_, i): StoredOrderLine => ({
        OrderId: `${tag}-${i}`,
        product: 'Bulk',
        orderDate: `${date}T${String(i % 24).padStart(2, '0')}:00:00.000Z`,
        quantity: 1,
        unitCost: 1,
        category: 'B',
      }));
    await putOrderLines(t.clients, t.config, day('2022-02-02', 40, 'target'));
    const readCalls = async () => {
      const { executionId } = await t.store.reports.start({ type: 'sales', date: '2022-02-02' });
      t.calls.reset();
      const outcome = await worker.run(executionId);
      expect(outcome).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 40 });
      return { queries: t.calls.counts.get('QueryCommand'), scans: t.calls.counts.get('ScanCommand') ?? 0 };
    };
    const before = await readCalls();
    await putOrderLines(t.clients, t.config, [...day('2022-02-01', 150, 'other-a'), ...day('2022-02-03', 150, 'other-b')]);
    const after = await readCalls();
    expect(after).toEqual(before);
    expect(before).toEqual({ queries: 8, scans: 0 });
  });

  it('pages through a shard when it holds more rows than a page, still in orderDate order', async () => {
    const lines = Array.from({ length: 60 }, (_, i): StoredOrderLine => ({
      OrderId: `paged-${i}`,
      product: 'Paged',
      orderDate: `2021-06-06T12:${String(59 - (i % 60)).padStart(2, '0')}:00.000Z`,
      quantity: 2,
      unitCost: 0.35,
      category: 'P',
    }));
    await putOrderLines(t.clients, t.config, lines);
    const smallPages = new ReportWorker(t.clients, t.config, { salesPageSize: 3 });
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2021-06-06' });
    t.calls.reset();
    expect(await smallPages.run(executionId)).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 60 });
    expect(t.calls.counts.get('QueryCommand')!).toBeGreaterThan(20);
    const job = await t.store.reports.get(executionId);
    const rows = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key));
    const dates = rows.map((row) => row.orderDate!);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(rows.map((row) => row.orderId)).size).toBe(60);
    expect(rows.every((row) => row.lineTotal === '0.7')).toBe(true);
  });

  it('stores order lines in the shape and shard these tests (and the bench) write', async () => {
    await t.store.inventory.put(product('Shard', 5, 1));
    const order = await t.store.orders.place({ product: 'Shard', quantity: 1 });
    const { Item } = await t.clients.documents.send(
      new GetCommand({ TableName: t.config.tables.orders, Key: { OrderId: order.orderId, product: 'Shard' } }),
    );
    expect(Item).toEqual({
      OrderId: order.orderId,
      product: 'Shard',
      orderDate: order.orderDate,
      quantity: 1,
      unitCost: 1,
      category: 'General',
      line: 0,
      dayShard: dayShardOf(order.orderId, order.orderDate),
    });
  });
});

describe('inventory report', () => {
  it('joins stock with the catalog, with status against each threshold and exact stock value', async () => {
    const own = await createTestStore();
    await own.store.inventory.put([
      product('Out', 0, 5, { lowStockThreshold: 2 }),
      product('AtThreshold', 2, 0.1, { lowStockThreshold: 2 }),
      product('Plenty', 1_000_000_000, 19.99, { lowStockThreshold: 10 }),
      product('Cells', 3, 0.1, { description: '=HYPERLINK("http://x")', category: '-Neg' }),
    ]);
    const { executionId } = await own.store.reports.start({ type: 'inventory' });
    expect(await new ReportWorker(own.clients, own.config).run(executionId)).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 4 });
    const job = await own.store.reports.get(executionId);
    expect(job.s3!.key).toBe(`reports/inventory/${job.date}/${executionId}.csv`);
    const text = await readObject(own.clients, job.s3!.bucket, job.s3!.key);
    expect(text.split('\r\n')[0]).toBe('product,category,description,cost,quantity,lowStockThreshold,status,stockValue');
    const rows = Object.fromEntries(parseCsv(text).map((row) => [row.product, row]));
    expect(rows.Out).toMatchObject({ quantity: '0', lowStockThreshold: '2', status: 'OUT', stockValue: '0' });
    expect(rows.AtThreshold).toMatchObject({ status: 'LOW', cost: '0.1', stockValue: '0.2' });
    expect(rows.Plenty).toMatchObject({ status: 'OK', quantity: '1000000000', stockValue: '19990000000' });
    expect(rows.Cells).toMatchObject({ status: 'LOW', category: "'-Neg", description: `'=HYPERLINK("http://x")`, stockValue: '0.3' });
  });
});

describe('report worker', () => {
  it('ends FAILED with a short reason when S3 fails, leaving no object behind', async () => {
    const failing = createAwsClients(t.config);
    failS3(failing, ['PutObjectCommand', 'CreateMultipartUploadCommand', 'UploadPartCommand'], () => true);
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2024-03-15' });
    const outcome = await new ReportWorker(failing, t.config).run(executionId);
    expect(outcome.outcome).toBe('FAILED');

    const job = await t.store.reports.get(executionId);
    expect(job.status).toBe('FAILED');
    expect(job.error).toBe('Could not write the report to S3 (InternalError, HTTP 500)');
    expect(job.completedAt).toBeDefined();
    expect(job.downloadUrl).toBeUndefined();
    const listed = await t.clients.s3.send(
      new ListObjectsV2Command({ Bucket: t.config.buckets.reports, Prefix: `reports/sales/2024-03-15/${executionId}` }),
    );
    expect(listed.KeyCount ?? 0).toBe(0);
    // A FAILED job is final: another delivery does not run it again.
    expect(await worker.run(executionId)).toMatchObject({ outcome: 'SKIPPED', reason: 'already FAILED' });
  });

  it('runs a job once under duplicate deliveries', async () => {
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2024-03-15' });
    t.calls.reset();
    const outcomes = await Promise.all([worker.run(executionId), worker.run(executionId), worker.run(executionId)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['SKIPPED', 'SKIPPED', 'SUCCEEDED']);
    // One report and one summary written, by the one claim that won.
    expect(t.calls.counts.get('PutObjectCommand')).toBe(2);
    expect(await worker.run(executionId)).toMatchObject({ outcome: 'SKIPPED', reason: 'already SUCCEEDED' });
    const { Item } = await t.clients.documents.send(new GetCommand({ TableName: t.config.tables.reportJobs, Key: { executionId } }));
    expect(Item!.attempts).toBe(1);
  });

  it('treats a job RUNNING past the timeout as failed and lets a new delivery retry it', async () => {
    const startedAt = new Date(Date.now() - (reportJobLimits.runningTimeoutSeconds + 5) * 1000).toISOString();
    const stuck = {
      executionId: 'stuck-job',
      type: 'sales',
      date: '2001-01-01',
      timeZone: 'UTC',
      status: 'RUNNING',
      createdAt: startedAt,
      startedAt,
      claimToken: 'crashed-worker',
      attempts: 1,
    };
    await t.clients.documents.send(new PutCommand({ TableName: t.config.tables.reportJobs, Item: stuck }));
    expect(await t.store.reports.get('stuck-job')).toMatchObject({ status: 'FAILED', error: expect.stringContaining('Timed out') });

    expect(await worker.run('stuck-job')).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 0 });
    const job = await t.store.reports.get('stuck-job');
    expect(job.status).toBe('SUCCEEDED');
    expect(job.error).toBeUndefined();

    // A job RUNNING within its timeout belongs to its worker.
    const fresh = { ...stuck, executionId: 'busy-job', startedAt: new Date().toISOString() };
    await t.clients.documents.send(new PutCommand({ TableName: t.config.tables.reportJobs, Item: fresh }));
    expect(await worker.run('busy-job')).toMatchObject({ outcome: 'SKIPPED', reason: 'already running (duplicate delivery)' });
    expect(await worker.run('never-started')).toMatchObject({ outcome: 'SKIPPED', reason: 'unknown job' });
  });
});

describe('CsvUpload', () => {
  const columns = ['id', 'text', 'amount'];
  const record = (i: number) => ({ id: i, text: `row ${i} ${'x'.repeat(80)}`, amount: i / 100 });
  const rowsFor6MB = 65_000;

  it('streams a file over one part as a multipart upload, byte for byte', async () => {
    const key = 'reports/test/multipart.csv';
    const csv = new CsvUpload(t.clients.s3, { bucket: t.config.buckets.reports, key, columns });
    t.calls.reset();
    for (let i = 0; i < rowsFor6MB; i++) await csv.write(record(i));
    await csv.finish();
    expect(t.calls.counts.get('CreateMultipartUploadCommand')).toBe(1);
    expect(t.calls.counts.get('UploadPartCommand')).toBe(2);
    const text = await readObject(t.clients, t.config.buckets.reports, key);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(rowsFor6MB);
    expect(rows[rowsFor6MB - 1]).toEqual({ id: String(rowsFor6MB - 1), text: record(rowsFor6MB - 1).text, amount: '649.99' });
  });

  it('fails the writer when a part upload fails, and aborts the multipart upload', async () => {
    const failing = createAwsClients(t.config);
    failS3(failing, ['UploadPartCommand'], () => true);
    const key = 'reports/test/failed-multipart.csv';
    const csv = new CsvUpload(failing.s3, { bucket: t.config.buckets.reports, key, columns });
    const outcome = await (async () => {
      for (let i = 0; i < rowsFor6MB; i++) await csv.write(record(i));
      await csv.finish();
    })().catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(InternalError);
    expect((outcome as Error).message).toBe('Could not write the report to S3 (InternalError, HTTP 500)');
    const uploads = await t.clients.s3.send(new ListMultipartUploadsCommand({ Bucket: t.config.buckets.reports, Prefix: key }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });
});

describe('daily schedule', () => {
  it('round-trips get/set through EventBridge Scheduler and keeps the target', async () => {
    expect(await t.store.reports.getSchedule()).toEqual({ cron: 'cron(15 0 * * ? *)', timezone: 'UTC' });
    const before = await t.clients.scheduler.send(
      new GetScheduleCommand({ Name: t.config.schedules.dailyReports, GroupName: t.config.schedules.group }),
    );
    await t.store.reports.setSchedule({ cron: 'cron(30 6 ? * MON-FRI *)', timezone: 'Europe/Berlin' });
    expect(await t.store.reports.getSchedule()).toEqual({ cron: 'cron(30 6 ? * MON-FRI *)', timezone: 'Europe/Berlin' });
    const after = await t.clients.scheduler.send(
      new GetScheduleCommand({ Name: t.config.schedules.dailyReports, GroupName: t.config.schedules.group }),
    );
    expect(after.Target).toEqual(before.Target);
    // Scheduler's L, W and # forms are accepted: the local scheduler fires them too.
    for (const cron of ['cron(0 6 L * ? *)', 'cron(0 6 15W * ? *)', 'cron(0 6 ? * 6L *)', 'cron(0 6 ? * 2#1 *)']) {
      await t.store.reports.setSchedule({ cron, timezone: 'UTC' });
      expect((await t.store.reports.getSchedule()).cron).toBe(cron);
    }
  });

  it.each([
    { cron: 'cron(61 0 * * ? *)', timezone: 'UTC' },
    { cron: 'cron(0 24 * * ? *)', timezone: 'UTC' },
    { cron: 'cron(0 0 * * * *)', timezone: 'UTC' },
    { cron: 'cron(0 0 * *)', timezone: 'UTC' },
    { cron: 'rate(1 day)', timezone: 'UTC' },
    { cron: 'cron(15 0 * * ? *)', timezone: 'Mars/Olympus_Mons' },
    // Forms of other cron dialects that Scheduler or the local scheduler cannot fire.
    { cron: 'cron(0 0 LW * ? *)', timezone: 'UTC' },
    { cron: 'cron(0 0 ? * 5#6 *)', timezone: 'UTC' },
    { cron: 'cron(0 0 L,1 * ? *)', timezone: 'UTC' },
    { cron: 'cron(L 0 * * ? *)', timezone: 'UTC' },
    { cron: 'cron(0 0 ? * +MON *)', timezone: 'UTC' },
    { cron: 'cron(0 0 1 * ? 1969)', timezone: 'UTC' },
  ])('rejects %j without calling AWS', async (schedule) => {
    t.calls.reset();
    await expect(t.store.reports.setSchedule(schedule)).rejects.toThrow(ValidationError);
    expect(t.calls.total).toBe(0);
  });

  it('names the daily jobs after the store-local day; the inventory snapshot is of now', () => {
    // 00:15 in Berlin on 2024-05-02 is still 2024-05-01 in UTC.
    const at = new Date('2024-05-01T22:15:00Z');
    expect(dailyReportJobs(at, 'Europe/Berlin', at)).toEqual([
      { request: { type: 'sales', date: '2024-05-01' }, executionId: 'daily-sales-2024-05-01' },
      { request: { type: 'inventory' }, executionId: 'daily-inventory-2024-05-02' },
    ]);
    // A late run (the next day) still reports the scheduled day's sales, and snapshots today.
    expect(dailyReportJobs(at, 'Europe/Berlin', new Date('2024-05-03T08:00:00Z'))[1]!.executionId).toBe('daily-inventory-2024-05-03');
    expect(dailyReportJobs(new Date('2024-05-01T22:15:00Z'), 'UTC')[0]!.request.date).toBe('2024-04-30');
  });
});

// Keeps the QueryCommand import honest: the day index is what the report reads.
it('has the day index the reports read', async () => {
  const { Count } = await t.clients.documents.send(
    new QueryCommand({
      TableName: t.config.tables.orders,
      IndexName: 'byDay',
      KeyConditionExpression: 'dayShard = :s',
      ExpressionAttributeValues: { ':s': '1999-01-01#0' },
    }),
  );
  expect(Count).toBe(0);
});
