/*
 * The store's tables and queues, made from the SDK's shared definitions (nothing restated here), so
 * the deployed store and the local stack's provisioning cannot drift.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { QueueNames, TableNames } from '@store-front/sdk';
import { queueDefinitions, tableDefinitions, type KeyAttribute } from '@store-front/sdk/resources';
import type { Construct } from 'constructs';

/** `productCatalog` → `ProductCatalog`: a definition's id as a construct id. */
export function pascalCase(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}

/** One table per definition: on-demand, point-in-time recovery, encrypted, with its stream, TTL and indexes. */
export function createTables(scope: Construct, removalPolicy: RemovalPolicy): Record<keyof TableNames, dynamodb.Table> {
  const tables = {} as Record<keyof TableNames, dynamodb.Table>;
  for (const definition of tableDefinitions) {
    const table = new dynamodb.Table(scope, `${pascalCase(definition.id)}Table`, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      ...(definition.stream ? { stream: dynamodb.StreamViewType[definition.stream] } : {}),
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      removalPolicy,
    });
    for (const index of definition.globalSecondaryIndexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: dynamodb.ProjectionType[index.projection],
        ...(index.nonKeyAttributes ? { nonKeyAttributes: [...index.nonKeyAttributes] } : {}),
      });
    }
    tables[definition.id] = table;
  }
  return tables;
}

/** A queue only reachable over TLS, encrypted with SQS-managed keys. */
export function secureQueue(scope: Construct, id: string, props: sqs.QueueProps = {}): sqs.Queue {
  return new sqs.Queue(scope, id, { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED, ...props });
}

/** One queue per definition, each main queue redriving to its DLQ after the definition's receive count. */
export function createQueues(scope: Construct): Record<keyof QueueNames, sqs.Queue> {
  const queues = {} as Record<keyof QueueNames, sqs.Queue>;
  for (const definition of queueDefinitions) {
    const deadLetter = definition.deadLetter;
    queues[definition.id] = secureQueue(scope, `${pascalCase(definition.id)}Queue`, {
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(definition.messageRetentionSeconds),
      ...(deadLetter ? { deadLetterQueue: { queue: queues[deadLetter.queue], maxReceiveCount: deadLetter.maxReceiveCount } } : {}),
    });
  }
  return queues;
}

/** The ids of the dead-letter queues: every queue another queue redrives to. */
export function deadLetterQueueIds(): (keyof QueueNames)[] {
  return queueDefinitions.flatMap((definition) => (definition.deadLetter ? [definition.deadLetter.queue] : []));
}
