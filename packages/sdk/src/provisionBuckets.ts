/*
 * The store's buckets for provisionResources: each created if missing, the reports' retention rule,
 * and the uploads bucket's CORS and ObjectCreated notifications (the image worker's queue).
 */
import {
  CreateBucketCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
} from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.js';
import type { StorefrontConfig } from './config.js';
import { imageUploadsBucket, reportRetention } from './resources.js';

/** The reports bucket's retention rule, written once (a second call changes nothing). */
export async function ensureReportRetention(clients: AwsClients, config: StorefrontConfig): Promise<void> {
  if (await hasReportRetention(clients, config.buckets.reports)) return;
  const rule = { ID: 'expire-reports', Status: 'Enabled' as const, Filter: { Prefix: reportRetention.prefix }, Expiration: { Days: reportRetention.days } };
  await clients.s3.send(
    new PutBucketLifecycleConfigurationCommand({ Bucket: config.buckets.reports, LifecycleConfiguration: { Rules: [rule] } }),
  );
}

/** True when the bucket already expires reports after the retention (so provisioning writes nothing). */
async function hasReportRetention(clients: AwsClients, bucket: string): Promise<boolean> {
  try {
    const { Rules = [] } = await clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return Rules.some((rule) => rule.ID === 'expire-reports' && rule.Expiration?.Days === reportRetention.days);
  } catch {
    return false; // NoSuchLifecycleConfiguration
  }
}

export async function ensureBucket(clients: AwsClients, config: StorefrontConfig, Bucket: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket }));
    return false;
  } catch {
    await clients.s3.send(
      new CreateBucketCommand({
        Bucket,
        ...(config.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: config.region as never } }),
      }),
    );
    return true;
  }
}

/** Browser uploads (CORS) and their ObjectCreated notifications to the image-uploads queue. */
export async function ensureUploadsBucketWiring(clients: AwsClients, config: StorefrontConfig, queueArn: string): Promise<void> {
  const Bucket = config.buckets[imageUploadsBucket.bucket];
  const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket })).catch(() => undefined);
  if (!cors?.CORSRules?.length) {
    await clients.s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: imageUploadsBucket.cors.map((rule) => structuredClone(rule)) } }));
  }
  // Putting the same configuration again would send S3's test event again: only when it differs.
  const current = await clients.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
  if (current.QueueConfigurations?.some((entry) => entry.QueueArn === queueArn)) return;
  await clients.s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket,
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            QueueArn: queueArn,
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: imageUploadsBucket.keyPrefix }] } },
          },
        ],
      },
    }),
  );
}
