import { dailyReportsSchedule, imageLimits, imageUploadsBucket, pipeDefinitions, queueDefinitions, reportJobLimits, tableDefinitions } from '@store-front/sdk/resources';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { apiPaths, corsExposedHeaders } from '../src/index.js';
import { pageDirectory, permissionsOf, resourceText, roleOf, synthesizeStore } from './support.js';

const { stack, store, template, logicalId } = synthesizeStore({
  alertEmails: ['ops@example.com'],
  reportEmails: ['boss@example.com'],
  timeZone: 'Europe/Berlin',
  reportRetentionDays: 30,
  webSite: { assetsDirectory: pageDirectory() },
});

describe('Storefront construct', () => {
  it('has the resources of the store: tables, queues (with the pipes\' and schedule\'s DLQs), five functions, two pipes, one schedule, two CDNs', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', tableDefinitions.length);
    template.resourceCountIs('AWS::SQS::Queue', queueDefinitions.length + pipeDefinitions.length + 1);
    // The five handlers plus CDK's BucketDeployment (the page) and BucketNotificationsHandler (uploads) functions.
    template.resourceCountIs('AWS::Lambda::Function', 7);
    template.resourceCountIs('AWS::Pipes::Pipe', pipeDefinitions.length);
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.resourceCountIs('AWS::SNS::Topic', 3);
    // The page and the product images.
    template.resourceCountIs('AWS::CloudFront::Distribution', 2);
    // Reports, page, uploads, media.
    template.resourceCountIs('AWS::S3::Bucket', 4);
  });

  it('runs every handler on Node.js 22, arm64, with source maps and its settings from StorefrontConfig variables', () => {
    for (const fn of Object.values(store.functions.byName())) {
      const properties = template.toJSON().Resources[logicalId(fn)].Properties;
      expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const environment = properties.Environment.Variables;
      expect(environment.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(environment.STOREFRONT_ORDERS_TABLE).toEqual({ Ref: logicalId(store.tables.orders) });
      expect(environment.STOREFRONT_REPORTS_BUCKET).toEqual({ Ref: logicalId(store.reportsBucket) });
      expect(environment.STOREFRONT_TIMEZONE).toBe('Europe/Berlin');
      expect(Object.keys(environment).every((name) => name === 'NODE_OPTIONS' || name.startsWith('STOREFRONT_'))).toBe(true);
    }
    const api = template.toJSON().Resources[logicalId(store.functions.api)].Properties.Environment.Variables;
    expect(api.STOREFRONT_CURSOR_SECRET_ARN).toEqual({ Ref: logicalId(store.cursorSecret) });
    const worker = template.toJSON().Resources[logicalId(store.functions.reportWorker)].Properties;
    expect(worker.Timeout).toBe(reportJobLimits.runningTimeoutSeconds);
    // Each topic ARN goes to the one function that publishes to it, as its StorefrontConfig setting.
    expect(worker.Environment.Variables.STOREFRONT_REPORTS_TOPIC_ARN).toEqual({ Ref: logicalId(store.reportsTopic) });
    const checker = template.toJSON().Resources[logicalId(store.functions.inventoryChecker)].Properties.Environment.Variables;
    expect(checker.STOREFRONT_LOW_STOCK_TOPIC_ARN).toEqual({ Ref: logicalId(store.lowStockTopic) });
    expect(api.STOREFRONT_REPORTS_TOPIC_ARN).toBeUndefined();
    expect(api.STOREFRONT_LOW_STOCK_TOPIC_ARN).toBeUndefined();
    const images = template.toJSON().Resources[logicalId(store.functions.imageWorker)].Properties;
    expect(images).toMatchObject({ Timeout: imageLimits.workerTimeoutSeconds, MemorySize: 1536 });
    // The API (ImageService) and the worker get the images settings.
    for (const fn of [store.functions.api, store.functions.imageWorker]) {
      expect(template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables).toMatchObject({
        STOREFRONT_UPLOADS_BUCKET: { Ref: logicalId(store.images.uploadsBucket) },
        STOREFRONT_MEDIA_BUCKET: { Ref: logicalId(store.images.mediaBucket) },
        STOREFRONT_MEDIA_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(store.images.distribution), 'DomainName'] }]] },
        STOREFRONT_MEDIA_DISTRIBUTION_ID: { Ref: logicalId(store.images.distribution) },
      });
    }
  });

  it('feeds the queue consumers with partial batch failures', () => {
    const source = (fn: string, queue: string, batchSize: number) =>
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: fn },
        EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
        BatchSize: batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    source(logicalId(store.functions.inventoryChecker), logicalId(store.queues.inventoryCheck), 10);
    source(logicalId(store.functions.reportWorker), logicalId(store.queues.reportRequests), 1);
    source(logicalId(store.functions.imageWorker), logicalId(store.queues.imageUploads), 1);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
  });

  it('routes each path of the handler\'s route table as one ANY route, IAM-authorized exactly when it is an admin path, plus $default', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
    const byKey = Object.fromEntries(routes.map((route) => [route.RouteKey, route.AuthorizationType]));
    const expected = Object.fromEntries(apiPaths().map(({ path, admin }) => [`ANY ${path}`, admin ? 'AWS_IAM' : 'NONE']));
    expect(byKey).toEqual({ ...expected, $default: 'NONE' });
    expect(byKey['ANY /alerts']).toBe('AWS_IAM');
    expect(byKey['ANY /order']).toBe('NONE');
  });

  it('answers CORS for the page\'s origin only, exposing the contract\'s headers; throttles and logs every request', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(store.site!.distribution), 'DomainName'] }]] }],
        ExposeHeaders: [...corsExposedHeaders],
        AllowHeaders: Match.arrayWith(['idempotency-key', 'authorization']),
      }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
    });
  });

  it('schedules the daily reports in the store time zone with the SDK\'s input, retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'storefront-daily-reports',
      ScheduleExpression: dailyReportsSchedule.expression,
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId(store.functions.scheduledReport), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [logicalId(store.dailyReports.role), 'Arn'] },
        Input: JSON.stringify(dailyReportsSchedule.input),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(store.dailyReports.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('keeps reports private, encrypted, TLS-only and for the retention', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Prefix: 'reports/', ExpirationInDays: 30, Status: 'Enabled' })]) },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(store.reportsBucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('subscribes the e-mail addresses to their topics', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: logicalId(store.lowStockTopic) } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'boss@example.com', TopicArn: { Ref: logicalId(store.reportsTopic) } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: logicalId(store.operationsTopic) } });
  });

  it('serves the page from a private bucket through CloudFront (OAC) with the browser security headers and /config.json', () => {
    // The page's and the media's.
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
        }),
      },
    });
    const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const csp = resourceText(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("frame-ancestors 'none'");
    // Pictures from the media CDN; uploads to the bucket's regional endpoint (by wildcard: the bucket's CORS names the page).
    expect(csp).toContain(`img-src 'self' data: https://<${logicalId(store.images.distribution)}>;`);
    expect(csp).toContain('connect-src \'self\' https://*.execute-api.eu-west-1.amazonaws.com https://*.s3.eu-west-1.amazonaws.com;');
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]!;
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain(logicalId(store.httpApi.api));
  });

  it('exports the API URL, buckets, media URL, topics and both managed policies', () => {
    const outputs = Object.keys(template.toJSON().Outputs).map((name) => name.replace(/^Store/, '').replace(/[0-9A-F]{8}$/, ''));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'ReportsBucketName', 'LowStockTopicArn', 'ReportsTopicArn', 'OperationsTopicArn', 'AdminApiPolicyArn', 'DirectAccessPolicyArn', 'SiteUrl', 'MediaUrl', 'UploadsBucketName', 'MediaBucketName']));
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    const report = new AwsSolutionsChecks(stack).validateScope(stack);
    expect(report.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((r) => r.resourceLogicalId).join(',')}`)).toEqual([]);
  });
});

describe('product images', () => {
  const uploads = () => template.toJSON().Resources[logicalId(store.images.uploadsBucket)].Properties;
  const privateBucket = {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
  };
  const tlsOnly = (bucket: Parameters<typeof logicalId>[0]) =>
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(bucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });

  it('keeps uploads private, TLS-only and for a day, with the SDK\'s CORS rule narrowed to the page\'s origin', () => {
    expect(uploads()).toMatchObject(privateBucket);
    tlsOnly(store.images.uploadsBucket);
    expect(uploads().LifecycleConfiguration.Rules).toEqual([
      { Prefix: imageUploadsBucket.keyPrefix, ExpirationInDays: 1, Status: 'Enabled' },
      { AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
    ]);
    expect(uploads().CorsConfiguration.CorsRules).toEqual(
      imageUploadsBucket.cors.map((rule) => ({
        AllowedMethods: rule.AllowedMethods,
        AllowedHeaders: rule.AllowedHeaders,
        MaxAge: rule.MaxAgeSeconds,
        AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(store.site!.distribution), 'DomainName'] }]] }],
      })),
    );
  });

  it('notifies the image-uploads queue of objects created under the upload prefix, and the queue lets S3 send', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(store.images.uploadsBucket) },
      NotificationConfiguration: {
        QueueConfigurations: [{
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: imageUploadsBucket.keyPrefix }] } },
          QueueArn: { 'Fn::GetAtt': [logicalId(store.queues[imageUploadsBucket.notifyQueue]), 'Arn'] },
        }],
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(store.queues.imageUploads) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: Match.arrayWith(['sqs:SendMessage']) })]) },
    });
  });

  it('serves media from a private bucket through CloudFront (OAC, HTTPS only, cached as the objects say)', () => {
    expect(template.toJSON().Resources[logicalId(store.images.mediaBucket)].Properties).toMatchObject(privateBucket);
    tlsOnly(store.images.mediaBucket);
    const distribution = logicalId(store.images.distribution);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(store.images.mediaBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      },
    });
    const config = template.toJSON().Resources[distribution].Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
    });
    expect(config.Origins).toEqual([
      expect.objectContaining({ DomainName: { 'Fn::GetAtt': [logicalId(store.images.mediaBucket), 'RegionalDomainName'] }, OriginAccessControlId: expect.anything() }),
    ]);
  });
});

describe('two stores in one account', () => {
  it('name nothing globally: tables, queues, buckets and topics are named by CloudFormation; the schedule by the prefix', () => {
    const other = synthesizeStore({ prefix: 'outlet' });
    for (const [type, nameProperty] of [['AWS::DynamoDB::Table', 'TableName'], ['AWS::SQS::Queue', 'QueueName'], ['AWS::S3::Bucket', 'BucketName'], ['AWS::SNS::Topic', 'TopicName']] as const) {
      for (const resource of Object.values(other.template.findResources(type))) expect(resource.Properties?.[nameProperty]).toBeUndefined();
    }
    other.template.hasResourceProperties('AWS::Scheduler::Schedule', { Name: 'outlet-daily-reports' });
    other.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'outlet-storefront' });
  });
});

describe('least privilege', () => {
  const role = (fn: keyof ReturnType<typeof store.functions.byName>) => roleOf(template, logicalId(store.functions.byName()[fn]!));
  const permissions = (fn: Parameters<typeof role>[0]) => permissionsOf(template, role(fn));
  const t = (table: keyof typeof store.tables) => `<${logicalId(store.tables[table])}>`;

  it('gives only the API function the cursor secret', () => {
    const secret = `<${logicalId(store.cursorSecret)}>`;
    expect(permissions('Api')[secret]).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    for (const fn of ['InventoryChecker', 'ReportWorker', 'ScheduledReport'] as const) expect(permissions(fn)[secret]).toBeUndefined();
  });

  const uploads = `<${logicalId(store.images.uploadsBucket)}>`;
  const media = `<${logicalId(store.images.mediaBucket)}>`;
  const mediaDistribution = `arn:<AWS::Partition>:cloudfront::123456789012:distribution/<${logicalId(store.images.distribution)}>`;

  it('lets the API read and write the store\'s data, read the alert log and report files, manage images, and nothing else', () => {
    const api = permissions('Api');
    expect(Object.keys(api).sort()).toEqual(
      [t('productCatalog'), `${t('productCatalog')}/index/*`, t('inventory'), `${t('inventory')}/index/*`, t('orders'), `${t('orders')}/index/*`, t('reportJobs'), `${t('reportJobs')}/index/*`, t('alertLog'), `${t('alertLog')}/index/*`, t('dailySales'), `<${logicalId(store.reportsBucket)}>/reports/*`, `<${logicalId(store.reportsBucket)}>`, `<${logicalId(store.cursorSecret)}>`, t('productImages'), `${uploads}/uploads/*`, `${media}/images/*`, mediaDistribution].sort(),
    );
    expect(api[t('orders')]).toContain('dynamodb:PutItem');
    expect(api[t('alertLog')]).not.toContain('dynamodb:PutItem');
    expect(api[t('dailySales')]).not.toContain('dynamodb:PutItem');
    expect(api[`<${logicalId(store.reportsBucket)}>/reports/*`]).not.toContain('s3:PutObject');
    // ImageService: presigned POSTs (authorised as the API's PutObject), deleting an image's upload and variants, invalidating them.
    expect(api[t('productImages')]).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    expect(api[`${uploads}/uploads/*`]).toEqual(expect.arrayContaining(['s3:PutObject', 's3:DeleteObject*']));
    expect(api[`${uploads}/uploads/*`]).not.toContain('s3:GetObject*');
    expect(api[`${media}/images/*`]).toEqual(['s3:DeleteObject*']);
    expect(api[mediaDistribution]).toEqual(['cloudfront:CreateInvalidation']);
  });

  it('lets the image worker read and delete uploads, write variants, record the gallery and update only the stock item\'s cover', () => {
    const worker = permissions('ImageWorker');
    expect(Object.keys(worker).sort()).toEqual(
      [t('productImages'), t('inventory'), `${t('inventory')}/index/*`, uploads, `${uploads}/uploads/*`, `${media}/images/*`, `<${logicalId(store.queues.imageUploads)}>`].sort(),
    );
    // TransactWriteItems is authorised per item: the Put on the gallery, the Update on the stock item.
    expect(worker[t('productImages')]).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    expect(worker[t('inventory')]).toEqual(['dynamodb:UpdateItem']);
    expect(worker[`${uploads}/uploads/*`]).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:DeleteObject*']));
    expect(worker[`${uploads}/uploads/*`]).not.toContain('s3:PutObject');
    // ListBucket makes a missing upload NoSuchKey (a re-delivery), not AccessDenied.
    expect(worker[uploads]).toContain('s3:List*');
    expect(worker[`${media}/images/*`]).toEqual(expect.arrayContaining(['s3:PutObject', 's3:DeleteObject*']));
    expect(worker[`${media}/images/*`]).not.toContain('s3:GetObject*');
  });

  it('gives images to no other function', () => {
    for (const fn of ['InventoryChecker', 'ReportWorker', 'ScheduledReport'] as const) {
      const keys = Object.keys(permissions(fn));
      expect(keys.filter((key) => key.startsWith(uploads) || key.startsWith(media) || key.includes(':cloudfront:') || key === t('productImages'))).toEqual([]);
    }
  });

  it('lets the inventory checker write alerts, read stock, publish to the low-stock topic and consume its queue', () => {
    const checker = permissions('InventoryChecker');
    expect(Object.keys(checker).sort()).toEqual(
      [t('alertLog'), `${t('alertLog')}/index/*`, t('inventory'), `${t('inventory')}/index/*`, `<${logicalId(store.lowStockTopic)}>`, `<${logicalId(store.queues.inventoryCheck)}>`].sort(),
    );
    expect(checker[t('inventory')]).toContain('dynamodb:UpdateItem'); // stock status and listing keys, kept from the stream
    expect(checker[`<${logicalId(store.lowStockTopic)}>`]).toEqual(['sns:Publish']);
    expect(checker[`<${logicalId(store.queues.inventoryCheck)}>`]).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
  });

  it('lets the report worker update jobs, read orders, stock and catalog, write report files, publish the digest', () => {
    const worker = permissions('ReportWorker');
    const bucket = `<${logicalId(store.reportsBucket)}>`;
    expect(Object.keys(worker).sort()).toEqual(
      [t('reportJobs'), `${t('reportJobs')}/index/*`, t('dailySales'), t('orders'), `${t('orders')}/index/*`, t('inventory'), `${t('inventory')}/index/*`, t('productCatalog'), `${t('productCatalog')}/index/*`, `${bucket}/reports/*`, `<${logicalId(store.reportsTopic)}>`, `<${logicalId(store.queues.reportRequests)}>`].sort(),
    );
    expect(worker[t('orders')]).not.toContain('dynamodb:PutItem');
    expect(worker[`${bucket}/reports/*`]).toContain('s3:PutObject');
    expect(worker[`${bucket}/reports/*`]).not.toContain('s3:GetObject');
  });

  it('lets the scheduled report only start report jobs', () => {
    expect(Object.keys(permissions('ScheduledReport')).sort()).toEqual([t('reportJobs'), `${t('reportJobs')}/index/*`].sort());
  });

  it('grantAdminApi allows execute-api:Invoke on the admin paths only', () => {
    const admin = new iam.Role(stack, 'Manager', { assumedBy: new iam.AccountRootPrincipal() });
    store.grantAdminApi(admin);
    const statements = Stack.of(admin).resolve((admin.node.findChild('DefaultPolicy') as iam.Policy).document.toJSON().Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('execute-api:Invoke');
    const paths = (statements[0].Resource as unknown[]).map((resource) => resourceText(resource).replace(/^.*<[^>]+>\/\*\/\*/, ''));
    expect(paths.sort()).toEqual(apiPaths().filter((path) => path.admin).map(({ path }) => path.replace(/\{[^}]+\}/g, '*')).sort());
  });

  it('grantDirectAccess allows the direct transport\'s calls, including changing the schedule with its own role and managing images', () => {
    const partner = new iam.Role(stack, 'Partner', { assumedBy: new iam.AccountRootPrincipal() });
    store.grantDirectAccess(partner);
    const statements = Stack.of(partner).resolve((partner.node.findChild('DefaultPolicy') as iam.Policy).document.toJSON().Statement) as { Action: string | string[]; Resource: unknown }[];
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:ConditionCheckItem', 'dynamodb:UpdateItem', 'scheduler:GetSchedule', 'scheduler:UpdateSchedule', 'iam:PassRole', 's3:GetObject*']));
    expect(actions).not.toContain('secretsmanager:GetSecretValue');
    expect(actions).not.toContain('sns:Publish');
    // The images part is the API's.
    const byResource: Record<string, string[]> = {};
    for (const statement of statements) {
      for (const resource of [statement.Resource].flat()) (byResource[resourceText(resource)] ??= []).push(...[statement.Action].flat());
    }
    const api = permissions('Api');
    for (const key of [t('productImages'), `${uploads}/uploads/*`, `${media}/images/*`, mediaDistribution]) expect(byResource[key]?.sort()).toEqual(api[key]);
  });
});

describe('operations', () => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
  const ops = { Ref: logicalId(store.operationsTopic) };

  it('alarms to the operations topic on every DLQ, each function\'s errors and throttles, API 5xx, pipe failures and failed daily reports', () => {
    const dlqs = queueDefinitions.filter((definition) => queueDefinitions.some((other) => other.deadLetter?.queue === definition.id));
    expect(dlqs.map((definition) => definition.id)).toContain('imageUploadsDlq');
    const functions = Object.keys(store.functions.byName()).length;
    expect(functions).toBe(5);
    const expected = dlqs.length + pipeDefinitions.length + 1 + functions * 2 + 1 + pipeDefinitions.length + 1;
    expect(alarms).toHaveLength(expected);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([ops]);
    const metrics = alarms.map((alarm) => `${alarm.Namespace}/${alarm.MetricName}`);
    expect(metrics.filter((metric) => metric === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(dlqs.length + pipeDefinitions.length + 1);
    expect(metrics.filter((metric) => metric === 'AWS/Lambda/Errors')).toHaveLength(functions);
    expect(metrics.filter((metric) => metric === 'AWS/Lambda/Throttles')).toHaveLength(functions);
    expect(metrics).toContain('AWS/ApiGateway/5xx');
    expect(metrics.filter((metric) => metric === 'AWS/EventBridge/Pipes/ExecutionFailed')).toHaveLength(pipeDefinitions.length);
    expect(metrics).toContain(`StoreFront/storefront/DailyReportFailed`);
  });

  it('counts the DailyReportFailed log lines of the report worker and the scheduled report into the alarm\'s metric', () => {
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter', { Properties: { FilterPattern: '{ $.alarm = "DailyReportFailed" }' } }));
    const logGroups = filters.map((filter) => filter.Properties.LogGroupName).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const functionLogGroups = [store.functions.reportWorker, store.functions.scheduledReport]
      .map((fn) => ({ Ref: logicalId(fn.logGroup) }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(logGroups).toEqual(functionLogGroups);
    for (const filter of filters) {
      expect(filter.Properties.MetricTransformations).toEqual([{ MetricNamespace: 'StoreFront/storefront', MetricName: 'DailyReportFailed', MetricValue: '1' }]);
    }
    const alarm = alarms.find((candidate) => candidate.MetricName === 'DailyReportFailed');
    expect(alarm).toMatchObject({ Namespace: 'StoreFront/storefront', Statistic: 'Sum', Threshold: 1 });
  });

  it('counts orders from the access logs and shows one dashboard', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp('ANY /order'),
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'StoreFront/storefront', MetricName: 'OrdersPlaced' })],
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
