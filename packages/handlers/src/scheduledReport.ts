import type { DailyRetry, ReportStarted } from '@store-front/sdk';
import { dailyReportJobs } from '@store-front/sdk/workers';
import { dailyReportFailedAlarm, dailyReportFailedMessage } from './dailyReportAlarm.js';
import type { Context } from 'aws-lambda';
import { handlerSetup, type HandlerOptions } from './handlerSetup.js';

/**
 * What EventBridge Scheduler sends: the schedule's target input. `scheduledTime` (ISO-8601), when the
 * input carries `<aws.scheduler.scheduled-time>`, fixes the day even if the invocation is retried late;
 * without it the handler uses the time it runs.
 */
export interface ScheduledReportEvent {
  /** Set to `daily-reports` by the schedule. */
  readonly source?: string;
  /** The run's scheduled time (ISO-8601). */
  readonly scheduledTime?: string;
}

/** Options of {@link createScheduledReportHandler}: the store, the logger (service `scheduled-report`), the clock. */
export interface ScheduledReportHandlerOptions extends HandlerOptions {
  /** The clock, when the event carries no `scheduledTime`. Default: `() => new Date()`. */
  readonly now?: () => Date;
}

/** A Lambda handler for the daily reports schedule; resolves to the jobs it started or found, and the failed ones it retried. */
export type ScheduledReportHandler = (
  event: ScheduledReportEvent,
  context?: Context,
) => Promise<{
  /** The two daily jobs, started now or found already started. */
  jobs: ReportStarted[];
  /** Failed daily reports started again. */
  retried: DailyRetry[];
}>;

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
  const { logger, store, begin } = handlerSetup(options, 'scheduled-report');
  const now = options.now ?? (() => new Date());

  return async (event, context) => {
    begin(context);
    const scheduled = event?.scheduledTime === undefined ? undefined : new Date(event.scheduledTime);
    const at = scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : now();
    const jobs: ReportStarted[] = [];
    const { config, reports } = await store();
    for (const job of dailyReportJobs(at, config.timezone)) {
      const started = await reports.start(job.request, { executionId: job.executionId });
      logger.info('daily report started', { ...job.request, ...started });
      jobs.push(started);
    }
    const { retried, exhausted } = await reports.retryFailedDailyReports(at);
    for (const retry of retried) logger.warn('failed daily report started again', { ...retry });
    for (const failed of exhausted) logger.error(dailyReportFailedMessage, { alarm: dailyReportFailedAlarm, ...failed, final: true });
    return { jobs, retried };
  };
}

/** The Lambda entry point (the store from the environment, on the first invocation). */
export const handler: ScheduledReportHandler = createScheduledReportHandler();
