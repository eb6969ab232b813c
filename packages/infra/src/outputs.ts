import { CfnOutput } from 'aws-cdk-lib';
import type { Storefront } from './Storefront.js';

/**
 * The stack outputs of a store: what a deployer needs next (URLs, bucket names, topic ARNs, the
 * access policies' ARNs).
 *
 * @internal Called by the Storefront construct.
 */
export function createStorefrontOutputs(store: Storefront): void {
  const output = (id: string, value: string, description: string) => new CfnOutput(store, id, { value, description });
  output('ApiUrl', store.apiUrl, 'Base URL of the HTTP API');
  output('ReportsBucketName', store.reportsBucket.bucketName, 'Bucket holding the report CSVs');
  output('LowStockTopicArn', store.lowStockTopic.topicArn, 'Low-stock alerts (e-mail subscriptions need confirming)');
  output('ReportsTopicArn', store.reportsTopic.topicArn, 'Daily report digest');
  output('OperationsTopicArn', store.operationsTopic.topicArn, 'Alarms');
  output('AdminApiPolicyArn', store.adminApiPolicy.managedPolicyArn, 'Attach to call the admin routes (SigV4)');
  output('DirectAccessPolicyArn', store.directAccessPolicy.managedPolicyArn, 'Attach to use the SDK directly');
  output('MediaUrl', store.images.mediaUrl, 'Where product images are served (CloudFront)');
  output('UploadsBucketName', store.images.uploadsBucket.bucketName, 'Bucket browsers upload product images to (presigned POSTs)');
  output('MediaBucketName', store.images.mediaBucket.bucketName, 'Bucket holding the product images\' web variants');
  if (store.site) output('SiteUrl', store.site.origin, 'The storefront page');
}
