import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStorefront, dailySalesExecutionId, ReportWorker, ValidationError, type ReportJob } from '../src/index.js';
import { addDays, localDayUtcRange } from '../src/reports/storeTime.js';
import { createTestStore } from './support.js';
import { parseCsv, putOrderLines, readObject, type StoredOrderLine } from './reportsSupport.js';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
let t: TestStore;
let worker: ReportWorker;

beforeAll(async () => {
  t = await createTestStore();
  worker = new ReportWorker(t.clients, t.config);
});

const cents = (amount: string) => Math.round(Number(amount) * 100);
const pool = [
  { product: 'Mug', category: 'Kitchen' },
  { product: 'Tea', category: 'Pantry' },
  { product: 'Pen', category: 'Office' },
  { product: 'Cap', category: 'Apparel' },
  { product: 'Jam', category: 'Pantry' },
  { product: 'Pan', category: 'Kitchen' },
];
const orderArb = fc.record({
  at: fc.double({ min: 0, max: 0.999, noNaN: true }),
  lines: fc.uniqueArray(fc.record({ index: fc.integer({ min: 0, max: pool.length - 1 }), quantity: fc.integer({ min: 1, max: 20 }), cents: fc.integer({ min: 0, max: 100_000 }) }), {
    minLength: 1,
    maxLength: 3,
    selector: (line) => line.index,
  }),
});

let nextDay = '2023-01-01';

describe('daily sales figures', () => {
  it('equal the totals of the CSV the same report wrote, for any day (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'), fc.array(orderArb, { maxLength: 6 }), async (timeZone, orders) => {
        const date = (nextDay = addDays(nextDay, 1));
        const { from, to } = localDayUtcRange(date, timeZone);
        const span = Date.parse(to) - Date.parse(from);
        const lines: StoredOrderLine[] = orders.flatMap((order, number) =>
          order.lines.map((line) => ({
            OrderId: `${date}-order-${number}`,
            orderDate: new Date(Date.parse(from) + Math.floor(order.at * span)).toISOString(),
            quantity: line.quantity,
            unitCost: line.cents / 100,
            ...pool[line.index]!,
          })),
        );
        await putOrderLines(t.clients, t.config, lines);
        const zoned = createStorefront({ ...t.settings, clients: t.clients, timezone: timeZone });
        const { executionId } = await zoned.reports.start({ type: 'sales', date });
        expect(await worker.run(executionId)).toMatchObject({ outcome: 'SUCCEEDED' });

        const job = await t.store.reports.get(executionId);
        const rows = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key));
        const summary = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key.replace(/\.csv$/, '-summary.csv')));
        const [day] = (await t.store.reports.dailySales({ from: date, to: date })).items;
        const revenue = rows.reduce((sum, row) => sum + cents(row.lineTotal!), 0);
        const orderCount = new Set(rows.map((row) => row.orderId)).size;
        const byCategory = new Map<string, number>();
        for (const row of rows) byCategory.set(row.category!, (byCategory.get(row.category!) ?? 0) + cents(row.lineTotal!));
        const top = summary
          .map((row) => ({ product: row.product!, units: Number(row.units), revenue: Number(row.revenue) }))
          .sort((a, b) => b.revenue - a.revenue || (a.product < b.product ? -1 : 1))
          .slice(0, 10);
        expect(day).toEqual({
          date,
          reported: true,
          orders: orderCount,
          units: rows.reduce((sum, row) => sum + Number(row.quantity), 0),
          revenue: revenue / 100,
          averageOrderValue: orderCount === 0 ? 0 : Math.floor((2 * revenue + orderCount) / (2 * orderCount)) / 100,
          byCategory: [...byCategory].map(([category, total]) => ({ category, revenue: total / 100 })).sort((a, b) => b.revenue - a.revenue || (a.category < b.category ? -1 : 1)),
          topProducts: top,
        });
      }),
      { numRuns: 8 },
    );
  });

  it('shows a range oldest first, with days no report covered as not reported and zero', async () => {
    const { items } = await t.store.reports.dailySales({ from: '2022-12-30', to: '2023-01-03' });
    expect(items.map((day) => [day.date, day.reported])).toEqual([
      ['2022-12-30', false],
      ['2022-12-31', false],
      ['2023-01-01', false],
      ['2023-01-02', true],
      ['2023-01-03', true],
    ]);
    expect(items[0]).toEqual({ date: '2022-12-30', reported: false, orders: 0, units: 0, revenue: 0, averageOrderValue: 0, byCategory: [], topProducts: [] });
  });

  it.each([
    [{ from: '2024-01-02', to: '2024-01-01' }, 'to'],
    [{ from: '2023-01-01', to: '2024-01-02' }, 'to'],
    [{ from: '2024-02-30', to: '2024-03-01' }, 'from'],
    [{ from: '2024-01-01' }, 'to'],
  ])('rejects the range %j, reading nothing', async (range, field) => {
    t.calls.reset();
    const error = await t.store.reports.dailySales(range as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain(field);
    expect(t.calls.total).toBe(0);
  });

  it('takes a range of exactly 366 days', async () => {
    expect((await t.store.reports.dailySales({ from: '2024-01-01', to: '2024-12-31' })).items).toHaveLength(366);
  });
});
