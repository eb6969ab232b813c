import { CreateTopicCommand, PublishCommand } from '@aws-sdk/client-sns';
import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { parseInput } from '../schemas.js';
import type { AlertsApi, LowStockAlert } from '../types.js';
import { AlertInProgressError } from './AlertInProgressError.js';
import { AlertLog } from './AlertLog.js';
import { alertMessage } from './alertMessage.js';
import { recentAlertsSchema } from './schema.js';
import { crossesThreshold, readStockChange } from './stockChange.js';

/**
 * Options of {@link AlertService}.
 *
 * @group Alerts
 */
export interface AlertServiceOptions {
  /**
   * ARN of the low-stock topic. Default: the config's `lowStockTopicArn`, else looked up once by
   * name with the idempotent CreateTopic (fine on an emulator; in AWS set it).
   */
  readonly topicArn?: string;
  /**
   * Seconds a checker holds an alert between claiming and marking it sent. Keep it below the queue's
   * visibility timeout, so a message redelivered after a crash finds the claim lapsed. Default 20.
   */
  readonly leaseSeconds?: number;
}

/**
 * What {@link AlertService.check} did with one stock change.
 *
 * @group Alerts
 */
export type CheckOutcome =
  /** The change crossed the threshold and this call published the alert. */
  | {
      /** What happened. */
      readonly outcome: 'sent';
      /** The alert the change calls for. */
      readonly alert: LowStockAlert;
    }
  /** The change crossed the threshold, but its alert had been sent already (duplicate delivery). */
  | {
      /** What happened. */
      readonly outcome: 'duplicate';
      /** The alert the change calls for. */
      readonly alert: LowStockAlert;
    }
  /** The change crossed the threshold, but the product has been deleted since: no alert. */
  | {
      /** What happened. */
      readonly outcome: 'product-deleted';
      /** The alert the change calls for. */
      readonly alert: LowStockAlert;
    }
  /** Not a crossing (or not a stock change at all): nothing to do, no AWS call made. */
  | {
      /** What happened. */
      readonly outcome: 'no-crossing';
    };

/**
 * Low-stock alerts: deciding, sending and listing them. The inventory checker calls {@link check}
 * for each inventory stream record; `recent` reads the alert log.
 *
 * An alert is claimed (conditional write, keyed by the stream record's `eventID`), then published,
 * then marked sent. Duplicate deliveries and concurrent checkers find the claim and do not publish;
 * a checker that dies between claim and mark leaves a lease that lapses, so the redelivered message
 * publishes again — a crash can repeat an alert, never lose one.
 *
 * @group Alerts
 */
export class AlertService implements AlertsApi {
  private readonly log: AlertLog;
  private readonly leaseSeconds: number;
  private topicArn: Promise<string> | undefined;

  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
    options: AlertServiceOptions = {},
  ) {
    this.log = new AlertLog(clients.documents, config);
    this.leaseSeconds = options.leaseSeconds ?? 20;
    const topicArn = options.topicArn ?? config.lowStockTopicArn;
    if (topicArn) this.topicArn = Promise.resolve(topicArn);
  }

  /**
   * The most recent alerts sent, newest first (by the time of the stock change).
   *
   * @example
   * ```ts
   * const { items } = await store.alerts.recent({ limit: 5 });
   * for (const alert of items) console.log(alert.at, alert.product, alert.quantity);
   * ```
   */
  async recent(options: { readonly limit?: number } = {}): Promise<{
    /** The alerts, newest first. */
    items: LowStockAlert[];
  }> {
    const { limit } = parseInput(recentAlertsSchema, options, 'alert list options');
    return { items: await this.log.recent(limit) };
  }

  /**
   * Handles one inventory stream record (the JSON a pipe put on the inventory-check queue): publishes
   * the low-stock alert when the change crosses the product's threshold, once per crossing.
   * Throws `ValidationError` for a malformed record, {@link AlertInProgressError} while another
   * checker holds the alert, and the AWS error when publishing fails — in each case the message
   * must be retried, not acknowledged.
   *
   * @example
   * ```ts
   * const result = await store.alerts.check(JSON.parse(sqsRecord.body));
   * if (result.outcome === 'sent') console.log('alerted', result.alert.product);
   * ```
   */
  async check(record: unknown): Promise<CheckOutcome> {
    const change = readStockChange(record);
    if (!change || !crossesThreshold(change.before, change.after)) return { outcome: 'no-crossing' };
    const alert: LowStockAlert = {
      product: change.product,
      quantity: change.after.quantity,
      threshold: change.after.threshold,
      at: change.at,
    };
    const claim = await this.log.claim(change.recordId, alert, this.leaseSeconds);
    if (claim === 'in-progress') throw new AlertInProgressError(change.recordId);
    if (claim === 'sent') return { outcome: 'duplicate', alert };
    if (claim === 'product-deleted') return { outcome: 'product-deleted', alert };
    try {
      await this.clients.sns.send(new PublishCommand({ TopicArn: await this.lowStockTopicArn(), ...alertMessage(alert) }));
    } catch (error) {
      await this.log.release(change.recordId).catch(() => undefined); // the lease lapses anyway
      throw error;
    }
    await this.log.markSent(change.recordId);
    return { outcome: 'sent', alert };
  }

  private lowStockTopicArn(): Promise<string> {
    this.topicArn ??= this.clients.sns
      .send(new CreateTopicCommand({ Name: this.config.topics.lowStockAlerts }))
      .then(({ TopicArn }) => TopicArn!)
      .catch((error: unknown) => {
        this.topicArn = undefined; // look it up again next time
        throw error;
      });
    return this.topicArn;
  }
}
