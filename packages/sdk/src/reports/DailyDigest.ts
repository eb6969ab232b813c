import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { productsWithStatus } from '../stockStatus.js';
import { dailySalesExecutionId } from './dailyReports.js';
import { readDaySales, unreportedDay } from './dailySalesStore.js';
import { digestMessage, type StockConcern } from './digestMessage.js';
import { summaryKey, type ReportJobItem } from './reportJob.js';
import { addDays } from './storeTime.js';

/** What {@link DailyDigest.send} did. */
export type DigestOutcome = 'sent' | 'already-sent' | 'not-daily';

/** LOW and OUT products listed per status. */
const concernsPerStatus = 10;

/** Another delivery is sending the digest right now; retry the message later. */
export class DigestInProgressError extends Error {
  constructor(readonly executionId: string) {
    super(`The digest of ${executionId} is being sent by another worker; retry later`);
    this.name = 'DigestInProgressError';
  }
}

/**
 * The morning digest: once the daily sales report (`daily-sales-<date>`) has succeeded, one message
 * to the `reports` topic. Sent once per day: a conditional write on the job claims the digest, the
 * message is published, then the claim is marked sent — a duplicate delivery or a retried job finds
 * it claimed or sent and publishes nothing; a worker that dies in between leaves a lease that lapses,
 * so a redelivery sends it (a crash may repeat a digest, never lose one).
 *
 * @example
 * ```ts
 * const digest = new DailyDigest(store.clients, store.config);
 * await digest.send(job); // 'sent', then 'already-sent' on every later call
 * ```
 */
export class DailyDigest {
  private topicArn: Promise<string> | undefined;
  private readonly leaseSeconds: number;

  /**
   * `options.topicArn`: the reports topic (default: looked up by name with the idempotent CreateTopic);
   * `options.leaseSeconds`: how long a claim holds before a redelivery may send again (default 60,
   * below the report queue's visibility timeout).
   */
  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
    options: { readonly topicArn?: string; readonly leaseSeconds?: number } = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 60;
    if (options.topicArn) this.topicArn = Promise.resolve(options.topicArn);
  }

  /** Sends the digest of a succeeded daily sales job unless it was sent (see the class description). */
  async send(job: ReportJobItem): Promise<DigestOutcome> {
    if (job.type !== 'sales' || job.executionId !== dailySalesExecutionId(job.date) || !job.key) return 'not-daily';
    const token = randomUUID();
    if (!(await this.claim(job.executionId, token))) return 'already-sent';
    await this.clients.sns.send(new PublishCommand({ TopicArn: await this.reportsTopicArn(), ...(await this.compose(job)) }));
    await this.update(job.executionId, 'SET digestState = :sent, digestSentAt = :now', 'digestToken = :token', { ':sent': 'SENT', ':token': token });
    return 'sent';
  }

  private async compose(job: ReportJobItem) {
    const { documents } = this.clients;
    const { tables } = this.config;
    const [figures, weekBefore, out, low] = await Promise.all([
      readDaySales(documents, tables.dailySales, job.date),
      readDaySales(documents, tables.dailySales, addDays(job.date, -7)),
      productsWithStatus(documents, tables.inventory, 'OUT', { limit: concernsPerStatus }),
      productsWithStatus(documents, tables.inventory, 'LOW', { limit: concernsPerStatus }),
    ]);
    const concerns: StockConcern[] = [
      ...out.products.map((product) => ({ product, status: 'OUT' as const })),
      ...low.products.map((product) => ({ product, status: 'LOW' as const })),
    ];
    return digestMessage({
      figures: figures ?? unreportedDay(job.date),
      weekBefore,
      concerns,
      moreConcerns: out.more || low.more,
      region: this.config.region,
      bucket: job.bucket ?? this.config.buckets.reports,
      key: job.key!,
      summaryKey: summaryKey(job.key!),
      timeZone: job.timeZone,
    });
  }

  /** Claims the digest: true when this call must send it; throws while another holds a fresh claim. */
  private async claim(executionId: string, token: string): Promise<boolean> {
    const now = Date.now();
    try {
      await this.update(
        executionId,
        'SET digestState = :sending, digestToken = :token, digestClaimedAt = :now',
        '#status = :succeeded AND (attribute_not_exists(digestState) OR (digestState = :sending AND digestClaimedAt <= :stale))',
        { ':sending': 'SENDING', ':token': token, ':succeeded': 'SUCCEEDED', ':stale': new Date(now - this.leaseSeconds * 1000).toISOString() },
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ? (unmarshall(error.Item) as { digestState?: string }) : undefined;
      if (current?.digestState === 'SENDING') throw new DigestInProgressError(executionId);
      return false;
    }
  }

  private update(executionId: string, expression: string, condition: string, values: Record<string, unknown>) {
    return this.clients.documents.send(
      new UpdateCommand({
        TableName: this.config.tables.reportJobs,
        Key: { executionId },
        UpdateExpression: expression,
        ConditionExpression: condition,
        ...(condition.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: { ...values, ...(expression.includes(':now') ? { ':now': new Date().toISOString() } : {}) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }

  private reportsTopicArn(): Promise<string> {
    this.topicArn ??= this.clients.sns
      .send(new CreateTopicCommand({ Name: this.config.topics.reports }))
      .then(({ TopicArn }) => TopicArn!)
      .catch((error: unknown) => {
        this.topicArn = undefined;
        throw error;
      });
    return this.topicArn;
  }
}
