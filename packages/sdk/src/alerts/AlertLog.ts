import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StorefrontConfig } from '../config.js';
import { alertLogRecentIndex } from '../resources.js';
import type { LowStockAlert } from '../types.js';

/**
 * Seconds an alert record is kept: longer than a message can live in the queue (4 days) and its DLQ (14 days).
 *
 * @group Resources
 */
export const alertRetentionSeconds = 30 * 24 * 3600;

/** What a claim found. */
export type ClaimOutcome =
  /** This caller now holds the alert and must publish it, then call `markSent`. */
  | 'claimed'
  /** The alert was sent already (a duplicate delivery). */
  | 'sent'
  /** Another checker holds an unexpired claim. */
  | 'in-progress'
  /** The product is no longer in the inventory. */
  | 'product-deleted';

/**
 * The alert log table: one record per alerting stream record (`alertId` = the record's `eventID`),
 * `pending` while its alert is published and `sent` after. The records dedupe alerts and, through
 * the sparse `recent` index, list them newest first; a TTL bounds them.
 */
export class AlertLog {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  /**
   * Claims the alert of `recordId` in one transaction: writes it `pending` with a lease unless it is
   * sent or leased by someone else, and checks that the product still exists.
   */
  async claim(recordId: string, alert: LowStockAlert, leaseSeconds: number): Promise<ClaimOutcome> {
    const now = Date.now();
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.config.tables.alertLog,
                Item: {
                  alertId: recordId,
                  status: 'pending',
                  leaseUntil: now + leaseSeconds * 1000,
                  ...alert,
                  expiresAt: Math.floor(now / 1000) + alertRetentionSeconds,
                },
                // A lapsed lease means its holder crashed before sending: taking over may repeat, never lose.
                ConditionExpression: 'attribute_not_exists(alertId) OR (#status = :pending AND leaseUntil < :now)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              ConditionCheck: {
                TableName: this.config.tables.inventory,
                Key: { product: alert.product },
                ConditionExpression: 'attribute_exists(product)',
              },
            },
          ],
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [logReason, productReason] = error.CancellationReasons ?? [];
      if (logReason?.Code === 'ConditionalCheckFailed') {
        const existing = logReason.Item ? unmarshall(logReason.Item) : undefined;
        return existing?.status === 'sent' ? 'sent' : 'in-progress';
      }
      if (productReason?.Code === 'ConditionalCheckFailed') return 'product-deleted';
      // A transaction conflict: another checker is writing the same record right now.
      return 'in-progress';
    }
  }

  /** Records the alert as sent; it then appears in `recent`. */
  async markSent(recordId: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.config.tables.alertLog,
        Key: { alertId: recordId },
        // `at` (the index's sort key) was written by the claim; adding `feed` puts the record in the index.
        UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, #feed = :feed REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status', '#feed': alertLogRecentIndex.partitionKey.name },
        ExpressionAttributeValues: { ':sent': 'sent', ':sentAt': new Date().toISOString(), ':feed': alertLogRecentIndex.feedValue },
      }),
    );
  }

  /** Gives up a claim whose publish failed, so the redelivery retries at once instead of after the lease. */
  async release(recordId: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.config.tables.alertLog,
        Key: { alertId: recordId },
        UpdateExpression: 'SET leaseUntil = :expired',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':expired': 0, ':pending': 'pending' },
      }),
    );
  }

  /** The most recent sent alerts, newest first. */
  async recent(limit: number): Promise<LowStockAlert[]> {
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.config.tables.alertLog,
        IndexName: alertLogRecentIndex.indexName,
        KeyConditionExpression: '#feed = :feed',
        ExpressionAttributeNames: { '#feed': alertLogRecentIndex.partitionKey.name },
        ExpressionAttributeValues: { ':feed': alertLogRecentIndex.feedValue },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      product: item.product as string,
      quantity: item.quantity as number,
      threshold: item.threshold as number,
      at: item.at as string,
    }));
  }
}
