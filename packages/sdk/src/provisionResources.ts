import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException as ScheduleNotFoundException,
} from '@aws-sdk/client-scheduler';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, type AwsClients } from './clients.js';
import { ensureBucket, ensureReportRetention, ensureUploadsBucketWiring } from './provisionBuckets.js';
import { resolveConfig, type StorefrontConfig, type StorefrontConfigInput } from './config.js';
import {
  dailyReportsSchedule,
  imageUploadsBucket,
  queueDefinitions,
  tableDefinitions,
  topicDefinitions,
  type KeyAttribute,
  type TableDefinition,
} from './resources.js';

/**
 * Options of {@link provisionResources}.
 *
 * @group Store
 */
export interface ProvisionOptions extends StorefrontConfigInput {
  /** Clients to use (e.g. with middleware); default: created from the config. */
  readonly clients?: AwsClients;
  /**
   * What the daily schedule invokes. Default: the `scheduled-report` function ARN in the emulator's
   * account (the local stack fires schedules itself, so the ARN only has to be well-formed there).
   */
  readonly scheduleTarget?: {
    /** ARN of the function the schedule invokes. */
    readonly arn: string;
    /** ARN of the role EventBridge Scheduler assumes to invoke it. */
    readonly roleArn: string;
  };
}

/**
 * What {@link provisionResources} found or made.
 *
 * @group Store
 */
export interface ProvisionedResources {
  /** The settings the resources were provisioned with. */
  readonly config: StorefrontConfig;
  /** Queue URLs by config key. */
  readonly queueUrls: Readonly<Record<string, string>>;
  /** Queue ARNs by config key. */
  readonly queueArns: Readonly<Record<string, string>>;
  /** The low-stock alerts topic ARN. */
  readonly lowStockTopicArn: string;
  /** Topic ARNs by config key. */
  readonly topicArns: Readonly<Record<string, string>>;
  /** Stream ARNs by table config key (tables with streams only). */
  readonly streamArns: Readonly<Record<string, string>>;
  /** Resources created by this call (empty when everything already existed). */
  readonly created: readonly string[];
}

const emulatorAccount = '123456789012';

/**
 * Creates every table, queue, topic, bucket and schedule of the store from the shared resource
 * definitions. Idempotent: what exists is left as it is, so a second call changes nothing.
 *
 * @example
 * ```ts
 * await provisionResources({ endpoint: 'http://127.0.0.1:5000' });
 * const store = createStorefront({ endpoint: 'http://127.0.0.1:5000' });
 * ```
 *
 * @group Store
 */
export async function provisionResources(options: ProvisionOptions = {}): Promise<ProvisionedResources> {
  const config = resolveConfig(options);
  const clients = options.clients ?? createAwsClients(config);
  const created: string[] = [];

  const streamArns: Record<string, string> = {};
  await Promise.all(
    tableDefinitions.map(async (definition) => {
      const { streamArn, wasCreated } = await ensureTable(clients, config.tables[definition.id], definition);
      if (wasCreated) created.push(`table ${config.tables[definition.id]}`);
      if (streamArn) streamArns[definition.id] = streamArn;
    }),
  );

  const queueUrls: Record<string, string> = {};
  const queueArns: Record<string, string> = {};
  for (const definition of queueDefinitions) {
    const attributes: Record<string, string> = {
      VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(definition.messageRetentionSeconds),
    };
    if (definition.deadLetter) {
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: queueArns[definition.deadLetter.queue],
        maxReceiveCount: definition.deadLetter.maxReceiveCount,
      });
    }
    const { QueueUrl } = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: config.queues[definition.id], Attributes: attributes }),
    );
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    queueUrls[definition.id] = QueueUrl!;
    queueArns[definition.id] = Attributes!.QueueArn!;
  }

  const topicArns = await ensureTopics(clients, config);
  for (const bucket of Object.values(config.buckets)) {
    if (await ensureBucket(clients, config, bucket)) created.push(`bucket ${bucket}`);
  }
  await ensureReportRetention(clients, config);
  await ensureUploadsBucketWiring(clients, config, queueArns[imageUploadsBucket.notifyQueue]!);

  if (await ensureSchedule(clients, config, options.scheduleTarget)) {
    created.push(`schedule ${config.schedules.dailyReports}`);
  }

  return { config, queueUrls, queueArns, lowStockTopicArn: topicArns.lowStockAlerts!, topicArns, streamArns, created };
}

/** Every topic of `topicDefinitions` (CreateTopic is idempotent), low-stock e-mails subscribed. */
async function ensureTopics(clients: AwsClients, config: StorefrontConfig): Promise<Record<string, string>> {
  const topicArns: Record<string, string> = {};
  for (const definition of topicDefinitions) {
    const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: config.topics[definition.id] }));
    topicArns[definition.id] = TopicArn!;
  }
  for (const email of config.alertEmails) {
    await clients.sns.send(new SubscribeCommand({ TopicArn: topicArns.lowStockAlerts, Protocol: 'email', Endpoint: email }));
  }
  return topicArns;
}

async function ensureTable(
  clients: AwsClients,
  tableName: string,
  definition: TableDefinition,
): Promise<{ streamArn: string | undefined; wasCreated: boolean }> {
  let wasCreated = false;
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await clients.dynamodb.send(new CreateTableCommand(createTableInput(tableName, definition)));
    wasCreated = true;
  }
  await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
  if (definition.timeToLiveAttribute) {
    const { TimeToLiveDescription } = await clients.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: tableName }),
    );
    if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await clients.dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  return { streamArn: Table?.LatestStreamArn, wasCreated };
}

/**
 * The CreateTable request for a definition (on-demand billing).
 *
 * @internal The local stack creates tables with it.
 */
export function createTableInput(tableName: string, definition: TableDefinition) {
  const attributes = new Map<string, KeyAttribute>();
  const keySchema = (partitionKey: KeyAttribute, sortKey?: KeyAttribute) => {
    for (const key of [partitionKey, sortKey]) if (key) attributes.set(key.name, key);
    return [
      { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
      ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const KeySchema = keySchema(definition.partitionKey, definition.sortKey);
  const GlobalSecondaryIndexes = definition.globalSecondaryIndexes?.map((index) => ({
    IndexName: index.indexName,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: {
      ProjectionType: index.projection,
      ...(index.nonKeyAttributes ? { NonKeyAttributes: [...index.nonKeyAttributes] } : {}),
    },
  }));
  const AttributeDefinitions: AttributeDefinition[] = [...attributes.values()].map((key) => ({
    AttributeName: key.name,
    AttributeType: key.type,
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema,
    AttributeDefinitions,
    ...(GlobalSecondaryIndexes ? { GlobalSecondaryIndexes } : {}),
    ...(definition.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream } } : {}),
  };
}

async function ensureSchedule(
  clients: AwsClients,
  config: StorefrontConfig,
  target: ProvisionOptions['scheduleTarget'],
): Promise<boolean> {
  const Name = config.schedules.dailyReports;
  const GroupName = config.schedules.group;
  try {
    await clients.scheduler.send(new GetScheduleCommand({ Name, GroupName }));
    return false; // keep whatever expression setSchedule may have chosen
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundException)) throw error;
  }
  const functionName = config.prefix
    ? `${config.prefix}-${dailyReportsSchedule.targetFunction}`
    : dailyReportsSchedule.targetFunction;
  await clients.scheduler.send(
    new CreateScheduleCommand({
      Name,
      GroupName,
      ScheduleExpression: dailyReportsSchedule.expression,
      ScheduleExpressionTimezone: config.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: target?.arn ?? `arn:aws:lambda:${config.region}:${emulatorAccount}:function:${functionName}`,
        RoleArn: target?.roleArn ?? `arn:aws:iam::${emulatorAccount}:role/${functionName}-scheduler`,
        Input: JSON.stringify(dailyReportsSchedule.input),
      },
    }),
  );
  return true;
}
