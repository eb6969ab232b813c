import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Consumer } from 'sqs-consumer';

/** A Lambda SQS handler: a batch in; the ids of the messages that failed out (`ReportBatchItemFailures`). */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/** Options of {@link startQueueConsumer}. */
export interface QueueConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  /** Name the handler sees as its function (context.functionName). */
  readonly functionName: string;
  readonly handler: SqsBatchHandler;
  /** Messages per batch, 1–10 (Lambda's default for SQS: 10). */
  readonly batchSize?: number;
  /** Long-poll wait, seconds. Default 20 (SQS's longest: an idle queue costs 3 calls a minute); a stop aborts the poll. */
  readonly waitTimeSeconds?: number;
  /** Called when a batch fails as a whole or SQS cannot be reached. */
  readonly onError?: (error: Error) => void;
}

/** A polling consumer. */
export interface RunningConsumer {
  /**
   * Stops polling. With `drainUntil` (epoch ms) it first goes on handling until the queue shows no
   * visible message and no batch is in hand, or that time has come; then it waits (until the same
   * time) for the batch in hand, so its messages are deleted or left for redelivery, never half done.
   */
  stop(options?: { readonly drainUntil?: number }): Promise<void>;
}

/**
 * Polls a queue with `sqs-consumer` and hands each batch to a Lambda SQS handler with the event
 * source mapping's semantics: the event has Lambda's record shape; messages the handler lists in
 * `batchItemFailures` — or the whole batch when it throws — are not deleted, so they come back after
 * the queue's visibility timeout and, past `maxReceiveCount`, the queue's redrive moves them to the DLQ.
 *
 * @example
 * ```ts
 * const consumer = startQueueConsumer({ sqs, queueUrl, queueArn, region: 'us-east-1', functionName: 'inventory-checker', handler });
 * await consumer.stop();
 * ```
 */
export function startQueueConsumer(options: QueueConsumerOptions): RunningConsumer {
  const consumer = Consumer.create({
    sqs: options.sqs,
    queueUrl: options.queueUrl,
    batchSize: options.batchSize ?? 10,
    waitTimeSeconds: options.waitTimeSeconds ?? 20,
    attributeNames: ['All'],
    messageAttributeNames: ['All'],
    strictReturn: true,
    // Failed messages stay invisible for the queue's visibility timeout, as with Lambda.
    terminateVisibilityTimeout: false,
    handleMessageBatch: async (messages) => {
      const event: SQSEvent = { Records: messages.map((message) => toRecord(message, options)) };
      const response = await options.handler(event, lambdaContext(options.functionName));
      const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      return messages.filter((message) => !failed.has(message.MessageId!));
    },
  });
  let stopping = false;
  // Aborting the long poll at stop is not an error worth reporting.
  const report = (error: Error) => {
    if (!stopping) options.onError?.(error);
  };
  let inHand = false;
  consumer.on('message_received', () => void (inHand = true));
  consumer.on('response_processed', () => void (inHand = false));
  consumer.on('error', (error: Error, messages?: unknown) => {
    if (messages) inHand = false; // a batch the handler failed as a whole
    report(error);
  });
  consumer.on('processing_error', report);
  consumer.start();
  const visibleMessages = async () => {
    const { Attributes } = await options.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
  };
  return {
    stop: async ({ drainUntil = 0 } = {}) => {
      while (Date.now() < drainUntil && (inHand || (await visibleMessages().catch(() => 0)) > 0)) await sleep(100);
      stopping = true;
      if (!consumer.status.isRunning) return;
      const stopped = new Promise<void>((resolve) => consumer.once('stopped', () => resolve()));
      consumer.stop({ abort: true });
      await stopped;
      // A poll that returned messages just before the abort is still handled: wait for it.
      while (consumer.status.isPolling && Date.now() < drainUntil) await sleep(50);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toRecord(message: Message, options: QueueConsumerOptions): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
          ...(value.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}

/** A Lambda context for a local invocation (no deadline: the local stack does not time handlers out). */
export function lambdaContext(functionName: string): Context {
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 900_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
