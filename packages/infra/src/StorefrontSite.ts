import { DefaultStackSynthesizer, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deployment from 'aws-cdk-lib/aws-s3-deployment';
import { contentSecurityPolicy } from '@store-front/sdk/resources';
import { Construct } from 'constructs';
import { acknowledge, findingEnvironment, wildcardFinding, type NagAcknowledgement } from './nag.js';

/** Options of {@link StorefrontSite}. */
export interface StorefrontSiteProps {
  /** The built page: `index.html` and `assets/`. */
  readonly assetsDirectory: string;
  readonly removalPolicy: RemovalPolicy;
  /** Where product images are served from (the media CDN's origin), for `img-src`. @default - none */
  readonly mediaOrigins?: readonly string[];
}

/**
 * The page's Content-Security-Policy in AWS (the SDK's `contentSecurityPolicy`): its own files,
 * images from the media CDN, requests to the store's API and image uploads to S3. The API and the
 * uploads bucket are named by their regional domains, not their ids: their CORS names this
 * distribution, so naming them here would make each wait for the other.
 */
export function siteContentSecurityPolicy(region: string, mediaOrigins: readonly string[] = []): string {
  return contentSecurityPolicy({
    media: mediaOrigins,
    api: [`https://*.execute-api.${region}.amazonaws.com`],
    // Presigned POSTs go to the bucket's virtual-hosted regional endpoint.
    upload: [`https://*.s3.${region}.amazonaws.com`],
  });
}

/**
 * The storefront page in AWS: a private bucket read only by CloudFront (origin access control), the
 * browser security headers on every answer, and `/config.json` telling the page where the API is.
 */
export class StorefrontSite extends Construct {
  /** The private bucket holding the page. */
  readonly bucket: s3.Bucket;
  /** The CloudFront distribution serving it. */
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the page's origin (for the API's CORS). */
  readonly origin: string;
  private readonly assetsDirectory: string;

  constructor(scope: Construct, id: string, props: StorefrontSiteProps) {
    super(scope, id);
    this.assetsDirectory = props.assetsDirectory;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Store Front page: CSP (never framed), nosniff, HSTS, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: siteContentSecurityPolicy(Stack.of(this).region, props.mediaOrigins), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Store Front page',
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    acknowledge(this.bucket, [
      { id: 'AwsSolutions-S1', reason: 'The bucket only holds the public page\'s build output, read by CloudFront alone; requests are visible in CloudFront metrics.' },
    ]);
    acknowledge(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'The store sells to every country; no geo restriction is wanted.' },
      { id: 'AwsSolutions-CFR2', reason: 'A static page of public files; WAF is left to the operator (docs/deploy.md) as it costs a fixed monthly fee.' },
      { id: 'AwsSolutions-CFR3', reason: 'Static public files; access logs would need a log bucket with ACLs for little value. Enable them per docs/deploy.md if needed.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate cannot be pinned to TLS 1.2; with a custom domain set minimumProtocolVersion (already TLS_V1_2_2021).' },
    ]);
  }

  /** Uploads the page and `/config.json` (`{"apiUrl": …}`, resolved at deploy time), then invalidates the cache. */
  publishConfig(config: { readonly apiUrl: string }): deployment.BucketDeployment {
    const upload = new deployment.BucketDeployment(this, 'Upload', {
      destinationBucket: this.bucket,
      sources: [deployment.Source.asset(this.assetsDirectory), deployment.Source.jsonData('config.json', config)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // BucketDeployment's function is a singleton at the stack's root: its findings are acknowledged there.
    const handler = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) acknowledge(handler, this.uploadAcknowledgements());
    return upload;
  }

  private uploadAcknowledgements(): NagAcknowledgement[] {
    const copies = "CDK's BucketDeployment copies the page from the CDK asset bucket into the page bucket (replacing old files) and invalidates the distribution: its grants are wildcards by construction, scoped to those two buckets.";
    const { region, account } = findingEnvironment(this);
    return [
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's BucketDeployment function: AWSLambdaBasicExecutionRole only writes its logs." },
      { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment function: aws-cdk-lib picks and updates its runtime." },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'cloudfront:CreateInvalidation/GetInvalidation have no resource-level scoping in BucketDeployment.' },
      { id: wildcardFinding(this.bucket, '/*'), reason: copies },
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}/*]`, reason: copies },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: copies })),
    ];
  }
}
