import type { Order, ReportJob, StorefrontApi } from '@store-front/sdk';
import { partnerFeed } from './feed.js';

/** Options of {@link runPartnerFlow}. */
export interface PartnerFlowOptions {
  /** Makes this run's idempotency key: the same run id orders once, however often it is retried. */
  readonly runId: string;
  /** Shown before every line (e.g. `http` or `direct`). */
  readonly label: string;
  readonly log?: (line: string) => void;
  /** How long to wait for the report, ms. Default 60 000. */
  readonly reportTimeoutMs?: number;
}

/** What one run did. */
export interface PartnerFlowResult {
  readonly synced: number;
  /** In-stock products of the feed's category, as the catalog lists them. */
  readonly listed: string[];
  readonly order: Order;
  /** The order the retry (same idempotency key) got back: the same one. */
  readonly replayed: Order;
  readonly report: ReportJob;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A partner's day against the store, written once against `StorefrontApi` so it runs the same over
 * HTTP (`createStorefrontClient`) and directly (`createStorefront`): sync the feed, list the
 * catalog, place an order safely (and retry it, as a partner would after a timeout), then run the
 * day's sales report and wait for it.
 *
 * @example
 * ```ts
 * const result = await runPartnerFlow(createStorefront(), { runId: 'nightly-2024-05-01', label: 'direct' });
 * console.log(result.report.downloadUrl);
 * ```
 */
export async function runPartnerFlow(store: StorefrontApi, options: PartnerFlowOptions): Promise<PartnerFlowResult> {
  const log = (line: string) => (options.log ?? console.log)(`[${options.label}] ${line}`);

  const { items } = await store.inventory.put(partnerFeed);
  log(`synced ${items.length} products from the feed`);

  const listed: string[] = [];
  for await (const item of store.catalog.listAll({ category: 'Outdoor' })) listed.push(item.product);
  log(`catalog lists ${listed.length} Outdoor products: ${listed.join(', ')}`);

  const request = { items: [{ product: 'Trail Tent 2P', quantity: 1 }, { product: 'Headlamp 400lm', quantity: 2 }] };
  const idempotencyKey = `partner-${options.runId}-${options.label}`;
  const order = await store.orders.place(request, { idempotencyKey });
  log(`order ${order.orderId} placed, total ${order.total.toFixed(2)}`);
  // A retry after a lost response: the same key returns the first order, nothing is bought twice.
  const replayed = await store.orders.place(request, { idempotencyKey });
  log(`retry with the same key returned order ${replayed.orderId}`);

  const { executionId } = await store.reports.start({ type: 'sales' });
  log(`sales report ${executionId} started`);
  const deadline = Date.now() + (options.reportTimeoutMs ?? 60_000);
  let report = await store.reports.get(executionId);
  while (report.status === 'PENDING' || report.status === 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`report ${executionId} still ${report.status} after ${options.reportTimeoutMs ?? 60_000} ms`);
    await sleep(500);
    report = await store.reports.get(executionId);
  }
  if (report.status === 'FAILED') throw new Error(`report ${executionId} failed: ${report.error ?? 'no reason given'}`);
  log(`report ${report.status}: ${report.rowCount} rows, s3://${report.s3?.bucket}/${report.s3?.key}`);
  log(`download: ${report.downloadUrl}`);
  return { synced: items.length, listed, order, replayed, report };
}
