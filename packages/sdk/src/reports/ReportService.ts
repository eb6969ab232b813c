import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetScheduleCommand, ResourceNotFoundException, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import { IdempotentRequest } from '../idempotency.js';
import { markReplayed } from '../idempotentReplay.js';
import { notFound } from '../notFound.js';
import { reportJobLimits } from '../resources.js';
import { retryingWrite, type BackoffOptions } from '../retry.js';
import { parseInput } from '../schemas.js';
import type {
  DailySales,
  DailySalesOptions,
  ReportJob,
  ReportListOptions,
  ReportPage,
  ReportSchedule,
  ReportStarted,
  ReportsApi,
  StartReportOptions,
  StartReportRequest,
} from '../types.js';
import { dailyExecutionId, dailyRetryCandidates, dailyRetryLimits, type DailyRetries, type DailyRetry } from './dailyReports.js';
import { readDailySales } from './dailySalesStore.js';
import { historyKey, ReportHistory } from './ReportHistory.js';
import { timedOutReason, toReportJob, type ReportJobItem } from './reportJob.js';
import {
  dailySalesOptionsSchema,
  executionIdSchema,
  reportScheduleSchema,
  startReportOptionsSchema,
  startReportSchema,
} from './schema.js';
import { localDate } from './storeTime.js';

/**
 * Reports: CSV to S3. `start` records a job (one PutItem) and returns; the job reaches the report
 * worker through the `report-jobs` stream, its pipe and the `report-requests` queue (docs/reports.md),
 * and `get` follows it by execution id.
 *
 * @group Reports
 */
export class ReportService implements ReportsApi {
  private readonly history: ReportHistory;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
    private readonly backoff: BackoffOptions = {},
  ) {
    this.history = new ReportHistory(clients.documents, config);
  }

  /**
   * Validates the request and records the job `PENDING` — one PutItem, nothing else. A sales report's
   * date defaults to today in the store's time zone; an inventory report is a snapshot dated today.
   * With `options.executionId` the call is idempotent: if that job exists (same type and date) it is
   * left alone and its current status returned, so a retried start never runs a report twice. With
   * `options.idempotencyKey` the job and the key's record are one transaction: the same key and
   * request again returns the first answer, a different request with it is `IdempotencyConflictError`.
   *
   * @example
   * ```ts
   * const { executionId } = await store.reports.start({ type: 'sales', date: '2024-05-01' });
   * await store.reports.start({ type: 'inventory' }, { executionId: 'daily-inventory-2024-05-02' });
   * ```
   */
  async start(request: StartReportRequest, options: StartReportOptions = {}): Promise<ReportStarted> {
    const { type, date } = parseInput(startReportSchema, request, 'report request');
    const { idempotencyKey, ...rest } = options;
    const given = parseInput(startReportOptionsSchema, rest, 'report options');
    const idempotent =
      idempotencyKey === undefined ? undefined : IdempotentRequest.of(idempotencyKey, 'report', [type, date ?? null, given.executionId ?? null]);
    const now = new Date();
    const today = localDate(now, this.config.timezone);
    if (type === 'inventory' && date !== undefined && date !== today) {
      throw new ValidationError(
        `Invalid report request: an inventory report is a snapshot of now; leave date out or give today's date (${today} in ${this.config.timezone})`,
        { details: [{ path: 'date', message: `must be left out or today (${today} in ${this.config.timezone}) for an inventory report` }] },
      );
    }
    // ISO dates compare as strings.
    if (date !== undefined && date > today) {
      throw new ValidationError(`Invalid report request: date ${date} has not begun yet (today is ${today} in ${this.config.timezone})`, {
        details: [{ path: 'date', message: `must not be after today (${today} in ${this.config.timezone})` }],
      });
    }
    const job = { executionId: given.executionId ?? randomUUID(), type, date: date ?? today, createdAt: now.toISOString() };
    const item: ReportJobItem = { ...job, timeZone: this.config.timezone, status: 'PENDING', historyKey: historyKey(job) };
    return retryingWrite(() => this.recordJob(item, idempotent), this.backoff);
  }

  /** Puts the PENDING job (with the key's record, in one transaction, when a key is given). */
  private async recordJob(item: ReportJobItem, idempotent: IdempotentRequest | undefined): Promise<ReportStarted> {
    const started: ReportStarted = { executionId: item.executionId, status: 'PENDING' };
    const jobPut = {
      TableName: this.config.tables.reportJobs,
      Item: item,
      ConditionExpression: 'attribute_not_exists(executionId)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    try {
      if (!idempotent) await this.clients.documents.send(new PutCommand(jobPut));
      else {
        const record = idempotent.recordPut(this.config.tables.orders, { response: started }, new Date(item.createdAt));
        await this.clients.documents.send(new TransactWriteCommand({ TransactItems: [{ Put: jobPut }, record] }));
      }
      return started;
    } catch (error) {
      let existing: Record<string, unknown> | undefined;
      if (error instanceof TransactionCanceledException) {
        const [jobReason, recordReason] = error.CancellationReasons ?? [];
        const replay = idempotent?.replayFrom(recordReason);
        if (replay) return markReplayed({ ...(replay.response as ReportStarted) });
        if (jobReason?.Code === 'ConditionalCheckFailed' && jobReason.Item) existing = unmarshall(jobReason.Item);
      } else if (error instanceof ConditionalCheckFailedException && error.Item) existing = unmarshall(error.Item);
      if (!existing) throw error;
      return this.alreadyStarted(existing as unknown as ReportJobItem, item);
    }
  }

  /** A start with an execution id that exists: the same report answers its status; another is refused. */
  private alreadyStarted(existing: ReportJobItem, wanted: ReportJobItem): ReportStarted {
    if (existing.type !== wanted.type || existing.date !== wanted.date) {
      throw new ValidationError(`Execution id ${wanted.executionId} is already used by another report`, {
        details: [{ path: 'executionId', message: `already used by a ${existing.type} report for ${existing.date}` }],
      });
    }
    return { executionId: wanted.executionId, status: toReportJob(existing, new Date()).status };
  }

  /**
   * Starts again the daily reports whose job FAILED (or timed out): yesterday's and the previous
   * `dailyRetryLimits.windowDays` days' sales reports, and today's inventory snapshot, as seen from a
   * daily run at `scheduledAt`. Each retry is a new job with the next deterministic id
   * (`daily-sales-2024-05-01-retry-1`, …; at most `dailyRetryLimits.maxAttempts` attempts a day), so
   * repeated or concurrent runs start it once. Returns the retries started and the reports that
   * failed for good (every attempt used).
   *
   * @example
   * ```ts
   * const { retried, exhausted } = await store.reports.retryFailedDailyReports(new Date());
   * ```
   */
  async retryFailedDailyReports(scheduledAt: Date): Promise<DailyRetries> {
    const now = new Date();
    const retried: DailyRetry[] = [];
    const exhausted: DailyRetry[] = [];
    for (const { type, date } of dailyRetryCandidates(scheduledAt, this.config.timezone, now)) {
      for (let attempt = 1; ; attempt++) {
        const executionId = dailyExecutionId(type, date, attempt);
        const { Item } = await this.clients.documents.send(
          new GetCommand({ TableName: this.config.tables.reportJobs, Key: { executionId }, ConsistentRead: true }),
        );
        if (Item && toReportJob(Item as ReportJobItem, now).status === 'FAILED') {
          if (attempt >= dailyRetryLimits.maxAttempts) exhausted.push({ executionId, type, date, error: (Item as ReportJobItem).error ?? timedOutReason });
          else continue;
        } else if (!Item && attempt > 1) {
          const started = await this.start(type === 'sales' ? { type, date } : { type }, { executionId });
          retried.push({ executionId, type, date, status: started.status, retryOf: dailyExecutionId(type, date, attempt - 1) });
        }
        break;
      }
    }
    return { retried, exhausted };
  }

  /**
   * A report job's status; once `SUCCEEDED` it carries a presigned `downloadUrl` valid for
   * {@link reportJobLimits.downloadUrlSeconds} seconds. A job RUNNING past its timeout shows as
   * `FAILED`. Throws `NotFoundError` for an unknown id.
   *
   * @example
   * ```ts
   * const job = await store.reports.get(executionId);
   * if (job.status === 'SUCCEEDED') console.log(job.rowCount, job.downloadUrl);
   * ```
   */
  async get(executionId: string): Promise<ReportJob> {
    if (!executionIdSchema.safeParse(executionId).success) throw notFound('report', executionId);
    const { Item } = await this.clients.documents.send(
      new GetCommand({ TableName: this.config.tables.reportJobs, Key: { executionId }, ConsistentRead: true }),
    );
    if (!Item) throw notFound('report', executionId);
    const job = toReportJob(Item as ReportJobItem, new Date());
    if (job.status !== 'SUCCEEDED' || !job.s3 || job.expired) return job;
    // Loaded on first use: presigning is not on the order and catalog path.
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const downloadUrl = await getSignedUrl(
      this.clients.s3,
      new GetObjectCommand({ Bucket: job.s3.bucket, Key: job.s3.key }),
      { expiresIn: reportJobLimits.downloadUrlSeconds },
    );
    return { ...job, downloadUrl };
  }

  /**
   * Report history, newest report date first (then newest job first), with status, row count and
   * S3 key but no `downloadUrl` (ask `get` for one). `type` filters, `from`/`to` bound the report's
   * date; pages follow sealed cursors. A job whose files are past the bucket's retention says
   * `expired: true`. One or two Queries per page (an index by type and date, never a scan).
   *
   * @example
   * ```ts
   * const { items, nextCursor } = await store.reports.list({ type: 'sales', from: '2024-05-01', limit: 10 });
   * ```
   */
  list(options: ReportListOptions = {}): Promise<ReportPage> {
    return this.history.list(options);
  }

  /**
   * The figures of each day from `from` to `to` (at most 366 days), oldest first, as kept by each
   * day's latest succeeded sales report; a day no sales report has covered yet is `reported: false`
   * with zeros. One Query whatever the range.
   *
   * @example
   * ```ts
   * const { items } = await store.reports.dailySales({ from: '2024-05-01', to: '2024-05-30' });
   * for (const day of items) console.log(day.date, day.revenue, day.orders);
   * ```
   */
  async dailySales(options: DailySalesOptions): Promise<{
    /** Every day of the range, oldest first (`reported: false` where no sales report has covered it). */
    items: DailySales[];
  }> {
    const { from, to } = parseInput(dailySalesOptionsSchema, options, 'daily sales range');
    return { items: await readDailySales(this.clients.documents, this.config.tables.dailySales, from, to) };
  }

  /**
   * The daily reports schedule (EventBridge Scheduler): its cron expression and time zone.
   * Direct transport only. Throws `NotFoundError` if the schedule was never provisioned.
   *
   * @example
   * ```ts
   * const { cron, timezone } = await store.reports.getSchedule(); // 'cron(15 0 * * ? *)', 'UTC'
   * ```
   */
  async getSchedule(): Promise<ReportSchedule> {
    const schedule = await this.readSchedule();
    return { cron: schedule.ScheduleExpression!, timezone: schedule.ScheduleExpressionTimezone ?? 'UTC' };
  }

  /**
   * Changes when the daily reports run: `cron` is an EventBridge Scheduler cron expression
   * (`cron(minutes hours day-of-month month day-of-week year)`), `timezone` an IANA zone; both are
   * validated (`ValidationError`). The schedule's target and other settings are kept.
   * Direct transport only.
   *
   * @example
   * ```ts
   * await store.reports.setSchedule({ cron: 'cron(30 6 * * ? *)', timezone: 'Europe/Berlin' });
   * ```
   */
  async setSchedule(schedule: ReportSchedule): Promise<ReportSchedule> {
    const wanted = parseInput(reportScheduleSchema, schedule, 'report schedule');
    const current = await this.readSchedule();
    await this.clients.scheduler.send(
      new UpdateScheduleCommand({
        Name: this.config.schedules.dailyReports,
        GroupName: this.config.schedules.group,
        ScheduleExpression: wanted.cron,
        ScheduleExpressionTimezone: wanted.timezone,
        // UpdateSchedule replaces the whole definition: carry over everything else.
        FlexibleTimeWindow: current.FlexibleTimeWindow!,
        Target: current.Target!,
        ...(current.State ? { State: current.State } : {}),
        ...(current.Description ? { Description: current.Description } : {}),
        ...(current.StartDate ? { StartDate: current.StartDate } : {}),
        ...(current.EndDate ? { EndDate: current.EndDate } : {}),
        ...(current.KmsKeyArn ? { KmsKeyArn: current.KmsKeyArn } : {}),
        ...(current.ActionAfterCompletion ? { ActionAfterCompletion: current.ActionAfterCompletion } : {}),
      }),
    );
    return wanted;
  }

  private async readSchedule() {
    try {
      return await this.clients.scheduler.send(
        new GetScheduleCommand({ Name: this.config.schedules.dailyReports, GroupName: this.config.schedules.group }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      const name = this.config.schedules.dailyReports;
      throw notFound('schedule', name, `The daily reports schedule ${name} does not exist; run provisionResources()`);
    }
  }
}
