import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dailySalesExecutionId, orderDayShard, ordersDayIndex, ReportWorker, wallClockToInstant, type Storefront } from '@store-front/sdk';
import { demoProducts } from './demoCatalog.js';

/** Execution ids of the demo history's reports start with this (yesterday's has the daily id). */
export const demoReportPrefix = 'demo-sales-';

/** Days of order history the demo seed writes, ending yesterday. */
export const demoHistoryDays = 30;

/** A small deterministic generator (mulberry32), seeded per day: the same history on every fresh start. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The store-local calendar days before today, oldest first. */
export function historyDates(now: Date, timeZone: string, days = demoHistoryDays): string[] {
  // en-CA formats dates as YYYY-MM-DD.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: days }, (_, index) => new Date(Date.UTC(year, month - 1, day - days + index)).toISOString().slice(0, 10));
}

/**
 * Plausible order lines for one local day: 6–18 orders (more at weekends, a slow trend upward),
 * placed between 08:00 and 22:00 store time, 1–3 demo products each. Stored in the orders table's
 * own shape, day-index key included, exactly as `orders.place` writes them.
 */
export function demoOrderLines(date: string, timeZone: string, dayNumber: number): Array<Record<string, unknown>> {
  const random = generator(Number(date.replaceAll('-', '')));
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekend = [0, 6].includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  const orders = 6 + Math.floor(random() * 8) + (weekend ? 4 : 0) + Math.floor(dayNumber / 10);
  return Array.from({ length: orders }).flatMap(() => {
    const secondOfDay = 8 * 3600 + Math.floor(random() * 14 * 3600);
    const orderDate = new Date(wallClockToInstant(Date.UTC(year, month - 1, day, 0, 0, secondOfDay), timeZone)).toISOString();
    const orderId = randomUUID();
    const picked = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => demoProducts[Math.floor(random() * demoProducts.length)]!));
    return [...picked].map((item, line) => ({
      OrderId: orderId,
      product: item.product,
      orderDate,
      quantity: 1 + Math.floor(random() * 3),
      unitCost: item.cost,
      category: item.category,
      line,
      [ordersDayIndex.partitionKey.name]: orderDayShard(orderId, orderDate),
    }));
  });
}

/**
 * Seeds {@link demoHistoryDays} days of orders (stock is not touched: this is the past) and runs
 * each day's sales report, so the dashboard's figures are real reports' figures. Yesterday's report
 * gets the daily schedule's id, so its morning digest is sent (and printed) as on a real morning.
 * Meant to run in the background after the start-up banner; returns the days seeded.
 *
 * @example
 * ```ts
 * void seedSalesHistory(stack.store).catch((error) => logger.warn('history seed failed', { error }));
 * ```
 */
export async function seedSalesHistory(store: Storefront, now = new Date()): Promise<string[]> {
  const { timezone } = store.config;
  const dates = historyDates(now, timezone);
  const lines = dates.flatMap((date, index) => demoOrderLines(date, timezone, index));
  for (let start = 0; start < lines.length; start += 25) {
    let requests: unknown[] = lines.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await store.clients.documents.send(new BatchWriteCommand({ RequestItems: { [store.config.tables.orders]: requests as never } }));
      requests = UnprocessedItems?.[store.config.tables.orders] ?? [];
    }
  }
  // Run here, beside the report worker, not queued before it: a report someone starts meanwhile does
  // not wait behind thirty. The queued deliveries of these jobs find them claimed and skip them.
  const worker = new ReportWorker(store.clients, store.config);
  const yesterday = dates.at(-1);
  for (const date of dates) {
    const { executionId } = await store.reports.start(
      { type: 'sales', date },
      { executionId: date === yesterday ? dailySalesExecutionId(date) : `${demoReportPrefix}${date}` },
    );
    await worker.run(executionId);
  }
  return dates;
}
