import { Logger } from '@aws-lambda-powertools/logger';
import { createStorefront, dailyReportJobs, type DailyRetry, type ReportStarted, type Storefront } from '@store-front/sdk';
import { dailyReportFailedAlarm, dailyReportFailedMessage } from './dailyReportAlarm.js';
import type { Context } from 'aws-lambda';

/**
 * What EventBridge Scheduler sends: the schedule's target input. `scheduledTime` (ISO-8601), when the
 * input carries `<aws.scheduler.scheduled-time>`, fixes the day even if the invocation is retried late;
 * without it the handler uses the time it runs.
 */
export interface ScheduledReportEvent {
  readonly source?: string;
  readonly scheduledTime?: string;
}

/** Options of {@link createScheduledReportHandler}. */
export interface ScheduledReportHandlerOptions {
  /** Default: `createStorefront()` (settings from the environment). */
  readonly store?: Storefront;
  /** Default: a Powertools logger for service `scheduled-report`. */
  readonly logger?: Logger;
  /** The clock, when the event carries no `scheduledTime`. Default: `() => new Date()`. */
  readonly now?: () => Date;
}

/** A Lambda handler for the daily reports schedule; resolves to the jobs it started or found, and the failed ones it retried. */
export type ScheduledReportHandler = (
  event: ScheduledReportEvent,
  context?: Context,
) => Promise<{ jobs: ReportStarted[]; retried: DailyRetry[] }>;

/**
 * The daily reports Lambda (the Scheduler's target): starts yesterday's sales report and today's
 * inventory snapshot — days in the store's time zone — through `reports.start` with deterministic
 * execution ids (`daily-sales-<day>`, `daily-inventory-<day>`). Running it twice for the same day
 * returns the jobs already started instead of adding new ones. Then it starts again the recent daily
 * reports whose job FAILED (`reports.retryFailedDailyReports`, bounded), and logs the
 * `DailyReportFailed` alarm line for those that failed on every attempt.
 *
 * @example
 * ```ts
 * // Lambda: export const handler = createScheduledReportHandler();
 * const handler = createScheduledReportHandler({ store });
 * const { jobs } = await handler({ source: 'daily-reports' });
 * ```
 */
export function createScheduledReportHandler(options: ScheduledReportHandlerOptions = {}): ScheduledReportHandler {
  const store = options.store ?? createStorefront();
  const logger = options.logger ?? new Logger({ serviceName: 'scheduled-report' });
  const now = options.now ?? (() => new Date());

  return async (event, context) => {
    if (context) logger.addContext(context);
    const scheduled = event?.scheduledTime === undefined ? undefined : new Date(event.scheduledTime);
    const at = scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : now();
    const jobs: ReportStarted[] = [];
    for (const job of dailyReportJobs(at, store.config.timezone)) {
      const started = await store.reports.start(job.request, { executionId: job.executionId });
      logger.info('daily report started', { ...job.request, ...started });
      jobs.push(started);
    }
    const { retried, exhausted } = await store.reports.retryFailedDailyReports(at);
    for (const retry of retried) logger.warn('failed daily report started again', { ...retry });
    for (const failed of exhausted) logger.error(dailyReportFailedMessage, { alarm: dailyReportFailedAlarm, ...failed, final: true });
    return { jobs, retried };
  };
}

let defaultHandler: ScheduledReportHandler | undefined;

/** The deployed entry point: a {@link createScheduledReportHandler} over `createStorefront()`, built on first use. */
export const handler: ScheduledReportHandler = (event, context) => {
  defaultHandler ??= createScheduledReportHandler();
  return defaultHandler(event, context);
};
