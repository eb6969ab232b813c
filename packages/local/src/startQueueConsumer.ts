import { randomUUID } from 'node:crypto';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
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
  /** Long-poll wait, seconds. Default 1, so a stop is quick. */
  readonly waitTimeSeconds?: number;
  /** Called when a batch fails as a whole or SQS cannot be reached. */
  readonly onError?: (error: Error) => void;
}

/** Something that runs until stopped. */
export interface RunningConsumer {
  stop(): Promise<void>;
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
    waitTimeSeconds: options.waitTimeSeconds ?? 1,
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
  consumer.on('error', report);
  consumer.on('processing_error', report);
  consumer.start();
  return {
    stop: async () => {
      stopping = true;
      if (!consumer.status.isRunning) return;
      const stopped = new Promise<void>((resolve) => consumer.once('stopped', () => resolve()));
      consumer.stop({ abort: true });
      await stopped;
    },
  };
}

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
