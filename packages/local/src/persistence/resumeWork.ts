import type { ProvisionedResources, Storefront } from '@store-front/sdk';
import { sendInOrder } from '../pipes/sendInOrder.js';
import type { Snapshot } from '../snapshot.js';

/** What the restore handed to the queues again (`resumeWork`): unfinished report jobs and unchecked stock changes. */
export interface ResumedWork {
  /** Report jobs PENDING in the snapshot (RUNNING ones were restored as PENDING). */
  readonly reportJobs: number;
  /** Threshold-crossing stock changes whose alert had not been sent. */
  readonly stockChanges: number;
}

/**
 * After a restore, hands the work that was in flight when the snapshot was taken to the queues again,
 * in the very messages the pipes send: every PENDING report job to `report-requests`, every unchecked
 * threshold crossing to `inventory-check` (with its original `eventID`, so an alert sent meanwhile is
 * not sent twice). Queue messages and stream records are not part of a snapshot, so without this a
 * report started just before a stop would stay PENDING for ever and an alert would be lost.
 *
 * @example
 * ```ts
 * const resumed = await resumeWork(store, provisioned, snapshot);
 * ```
 */
export async function resumeWork(store: Storefront, provisioned: ProvisionedResources, snapshot: Snapshot): Promise<ResumedWork> {
  const jobs = (snapshot.tables.reportJobs ?? []).filter((item) => item.status?.S === 'PENDING' || item.status?.S === 'RUNNING');
  const jobMessages = jobs.map((item) => ({
    eventID: `restored-${item.executionId!.S as string}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { executionId: item.executionId }, NewImage: { ...item, status: { S: 'PENDING' } } },
  }));
  const streamArn = `arn:aws:dynamodb:${store.config.region}:000000000000:table/${store.config.tables.inventory}/stream/restored`;
  const changeMessages = snapshot.uncheckedStockChanges.map((record) => ({
    ...record,
    dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: Math.floor(record.dynamodb.ApproximateCreationDateTime ?? 0) },
    eventSourceARN: streamArn,
  }));
  await sendInOrder(store.clients.sqs, provisioned.queueUrls.reportRequests!, 'restored report jobs', jobMessages);
  await sendInOrder(store.clients.sqs, provisioned.queueUrls.inventoryCheck!, 'restored stock changes', changeMessages);
  return { reportJobs: jobMessages.length, stockChanges: changeMessages.length };
}
