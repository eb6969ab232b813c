import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { QueueNames, TableNames } from '@store-front/sdk';
import { imageUploadsBucket } from '@store-front/sdk/resources';
import { Construct } from 'constructs';
import { acknowledge, wildcardFinding, type NagAcknowledgement } from './nag.js';

/** What {@link StorefrontImages} uses of the store: the gallery and stock tables, the queues. */
export interface StorefrontImagesProps {
  /** The gallery table the API and worker write, and the stock table whose `cover` the worker keeps. */
  readonly tables: Readonly<Pick<Record<keyof TableNames, dynamodb.ITable>, 'productImages' | 'inventory'>>;
  /** The store's queues; the uploads bucket notifies the SDK's `imageUploadsBucket.notifyQueue`. */
  readonly queues: Readonly<Record<keyof QueueNames, sqs.IQueue>>;
  /** What happens to the two buckets when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/** Object keys under a prefix, as `grant*` takes them (`uploads/` → `uploads/*`). */
const under = (prefix: string) => `${prefix}*`;

/**
 * Product images in AWS (docs/images.md): the private uploads bucket browsers POST to
 * (presigned), whose ObjectCreated notifications under `uploads/` go to the image-uploads queue; the
 * private media bucket the image worker writes WebP variants to, served by CloudFront through origin
 * access control with the year-long immutable caching the variants are written with. Keys, prefixes,
 * CORS and the queue all come from the SDK's `imageUploadsBucket`.
 */
export class StorefrontImages extends Construct {
  /** Browser uploads; each object expires after a day (the worker deletes it much sooner). */
  readonly uploadsBucket: s3.Bucket;
  /** The web variants (`images/<imageId>/<width>.webp`), read only by the distribution. */
  readonly mediaBucket: s3.Bucket;
  /** The CDN in front of the media bucket (origin access control, long immutable caching). */
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: where the media keys are served (the `mediaUrl` setting). */
  readonly mediaUrl: string;
  private readonly tables: StorefrontImagesProps['tables'];
  private readonly notifyQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: StorefrontImagesProps) {
    super(scope, id);
    this.tables = props.tables;
    this.notifyQueue = props.queues[imageUploadsBucket.notifyQueue];
    const privateBucket: s3.BucketProps = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    };
    this.uploadsBucket = new s3.Bucket(this, 'UploadsBucket', {
      ...privateBucket,
      lifecycleRules: [
        // An upload the worker could not take (its message dead-lettered) is not kept for ever.
        { prefix: imageUploadsBucket.keyPrefix, expiration: Duration.days(1) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.uploadsBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new SqsDestination(this.notifyQueue), { prefix: imageUploadsBucket.keyPrefix });

    this.mediaBucket = new s3.Bucket(this, 'MediaBucket', privateBucket);
    this.distribution = new cloudfront.Distribution(this, 'MediaDistribution', {
      comment: 'Store Front product images',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.mediaBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        // Honors the objects' Cache-Control (imageUploadsBucket.mediaCacheControl, a year) up to its one-year maximum.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
    });
    this.mediaUrl = `https://${this.distribution.distributionDomainName}`;

    const accessLogs = 'Objects are written and deleted only by the store\'s own functions (their logs and CloudTrail record it); server access logs would need one more bucket for little value.';
    acknowledge(this.uploadsBucket, [{ id: 'AwsSolutions-S1', reason: `Holds each upload for seconds, until the image worker has read it. ${accessLogs}` }]);
    acknowledge(this.mediaBucket, [{ id: 'AwsSolutions-S1', reason: `Read by CloudFront alone (its metrics show the requests). ${accessLogs}` }]);
    acknowledge(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'Product images are shown to every country the store sells to; no geo restriction is wanted.' },
      { id: 'AwsSolutions-CFR2', reason: 'Serves public, immutable product images only (GET/HEAD); WAF is left to the operator (docs/deploy.md) as it costs a fixed monthly fee.' },
      { id: 'AwsSolutions-CFR3', reason: 'Public images; access logs would need a log bucket with ACLs for little value. Enable them per docs/deploy.md if needed.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate cannot be pinned to TLS 1.2; with a custom domain set minimumProtocolVersion (already TLS_V1_2_2021).' },
    ]);
    this.acknowledgeNotificationsHandler();
  }

  /**
   * The browsers that may POST uploads: the SDK's CORS rule with its origins narrowed to `allowed`
   * (the page's origin, as for the API). Without `allowed` the SDK's own origins stay (any: the
   * presigned policy, not the origin, decides what may be sent).
   */
  allowBrowserUploads(allowed?: readonly string[]): void {
    const methods = new Set<string>(Object.values(s3.HttpMethods));
    for (const rule of imageUploadsBucket.cors) {
      const unknown = rule.AllowedMethods.filter((method) => !methods.has(method));
      if (unknown.length > 0) throw new Error(`imageUploadsBucket.cors: S3 has no CORS method ${unknown.join(', ')}`);
      this.uploadsBucket.addCorsRule({
        allowedMethods: rule.AllowedMethods as s3.HttpMethods[],
        allowedOrigins: [...(allowed ?? rule.AllowedOrigins)],
        allowedHeaders: rule.AllowedHeaders,
        maxAge: rule.MaxAgeSeconds,
      });
    }
  }

  /** The `StorefrontConfig` settings of the images resources, for `settingsEnvironment`. */
  settings(): Record<string, string> {
    return {
      'buckets.uploads': this.uploadsBucket.bucketName,
      'buckets.media': this.mediaBucket.bucketName,
      mediaUrl: this.mediaUrl,
      mediaDistributionId: this.distribution.distributionId,
    };
  }

  /**
   * What the SDK's `ImageService` (the API's image routes, or the direct transport) calls on the images
   * resources: the galleries, presigning uploads (the POST is authorised as the signer's
   * `s3:PutObject`), deleting an image's upload and variants, and invalidating the variants' paths.
   * The catalog and stock access it also needs comes with the API's or direct access's other grants.
   */
  grantManageImages(grantee: iam.IGrantable): iam.Grant {
    return [
      this.tables.productImages.grantReadWriteData(grantee),
      this.uploadsBucket.grantPut(grantee, under(imageUploadsBucket.keyPrefix)),
      this.uploadsBucket.grantDelete(grantee, under(imageUploadsBucket.keyPrefix)),
      this.mediaBucket.grantDelete(grantee, under(imageUploadsBucket.mediaKeyPrefix)),
      this.distribution.grantCreateInvalidation(grantee),
    ].reduce((all, grant) => all.combine(grant));
  }

  /**
   * What the SDK's `ImageWorker` calls: read and delete uploads (`grantRead` includes `s3:ListBucket`,
   * without which a re-delivered upload's GetObject answers 403 instead of NoSuchKey), put and delete
   * variants, update the gallery, and copy the cover onto the product's stock item (an `UpdateItem`
   * inside a transaction, authorised per item action).
   */
  grantProcessUploads(grantee: iam.IGrantable): iam.Grant {
    return [
      this.uploadsBucket.grantRead(grantee, under(imageUploadsBucket.keyPrefix)),
      this.uploadsBucket.grantDelete(grantee, under(imageUploadsBucket.keyPrefix)),
      this.mediaBucket.grantPut(grantee, under(imageUploadsBucket.mediaKeyPrefix)),
      this.mediaBucket.grantDelete(grantee, under(imageUploadsBucket.mediaKeyPrefix)),
      this.tables.productImages.grantReadWriteData(grantee),
      this.tables.inventory.grant(grantee, 'dynamodb:UpdateItem'),
    ].reduce((all, grant) => all.combine(grant));
  }

  /**
   * Makes `worker` the image worker: fed by the notification queue one upload per invocation (each
   * gets the whole timeout and memory; a batch's records would be decoded in parallel) with partial
   * batch failures, and granted {@link grantProcessUploads}.
   */
  attachWorker(worker: lambda.Function): void {
    worker.addEventSource(new SqsEventSource(this.notifyQueue, { batchSize: 1, reportBatchItemFailures: true }));
    this.grantProcessUploads(worker);
  }

  /**
   * The wildcards the grants above write, all inside the store's image buckets: for the functions
   * and the direct-access policy that hold them.
   */
  grantAcknowledgements(): NagAcknowledgement[] {
    const reason = "grant* scopes access to the store's image objects: uploads/* in the uploads bucket, images/* in the media bucket, with the S3 action families grantRead/grantPut/grantDelete use.";
    return [
      { id: wildcardFinding(this.uploadsBucket, `/${under(imageUploadsBucket.keyPrefix)}`), reason },
      { id: wildcardFinding(this.mediaBucket, `/${under(imageUploadsBucket.mediaKeyPrefix)}`), reason },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason })),
    ];
  }

  /**
   * CDK's S3 notifications handler is a singleton at the stack's root: its finding is acknowledged
   * there (its s3:PutBucketNotification is already scoped to the uploads bucket).
   */
  private acknowledgeNotificationsHandler(): void {
    const handler = Stack.of(this).node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
    if (!handler) return;
    acknowledge(handler, [
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's BucketNotificationsHandler (sets the uploads bucket's notification at deploy time): AWSLambdaBasicExecutionRole only writes its logs." },
    ]);
  }
}
