/*
 * Test harness for the alert path on the emulator: a provisioned store, the pipe runner, an
 * in-process poller that feeds the inventory-check queue to the checker like a Lambda event source
 * mapping, and an "inbox" SQS queue subscribed to the low-stock topic to read the alerts SNS sent.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createTestStore } from '../../sdk/tests/support.js';
import { createInventoryCheckerHandler } from '@store-front/handlers';
import { PipeRunner, type PipeRunnerOptions } from '../src/pipes/PipeRunner.js';
import { pipeDefinitions } from '@store-front/sdk';

/** Feeds a queue to an SQS batch handler, deleting what it did not report as failed. */
export class QueuePoller {
  /** Messages handed to the handler, and how many it reported failed. */
  delivered = 0;
  failed = 0;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly handler: (event: SQSEvent) => Promise<SQSBatchResponse>,
    private readonly visibilityTimeout = 1,
  ) {}

  async pollOnce(): Promise<number> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: this.visibilityTimeout,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return 0;
    const event: SQSEvent = {
      Records: Messages.map((message) => ({
        messageId: message.MessageId!,
        receiptHandle: message.ReceiptHandle!,
        body: message.Body!,
        attributes: message.Attributes as never,
        messageAttributes: {},
        md5OfBody: message.MD5OfBody!,
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:inventory-check',
        awsRegion: 'us-east-1',
      })),
    };
    const { batchItemFailures } = await this.handler(event);
    const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
    this.delivered += Messages.length;
    this.failed += failed.size;
    const done = Messages.filter((message) => !failed.has(message.MessageId!));
    if (done.length > 0) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    }
    return Messages.length;
  }

  /** Messages waiting or in flight. */
  async backlog(): Promise<number> {
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
}

/** An alert as the subscribed inbox queue received it (SNS JSON envelope). */
export interface ReceivedAlert {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Record<string, { Type: string; Value: string }>;
}

export async function createAlertHarness(options: { runner?: Partial<PipeRunnerOptions>; visibilityTimeout?: number } = {}) {
  const test = await createTestStore();
  const { clients, config, provisioned } = test;
  const { QueueUrl: inboxUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: `${config.prefix}-alert-inbox` }));
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: inboxUrl, AttributeNames: ['QueueArn'] }));
  await clients.sns.send(
    new SubscribeCommand({ TopicArn: provisioned.lowStockTopicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn! }),
  );
  const logger = new Logger({ serviceName: 'inventory-checker', logLevel: 'SILENT' });
  const handler = createInventoryCheckerHandler({ store: test.store, logger, topicArn: provisioned.lowStockTopicArn });
  const poller = new QueuePoller(clients.sqs, provisioned.queueUrls.inventoryCheck!, handler, options.visibilityTimeout ?? 1);
  const newRunner = (overrides: Partial<PipeRunnerOptions> = {}) =>
    new PipeRunner({
      config,
      pipes: pipeDefinitions.filter((pipe) => pipe.id === 'inventory-changes'),
      clients: { sqs: clients.sqs },
      pollIntervalMs: 50,
      ...options.runner,
      ...overrides,
    });
  const runner = newRunner();
  const inbox: ReceivedAlert[] = [];

  /** Moves what SNS delivered to the inbox queue into `inbox`. */
  const readInbox = async () => {
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: inboxUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return inbox;
      for (const message of Messages) {
        const envelope = JSON.parse(message.Body!) as { Subject: string; Message: string; MessageAttributes: ReceivedAlert['attributes'] };
        inbox.push({ subject: envelope.Subject, message: envelope.Message, attributes: envelope.MessageAttributes });
      }
      await clients.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: inboxUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    }
  };

  /** Runs the pipe and the poller until the stream is read and the queue is empty. */
  const settle = async (pipe: { pollOnce(): Promise<number> } | undefined = runner, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const moved = (pipe ? await pipe.pollOnce() : 0) + (await poller.pollOnce());
      if (moved === 0) {
        if ((await poller.backlog()) === 0 && (!pipe || (await pipe.pollOnce()) === 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (Date.now() > deadline) throw new Error('the alert path did not settle');
    }
    return readInbox();
  };

  return { ...test, handler, logger, poller, runner, newRunner, inbox, readInbox, settle };
}
