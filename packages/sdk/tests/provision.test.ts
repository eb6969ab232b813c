import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetBucketCorsCommand, GetBucketNotificationConfigurationCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createAwsClients, provisionResources, resolveConfig } from '../src/index.js';
import { ordersDayIndex } from '../src/entries/resources.js';
import { CallCounter, testSettings } from './support.js';

describe('provisionResources', () => {
  it('creates every resource, then a second call changes nothing and does not fail', async () => {
    const settings = testSettings();
    const config = resolveConfig(settings);
    const clients = createAwsClients(config);
    const calls = new CallCounter();
    calls.attach(clients);

    const first = await provisionResources({ ...settings, clients });
    expect(first.created).toEqual(
      expect.arrayContaining([
        `table ${config.tables.orders}`,
        `table ${config.tables.inventory}`,
        `bucket ${config.buckets.reports}`,
        `schedule ${config.schedules.dailyReports}`,
      ]),
    );
    expect(Object.keys(first.streamArns).sort()).toEqual(['inventory', 'reportJobs']);

    calls.reset();
    const second = await provisionResources({ ...settings, clients });
    expect(second.created).toEqual([]);
    expect(second.queueUrls).toEqual(first.queueUrls);
    expect(second.streamArns).toEqual(first.streamArns);
    // Nothing is created or modified the second time.
    const writes = [...calls.counts.keys()].filter((name) => /^(Create|Update|Put|Delete)/.test(name) && !['CreateQueueCommand', 'CreateTopicCommand'].includes(name));
    expect(writes).toEqual([]);

    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: config.tables.orders }));
    const dayIndex = Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === ordersDayIndex.indexName);
    expect(dayIndex?.KeySchema?.map((key) => key.AttributeName)).toEqual(['dayShard', 'orderDate']);
    const inventory = await clients.dynamodb.send(new DescribeTableCommand({ TableName: config.tables.inventory }));
    expect(inventory.Table?.StreamSpecification?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');

    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: first.queueUrls.inventoryCheck, AttributeNames: ['RedrivePolicy'] }),
    );
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: first.queueArns.inventoryCheckDlq, maxReceiveCount: 5 });

    // Browsers POST product images to the upload bucket; each new object is announced on the image-uploads queue.
    const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket: config.buckets.uploads }));
    expect(cors.CORSRules).toEqual([expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: ['*'] })]);
    const notifications = await clients.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: config.buckets.uploads }));
    expect(notifications.QueueConfigurations).toEqual([
      expect.objectContaining({ QueueArn: first.queueArns.imageUploads, Events: ['s3:ObjectCreated:*'] }),
    ]);
  });
});
