import { createHash, randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { AwsClients, StorefrontConfig } from '@store-front/sdk';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * What the `report-requests` pipe sends for a new job, until the local pipe runner lands: the
 * `report-jobs` stream's INSERT record (as DynamoDB Streams shapes it) for the job as stored.
 */
export async function pipeMessageFor(clients: AwsClients, config: StorefrontConfig, executionId: string): Promise<string> {
  const { Item } = await clients.dynamodb.send(
    new GetItemCommand({ TableName: config.tables.reportJobs, Key: { executionId: { S: executionId } }, ConsistentRead: true }),
  );
  if (!Item) throw new Error(`no job ${executionId}`);
  return JSON.stringify({
    eventID: randomUUID().replace(/-/g, ''),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: config.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { executionId: { S: executionId } },
      NewImage: Item,
      SequenceNumber: String(Date.now()),
      SizeBytes: JSON.stringify(Item).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:${config.region}:123456789012:table/${config.tables.reportJobs}/stream/2024-01-01T00:00:00.000`,
  });
}

/** An SQS event as the Lambda event source mapping delivers `report-requests` messages. */
export function sqsEvent(config: StorefrontConfig, bodies: readonly string[]): SQSEvent {
  const Records = bodies.map(
    (body): SQSRecord => ({
      messageId: randomUUID(),
      receiptHandle: randomUUID(),
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'pipe',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${config.region}:123456789012:${config.queues.reportRequests}`,
      awsRegion: config.region,
    }),
  );
  return { Records };
}
