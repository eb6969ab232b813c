import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsCredentials, StorefrontConfig } from './config.js';

/**
 * The AWS SDK v3 clients the store talks through. Pass your own to `createStorefront` to add middleware.
 *
 * @group Configuration
 */
export interface AwsClients {
  /** DynamoDB: the store's tables (low-level client). */
  readonly dynamodb: DynamoDBClient;
  /** Document client over `dynamodb` (plain JS values in and out). */
  readonly documents: DynamoDBDocumentClient;
  /** SQS: the work queues and their dead-letter queues. */
  readonly sqs: SQSClient;
  /** SNS: low-stock alerts and the morning digest. */
  readonly sns: SNSClient;
  /** S3: report files, image uploads and their web variants. */
  readonly s3: S3Client;
  /** EventBridge Scheduler: the daily reports schedule. */
  readonly scheduler: SchedulerClient;
}

// An emulator accepts any credentials; without these the SDK would search the machine for real ones.
const emulatorCredentials: AwsCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Constructor options every client shares: region, endpoint and, against an emulator, credentials.
 *
 * @internal Used by the handlers and the local stack to build clients of their own.
 */
export function clientOptions(config: StorefrontConfig) {
  const credentials =
    config.credentials ??
    (config.endpoint && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE ? emulatorCredentials : undefined);
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  };
}

/**
 * Creates the AWS clients for `config`, each given its endpoint in the constructor. Each client is
 * constructed on first use and then kept, so a process that only reads the catalog or places orders
 * never pays for building the S3, SQS, SNS or Scheduler clients.
 *
 * @example
 * ```ts
 * const clients = createAwsClients(resolveConfig());
 * clients.dynamodb.middlewareStack.add((next) => (args) => next(args), { step: 'initialize' });
 * const store = createStorefront({ clients });
 * ```
 *
 * @group Configuration
 */
export function createAwsClients(config: StorefrontConfig): AwsClients {
  const options = clientOptions(config);
  const made: Partial<Record<keyof AwsClients, AwsClients[keyof AwsClients]>> = {};
  const once = <K extends keyof AwsClients>(name: K, make: () => AwsClients[K]): AwsClients[K] =>
    (made[name] ??= make()) as AwsClients[K];
  return {
    get dynamodb() {
      return once('dynamodb', () => new DynamoDBClient(options));
    },
    get documents() {
      return once('documents', () =>
        DynamoDBDocumentClient.from(this.dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
      );
    },
    // With an endpoint, send to it rather than to the QueueUrl's host.
    get sqs() {
      return once('sqs', () => new SQSClient({ ...options, useQueueUrlAsEndpoint: !config.endpoint }));
    },
    get sns() {
      return once('sns', () => new SNSClient(options));
    },
    // Emulators serve buckets by path, not by virtual host.
    get s3() {
      return once('s3', () => new S3Client({ ...options, forcePathStyle: Boolean(config.endpoint) }));
    },
    get scheduler() {
      return once('scheduler', () => new SchedulerClient(options));
    },
  };
}
