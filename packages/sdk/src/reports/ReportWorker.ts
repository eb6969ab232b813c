import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { InternalError, StorefrontError } from '../errors.js';
import { reportJobLimits } from '../resources.js';
import { awsErrorName } from './awsErrorName.js';
import { writeInventoryReport } from './inventoryReport.js';
import { reportKey, summaryKey, timedOutReason, type ReportJobItem } from './reportJob.js';
import { writeSalesReport } from './salesReport.js';
import { DailyDigest } from './DailyDigest.js';
import { keepDailySales } from './dailySalesStore.js';
import type { DailySales } from '../types.js';

/**
 * What one delivery of a job did.
 *
 * @group Reports
 */
export type ReportRunOutcome =
  /** This worker ran the job and it succeeded. */
  | {
      /** The job. */
      readonly executionId: string;
      /** What happened. */
      readonly outcome: 'SUCCEEDED';
      /** Data rows written. */
      readonly rowCount: number;
      /** Key of the CSV in the reports bucket. */
      readonly key: string;
    }
  /** This worker ran the job and it failed; `error` is the reason recorded on the job. */
  | {
      /** The job. */
      readonly executionId: string;
      /** What happened. */
      readonly outcome: 'FAILED';
      /** The reason recorded on the job. */
      readonly error: string;
    }
  /**
   * Nothing to do: the job is unknown, finished, or running elsewhere within its timeout (a duplicate
   * delivery), or another worker re-claimed it while this one ran.
   */
  | {
      /** The job. */
      readonly executionId: string;
      /** What happened. */
      readonly outcome: 'SKIPPED';
      /** Why there was nothing to do. */
      readonly reason: string;
    };

/**
 * Options of {@link ReportWorker}.
 *
 * @group Reports
 */
export interface ReportWorkerOptions {
  /** Items per day-index Query page in sales reports. Default `reportJobLimits.salesPageSize`. */
  readonly salesPageSize?: number;
  /** ARN of the `reports` topic the morning digest goes to. Default: the config's `reportsTopicArn`, else looked up by name. */
  readonly reportsTopicArn?: string;
}

/**
 * Runs report jobs. `run` claims the job (`PENDING → RUNNING`, or a RUNNING job past its timeout) with
 * a conditional write, so a duplicate delivery does not run it twice; streams the CSV to S3; and
 * records `SUCCEEDED` (row count, key) or `FAILED` (a short reason — never a stack trace). Only the
 * claim that is running may record the outcome. It throws only when the job table itself cannot be
 * written, so the queue redelivers the message.
 *
 * @example
 * ```ts
 * const store = createStorefront();
 * const worker = new ReportWorker(store.clients, store.config);
 * const result = await worker.run('3f0c…');
 * if (result.outcome === 'FAILED') console.warn(result.error);
 * ```
 *
 * @group Reports
 */
export class ReportWorker {
  private readonly salesPageSize: number;
  private readonly digest: DailyDigest;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
    options: ReportWorkerOptions = {},
  ) {
    this.salesPageSize = options.salesPageSize ?? reportJobLimits.salesPageSize;
    const topicArn = options.reportsTopicArn ?? config.reportsTopicArn;
    this.digest = new DailyDigest(clients, config, topicArn ? { topicArn } : {});
  }

  /** Claims and runs the job `executionId` (see the class description). */
  async run(executionId: string): Promise<ReportRunOutcome> {
    const claimToken = randomUUID();
    const job = await this.claim(executionId, claimToken);
    if ('skipped' in job) {
      // A redelivery after a crash between success and digest still sends the digest (once).
      if (job.current?.status === 'SUCCEEDED') await this.digest.send(job.current);
      return { executionId, outcome: 'SKIPPED', reason: job.skipped };
    }

    const key = reportKey(job.type, job.date, executionId);
    const deadline = Date.parse(job.startedAt!) + reportJobLimits.runningTimeoutSeconds * 1000;
    const checkpoint = () => {
      if (Date.now() >= deadline) throw new InternalError(timedOutReason);
    };
    let rowCount: number;
    try {
      const produced = await this.produce(job, key, checkpoint);
      rowCount = produced.rows;
      // Kept before the job is marked SUCCEEDED, so a succeeded sales report always has its figures.
      if (produced.figures) {
        await keepDailySales(this.clients.documents, this.config.tables.dailySales, produced.figures, {
          executionId,
          completedAt: new Date().toISOString(),
        });
      }
    } catch (error) {
      const reason = failureReason(error);
      const recorded = await this.finish(executionId, claimToken, { status: 'FAILED', error: reason });
      return recorded
        ? { executionId, outcome: 'FAILED', error: reason }
        : { executionId, outcome: 'SKIPPED', reason: 'claimed again by another worker' };
    }
    const recorded = await this.finish(executionId, claimToken, {
      status: 'SUCCEEDED',
      rowCount,
      bucket: this.config.buckets.reports,
      key,
    });
    if (!recorded) return { executionId, outcome: 'SKIPPED', reason: 'claimed again by another worker' };
    await this.digest.send({ ...job, status: 'SUCCEEDED', bucket: this.config.buckets.reports, key });
    return { executionId, outcome: 'SUCCEEDED', rowCount, key };
  }

  private async produce(job: ReportJobItem, key: string, checkpoint: () => void): Promise<{ rows: number; figures?: DailySales }> {
    const { clients, config } = this;
    if (job.type === 'sales') {
      return writeSalesReport({
        dynamodb: clients.dynamodb,
        s3: clients.s3,
        ordersTable: config.tables.orders,
        bucket: config.buckets.reports,
        key,
        summaryKey: summaryKey(key),
        date: job.date,
        timeZone: job.timeZone,
        pageSize: this.salesPageSize,
        checkpoint,
      });
    }
    const rows = await writeInventoryReport({
      documents: clients.documents,
      s3: clients.s3,
      inventoryTable: config.tables.inventory,
      catalogTable: config.tables.productCatalog,
      bucket: config.buckets.reports,
      key,
      pageSize: reportJobLimits.inventoryPageSize,
      checkpoint,
    });
    return { rows };
  }

  /** `PENDING → RUNNING`, or takes over a RUNNING job past its timeout; else says why not. */
  private async claim(executionId: string, claimToken: string): Promise<ReportJobItem | { skipped: string; current?: ReportJobItem }> {
    const now = new Date();
    const staleBefore = new Date(now.getTime() - reportJobLimits.runningTimeoutSeconds * 1000).toISOString();
    try {
      const { Attributes } = await this.clients.documents.send(
        new UpdateCommand({
          TableName: this.config.tables.reportJobs,
          Key: { executionId },
          UpdateExpression:
            'SET #status = :running, startedAt = :now, claimToken = :token, attempts = if_not_exists(attempts, :zero) + :one REMOVE completedAt, #error',
          ConditionExpression:
            'attribute_exists(executionId) AND (#status = :pending OR (#status = :running AND startedAt <= :staleBefore))',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':running': 'RUNNING',
            ':pending': 'PENDING',
            ':now': now.toISOString(),
            ':staleBefore': staleBefore,
            ':token': claimToken,
            ':zero': 0,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Attributes as ReportJobItem;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ? (unmarshall(error.Item) as ReportJobItem) : undefined;
      if (!current) return { skipped: 'unknown job' };
      return { skipped: current.status === 'RUNNING' ? 'already running (duplicate delivery)' : `already ${current.status}`, current };
    }
  }

  /** Records the outcome if this claim still holds the job; false when another worker took it over. */
  private async finish(
    executionId: string,
    claimToken: string,
    outcome: { status: 'SUCCEEDED'; rowCount: number; bucket: string; key: string } | { status: 'FAILED'; error: string },
  ): Promise<boolean> {
    const values: Record<string, unknown> = { ':token': claimToken, ':running': 'RUNNING', ':now': new Date().toISOString() };
    const names: Record<string, string> = { '#status': 'status' };
    const sets = ['#status = :status', 'completedAt = :now'];
    for (const [name, value] of Object.entries(outcome)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      if (name !== 'status') sets.push(`#${name} = :${name}`);
    }
    try {
      await this.clients.documents.send(
        new UpdateCommand({
          TableName: this.config.tables.reportJobs,
          Key: { executionId },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'claimToken = :token AND #status = :running',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/**
 * The reason recorded on a failed job: the store's own messages as they are, AWS errors by name
 * and service (enough to act on, nothing from inside the request), anything else generic.
 */
function failureReason(error: unknown): string {
  if (error instanceof StorefrontError) return error.message.slice(0, 500);
  const aws = awsErrorName(error);
  return aws ? `Could not read the store's data (${aws})` : 'Internal error while writing the report';
}
