import type { ReportStatus, ReportType, StartReportRequest } from '../types.js';
import { addDays, localDate } from './storeTime.js';

/** A report the daily schedule starts, with its deterministic execution id. */
export interface DailyReportJob {
  readonly request: StartReportRequest;
  readonly executionId: string;
}

/** A daily report the daily run started again, or found failed for good. */
export interface DailyRetry {
  readonly executionId: string;
  readonly type: ReportType;
  readonly date: string;
  /** The new job's status (a retry started). */
  readonly status?: ReportStatus;
  /** The attempt it retries (a retry started). */
  readonly retryOf?: string;
  /** Why the last attempt failed (failed for good). */
  readonly error?: string;
}

/** What `reports.retryFailedDailyReports` did. */
export interface DailyRetries {
  readonly retried: DailyRetry[];
  /** Daily reports whose every attempt failed: they need an operator. */
  readonly exhausted: DailyRetry[];
}

/**
 * Limits of the daily run's retries: the sales reports of the last `windowDays` days before
 * yesterday, and yesterday's own (plus today's inventory snapshot), whose job FAILED are started
 * again, each day at most `maxAttempts` times in all.
 */
export const dailyRetryLimits = { windowDays: 3, maxAttempts: 4 } as const;

/**
 * The execution id of attempt `attempt` (1 = the first) of a daily report:
 * `daily-sales-2024-05-01`, then `daily-sales-2024-05-01-retry-1`, … — the same in every run, so
 * concurrent or repeated runs start each attempt once.
 */
export function dailyExecutionId(type: ReportType, date: string, attempt = 1): string {
  return attempt === 1 ? `daily-${type}-${date}` : `daily-${type}-${date}-retry-${attempt - 1}`;
}

/** True for the execution id of a daily report (any attempt). */
export function isDailyExecutionId(executionId: string): boolean {
  return /^daily-(sales|inventory)-\d{4}-\d{2}-\d{2}(-retry-\d+)?$/.test(executionId);
}

/**
 * The reports the daily schedule starts: the sales of the day before `scheduledAt` (so a late run
 * still reports the right day) and an inventory snapshot of today (`now`: a snapshot can only be of
 * now), days taken in the store's time zone. Execution ids are derived from the day
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
export function dailyReportJobs(scheduledAt: Date, timeZone: string, now: Date = new Date()): DailyReportJob[] {
  const yesterday = addDays(localDate(scheduledAt, timeZone), -1);
  const today = localDate(now, timeZone);
  return [
    { request: { type: 'sales', date: yesterday }, executionId: dailyExecutionId('sales', yesterday) },
    { request: { type: 'inventory' }, executionId: dailyExecutionId('inventory', today) },
  ];
}

/** The daily reports whose FAILED jobs a run at `scheduledAt` retries (see {@link dailyRetryLimits}). */
export function dailyRetryCandidates(scheduledAt: Date, timeZone: string, now: Date = new Date()): Array<{ type: ReportType; date: string }> {
  const yesterday = addDays(localDate(scheduledAt, timeZone), -1);
  return [
    ...Array.from({ length: dailyRetryLimits.windowDays + 1 }, (_, back) => ({ type: 'sales' as const, date: addDays(yesterday, -back) })),
    { type: 'inventory' as const, date: localDate(now, timeZone) },
  ];
}

/** The execution id of the daily sales report of `date`: its digest is sent once, keyed on it. */
export function dailySalesExecutionId(date: string): string {
  return dailyExecutionId('sales', date);
}
