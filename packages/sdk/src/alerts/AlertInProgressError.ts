import { StorefrontError, type StorefrontErrorOptions } from '../errors.js';

/**
 * Another checker holds the claim on this alert and has not finished. The message must not be
 * acknowledged: its redelivery finds the alert sent, or the claim expired and takes it over.
 *
 * @example
 * ```ts
 * try { await store.alerts.check(record); }
 * catch (error) { if (error instanceof AlertInProgressError) reportItemFailure(); }
 * ```
 *
 * @group Alerts
 */
export class AlertInProgressError extends StorefrontError {
  constructor(
    /** The stream record the alert belongs to. */
    readonly recordId: string,
    options?: StorefrontErrorOptions,
  ) {
    super('INTERNAL', `The alert of stream record ${recordId} is being sent by another checker`, options);
    this.name = 'AlertInProgressError';
  }
}
