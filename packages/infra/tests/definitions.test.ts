import { imageLimits, imageUploadsBucket, pipeDefinitions, queueDefinitions, tableDefinitions } from '@store-front/sdk/resources';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourceText, synthesizeStore } from './support.js';

// The deployed resources are the SDK's definitions: the same list the local stack provisions.
const { stack, store, template, logicalId } = synthesizeStore();

const keySchema = (partitionKey: { name: string }, sortKey?: { name: string }) => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
];

describe('synthesized resources match the SDK definitions', () => {
  it('has exactly one table per definition', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', tableDefinitions.length);
  });

  it.each(tableDefinitions.map((definition) => [definition.id, definition] as const))('table %s: keys, indexes, stream, TTL, on-demand, PITR, encryption', (_, definition) => {
    const table = template.toJSON().Resources[logicalId(store.tables[definition.id])].Properties;
    expect(table.KeySchema).toEqual(keySchema(definition.partitionKey, definition.sortKey));
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.StreamSpecification).toEqual(definition.stream ? { StreamViewType: definition.stream } : undefined);
    expect(table.TimeToLiveSpecification).toEqual(
      definition.timeToLiveAttribute ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined,
    );
    const indexes = (definition.globalSecondaryIndexes ?? []).map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection, ...(index.nonKeyAttributes ? { NonKeyAttributes: [...index.nonKeyAttributes] } : {}) },
    }));
    expect(table.GlobalSecondaryIndexes ?? []).toEqual(indexes);
    const keys = [definition.partitionKey, definition.sortKey, ...(definition.globalSecondaryIndexes ?? []).flatMap((index) => [index.partitionKey, index.sortKey])];
    const attributes = new Map(keys.filter((key) => key !== undefined).map((key) => [key.name, key.type]));
    expect(table.AttributeDefinitions).toEqual(expect.arrayContaining([...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }))));
    expect(table.AttributeDefinitions).toHaveLength(attributes.size);
    expect(table.TableName).toBeUndefined();
  });

  it.each(queueDefinitions.map((definition) => [definition.id, definition] as const))('queue %s: visibility, retention, redrive, TLS only', (_, definition) => {
    const id = logicalId(store.queues[definition.id]);
    const queue = template.toJSON().Resources[id].Properties;
    expect(queue.VisibilityTimeout).toBe(definition.visibilityTimeoutSeconds);
    expect(queue.MessageRetentionPeriod).toBe(definition.messageRetentionSeconds);
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.QueueName).toBeUndefined();
    const redrive = definition.deadLetter;
    expect(queue.RedrivePolicy).toEqual(
      redrive ? { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(store.queues[redrive.queue]), 'Arn'] }, maxReceiveCount: redrive.maxReceiveCount } : undefined,
    );
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it.each(pipeDefinitions.map((definition, index) => [definition.id, definition, index] as const))('pipe %s: source stream, target queue, filters, batch size, DLQ', (_, definition, index) => {
    template.resourceCountIs('AWS::Pipes::Pipe', pipeDefinitions.length);
    const pipe = store.pipes[index]!;
    const properties = template.toJSON().Resources[stack.getLogicalId(pipe.pipe)].Properties;
    expect(properties.Source).toEqual({ 'Fn::GetAtt': [logicalId(store.tables[definition.sourceTable]), 'StreamArn'] });
    expect(properties.Target).toEqual({ 'Fn::GetAtt': [logicalId(store.queues[definition.targetQueue]), 'Arn'] });
    expect(properties.SourceParameters.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern))).toEqual(definition.filterPatterns);
    const stream = properties.SourceParameters.DynamoDBStreamParameters;
    expect(stream).toMatchObject({ BatchSize: definition.batchSize, StartingPosition: definition.startingPosition });
    expect(resourceText(stream.DeadLetterConfig.Arn)).toBe(`<${logicalId(pipe.deadLetterQueue)}>`);
  });

  it('image uploads: the SDK\'s CORS rule (its own origins when the store has no page), notifications under its prefix to its queue', () => {
    const bucket = template.toJSON().Resources[logicalId(store.images.uploadsBucket)].Properties;
    expect(bucket.CorsConfiguration.CorsRules).toEqual(
      imageUploadsBucket.cors.map((rule) => ({ AllowedMethods: rule.AllowedMethods, AllowedOrigins: rule.AllowedOrigins, AllowedHeaders: rule.AllowedHeaders, MaxAge: rule.MaxAgeSeconds })),
    );
    const notification = Object.values(template.findResources('Custom::S3BucketNotifications'))[0]!.Properties.NotificationConfiguration;
    expect(notification.QueueConfigurations).toEqual([
      expect.objectContaining({
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: imageUploadsBucket.keyPrefix }] } },
        QueueArn: { 'Fn::GetAtt': [logicalId(store.queues[imageUploadsBucket.notifyQueue]), 'Arn'] },
      }),
    ]);
  });

  it('every queue a function consumes stays invisible for at least the function\'s timeout (the image worker\'s is the SDK\'s)', () => {
    const resources = template.toJSON().Resources;
    for (const mapping of Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))) {
      const fn = resources[mapping.Properties.FunctionName.Ref].Properties;
      const queue = resources[mapping.Properties.EventSourceArn['Fn::GetAtt'][0]].Properties;
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(fn.Timeout);
    }
    expect(resources[logicalId(store.functions.imageWorker)].Properties.Timeout).toBe(imageLimits.workerTimeoutSeconds);
  });
});
