import type { StartReportRequest } from '../types.js';
import { addDays, localDate } from './storeTime.js';

/** A report the daily schedule starts, with its deterministic execution id. */
export interface DailyReportJob {
  readonly request: StartReportRequest;
  readonly executionId: string;
}

/**
 * The reports the daily schedule starts at `now`: yesterday's sales and today's inventory snapshot,
 * days taken in the store's time zone. Execution ids are derived from the day
 * (`daily-sales-2024-05-01`, `daily-inventory-2024-05-02`), so a second run for the same day finds
 * the jobs already there instead of starting them again.
 *
 * @example
 * ```ts
 * for (const job of dailyReportJobs(new Date(), store.config.timezone)) {
 *   await store.reports.start(job.request, { executionId: job.executionId });
 * }
 * ```
 */
export function dailyReportJobs(now: Date, timeZone: string): DailyReportJob[] {
  const today = localDate(now, timeZone);
  const yesterday = addDays(today, -1);
  return [
    { request: { type: 'sales', date: yesterday }, executionId: dailySalesExecutionId(yesterday) },
    { request: { type: 'inventory', date: today }, executionId: `daily-inventory-${today}` },
  ];
}

/** The execution id of the daily sales report of `date`: its digest is sent once, keyed on it. */
export function dailySalesExecutionId(date: string): string {
  return `daily-sales-${date}`;
}
