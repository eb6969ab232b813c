import type { ReportStatus, ReportType, StartReportRequest } from '../types.js';
import { addDays, localDate } from './storeTime.js';

/**
 * A report the daily schedule starts, with its deterministic execution id.
 *
 * @group Reports
 */
export interface DailyReportJob {
  /** What to start: the report type and day. */
  readonly request: StartReportRequest;
  /** Its execution id, derived from the day, so a second run finds the job already there. */
  readonly executionId: string;
}

/**
 * A daily report the daily run started again, or found failed for good.
 *
 * @group Reports
 */
export interface DailyRetry {
  /** Execution id of the new attempt (a retry started) or of the last one (failed for good). */
  readonly executionId: string;
  /** Which report. */
  readonly type: ReportType;
  /** The day reported on, `YYYY-MM-DD`. */
  readonly date: string;
  /** The new job's status (a retry started). */
  readonly status?: ReportStatus;
  /** The attempt it retries (a retry started). */
  readonly retryOf?: string;
  /** Why the last attempt failed (failed for good). */
  readonly error?: string;
}

/**
 * What `reports.retryFailedDailyReports` did.
 *
 * @group Reports
 */
export interface DailyRetries {
  /** Daily reports started again after a failed attempt. */
  readonly retried: DailyRetry[];
  /** Daily reports whose every attempt failed: they need an operator. */
  readonly exhausted: DailyRetry[];
}

/**
 * Limits of the daily run's retries: the sales reports of the last `windowDays` days before
 * yesterday, and yesterday's own (plus today's inventory snapshot), whose job FAILED are started
 * again, each day at most `maxAttempts` times in all.
 *
 * @group Reports
 */
export const dailyRetryLimits = {
  /** Days before yesterday whose failed sales reports are retried. */
  windowDays: 3,
  /** Attempts per daily report in all, the first included. */
  maxAttempts: 4,
} as const;

/**
 * The execution id of attempt `attempt` (1 = the first) of a daily report:
 * `daily-sales-2024-05-01`, then `daily-sales-2024-05-01-retry-1`, … — the same in every run, so
 * concurrent or repeated runs start each attempt once.
 *
 * @group Reports
 */
export function dailyExecutionId(type: ReportType, date: string, attempt = 1): string {
  return attempt === 1 ? `daily-${type}-${date}` : `daily-${type}-${date}-retry-${attempt - 1}`;
}

/**
 * True for the execution id of a daily report (any attempt).
 *
 * @group Reports
 */
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
 *
 * @group Reports
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

/**
 * The execution id of the daily sales report of `date`: its digest is sent once, keyed on it.
 *
 * @group Reports
 */
export function dailySalesExecutionId(date: string): string {
  return dailyExecutionId('sales', date);
}
