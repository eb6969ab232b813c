import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';

// SQS: at most 10 entries and 256 KiB per SendMessageBatch.
const maxEntriesPerSend = 10;
const maxBytesPerSend = 256 * 1024;
const sendAttempts = 3;

/**
 * Sends messages (JSON of each event) to a queue in order, in SendMessageBatch-sized groups, sending
 * again the entries SQS did not accept; throws unless every one was accepted.
 *
 * @example
 * ```ts
 * await sendInOrder(sqs, queueUrl, 'inventory-changes', events);
 * ```
 */
export async function sendInOrder(sqs: SQSClient, queueUrl: string, sender: string, events: readonly object[]): Promise<void> {
  for (const chunk of chunks(events.map((event) => JSON.stringify(event)))) {
    let entries: SendMessageBatchRequestEntry[] = chunk.map((body, index) => ({ Id: String(index), MessageBody: body }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = new Set(Failed.map((failure) => failure.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
      if (entries.length > 0 && attempt >= sendAttempts) {
        throw new Error(`${sender}: ${entries.length} message(s) not accepted by the queue: ${Failed[0]?.Message ?? ''}`);
      }
    }
  }
}

/** Splits message bodies into SendMessageBatch-sized groups, keeping their order. */
function chunks(bodies: string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(body);
    if (size > maxBytesPerSend) throw new Error(`A stream record of ${size} bytes exceeds the SQS message limit`);
    if (current.length === maxEntriesPerSend || bytes + size > maxBytesPerSend) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
