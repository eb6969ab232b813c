import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { QueueNames, TableNames } from '@store-front/sdk';
import { pipeDefinitions } from '@store-front/sdk/resources';
import { Construct } from 'constructs';
import { grantDirectAccessTo, ManagedPolicyGrantee } from './access.js';
import { createQueues, createTables, deadLetterQueueIds, pascalCase } from './data.js';
import { StorefrontFunctions } from './StorefrontFunctions.js';
import { StorefrontHttpApi } from './httpApi.js';
import { StorefrontImages } from './StorefrontImages.js';
import { StorefrontMonitoring } from './monitoring.js';
import { createStorefrontOutputs } from './outputs.js';
import { acknowledge, storeGrantAcknowledgements } from './nag.js';
import { StreamToQueuePipe } from './pipes.js';
import { DailyReportsSchedule } from './schedule.js';
import { resolveStorefrontProps, type StorefrontProps } from './StorefrontProps.js';
import { StorefrontSite } from './StorefrontSite.js';

/**
 * The whole store in AWS, built from the SDK's shared resource definitions: the tables, queues,
 * pipes, topics, reports bucket, daily schedule, the five handler functions, the HTTP API (admin
 * paths behind IAM), product images (uploads bucket, media bucket behind CloudFront), alarms and a
 * dashboard, and optionally the storefront page behind CloudFront.
 * Physical names are left to CloudFormation (two stores fit in one account) and reach the functions
 * as `StorefrontConfig` settings.
 *
 * @example
 * ```ts
 * const store = new Storefront(this, 'Store', { alertEmails: ['ops@example.com'] });
 * store.grantAdminApi(managersRole);
 * ```
 */
export class Storefront extends Construct {
  /** The DynamoDB tables, by config key (`orders`, `inventory`, …). */
  readonly tables: Readonly<Record<keyof TableNames, dynamodb.Table>>;
  /** The SQS queues and their dead-letter queues, by config key. */
  readonly queues: Readonly<Record<keyof QueueNames, sqs.Queue>>;
  /** The bucket report CSV files are written to. */
  readonly reportsBucket: s3.Bucket;
  /** The low-stock alerts topic (e-mail subscribers from `alertEmails`). */
  readonly lowStockTopic: sns.Topic;
  /** The morning digest topic. */
  readonly reportsTopic: sns.Topic;
  /** Where every alarm goes. */
  readonly operationsTopic: sns.Topic;
  /** The cursor-signing key (generated; only the API function may read it). */
  readonly cursorSecret: secretsmanager.Secret;
  /** The stream → queue pipes, one per pipe definition. */
  readonly pipes: readonly StreamToQueuePipe[];
  /** The daily reports schedule and its role. */
  readonly dailyReports: DailyReportsSchedule;
  /** The Lambda functions. */
  readonly functions: StorefrontFunctions;
  /** The HTTP API and its stage. */
  readonly httpApi: StorefrontHttpApi;
  /** Product images: the uploads and media buckets and the media CDN. */
  readonly images: StorefrontImages;
  /** The API's base URL. */
  readonly apiUrl: string;
  /** The storefront page, when `webSite` is given. */
  readonly site: StorefrontSite | undefined;
  /** `grantAdminApi` as a managed policy. */
  readonly adminApiPolicy: iam.ManagedPolicy;
  /** `grantDirectAccess` as a managed policy. */
  readonly directAccessPolicy: iam.ManagedPolicy;
  /** The alarms (to `operationsTopic`) and the dashboard. */
  readonly monitoring: StorefrontMonitoring;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: StorefrontProps = {}) {
    super(scope, id);
    const settings = resolveStorefrontProps(props);
    this.prefix = settings.prefix;
    this.tables = createTables(this, settings.removalPolicy);
    this.queues = createQueues(this);
    this.reportsBucket = this.createReportsBucket(settings.reportRetentionDays, settings.removalPolicy);
    this.lowStockTopic = this.createTopic('LowStockTopic', 'Store Front low-stock alerts', settings.alertEmails);
    this.reportsTopic = this.createTopic('ReportsTopic', 'Store Front daily report digest', settings.reportEmails);
    this.operationsTopic = this.createTopic('OperationsTopic', 'Store Front alarms', settings.operationsEmails);
    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'Store Front: the key that signs pagination cursors (one per deployment)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: settings.removalPolicy,
    });
    acknowledge(this.cursorSecret, [
      { id: 'AwsSolutions-SMG4', reason: 'Rotating the cursor key only invalidates the cursors open at that moment; it carries no access. Rotate by hand if it leaks (docs/deploy.md).' },
    ]);
    this.pipes = pipeDefinitions.map(
      (definition) => new StreamToQueuePipe(this, `${pascalCase(definition.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()))}Pipe`, definition, this.tables[definition.sourceTable], this.queues[definition.targetQueue]),
    );
    this.images = new StorefrontImages(this, 'Images', { tables: this.tables, queues: this.queues, removalPolicy: settings.removalPolicy });
    this.site = settings.webSite
      ? new StorefrontSite(this, 'Site', { ...settings.webSite, removalPolicy: settings.removalPolicy, mediaOrigins: [this.images.mediaUrl] })
      : undefined;
    // Who may call the API and POST uploads from a browser: the configured origins, else the page's.
    const pageOrigins = settings.allowedOrigins ?? (this.site ? [this.site.origin] : undefined);
    this.images.allowBrowserUploads(pageOrigins);
    this.functions = new StorefrontFunctions(this, 'Functions', {
      settings,
      tables: this.tables,
      queues: this.queues,
      reportsBucket: this.reportsBucket,
      lowStockTopic: this.lowStockTopic,
      reportsTopic: this.reportsTopic,
      cursorSecret: this.cursorSecret,
      images: this.images,
    });
    this.dailyReports = new DailyReportsSchedule(this, 'DailyReports', {
      scheduleName: settings.scheduleName,
      expression: settings.reportSchedule,
      timeZone: settings.timeZone,
      target: this.functions.scheduledReport,
    });
    this.httpApi = new StorefrontHttpApi(this, 'Http', {
      handler: this.functions.api,
      allowOrigins: pageOrigins ?? ['*'],
      throttle: settings.apiThrottle,
      logRetention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.apiUrl = this.httpApi.stage.url;
    this.site?.publishConfig({ apiUrl: this.apiUrl });
    this.adminApiPolicy = this.managedPolicy('AdminApiPolicy', 'Store Front: call the admin API routes', (grantee) => this.grantAdminApi(grantee));
    acknowledge(this.adminApiPolicy, this.httpApi.adminRouteAcknowledgements());
    this.directAccessPolicy = this.managedPolicy('DirectAccessPolicy', 'Store Front: use the SDK directly (createStorefront)', (grantee) => this.grantDirectAccess(grantee));
    acknowledge(this.directAccessPolicy, [...storeGrantAcknowledgements(Object.values(this.tables), this.reportsBucket), ...this.images.grantAcknowledgements()]);
    this.monitoring = this.createMonitoring();
    createStorefrontOutputs(this);
  }

  /**
   * Lets `grantee` call the admin routes (`execute-api:Invoke` on them, signed with SigV4): for a
   * manager's tool or a partner back-end using `createStorefrontClient({ credentials })`.
   *
   * @example
   * ```ts
   * store.grantAdminApi(new iam.User(this, 'Manager'));
   * ```
   */
  grantAdminApi(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: this.httpApi.adminRouteArns() });
  }

  /**
   * Lets `grantee` use the SDK's direct transport (`createStorefront()`) on this store: exactly the
   * table, report-file, schedule and image actions its API performs.
   *
   * @example
   * ```ts
   * store.grantDirectAccess(partnerFunction);
   * ```
   */
  grantDirectAccess(grantee: iam.IGrantable): iam.Grant {
    return grantDirectAccessTo(grantee, {
      tables: this.tables,
      reportsBucket: this.reportsBucket,
      schedule: this.dailyReports.schedule,
      scheduleRole: this.dailyReports.role,
      images: this.images,
    });
  }

  /** Orders placed (201 answers of `POST /order`), from the API's access logs; sum per period. */
  metricOrdersPlaced(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: this.metricNamespace, metricName: 'OrdersPlaced', statistic: 'Sum', ...props });
  }

  /** API latency as API Gateway measures it; default p99 over 5 minutes. */
  metricApiLatency(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.httpApi.api.metricLatency({ statistic: 'p99', period: Duration.minutes(5), ...props });
  }

  /** API answers with status 5xx; sum per period. */
  metricApiServerErrors(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.httpApi.api.metricServerError({ statistic: 'Sum', period: Duration.minutes(5), ...props });
  }

  /** API answers with status 4xx; sum per period. */
  metricApiClientErrors(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.httpApi.api.metricClientError({ statistic: 'Sum', period: Duration.minutes(5), ...props });
  }

  /** Age of the oldest message in one of the store's queues (seconds; maximum per period). */
  metricQueueAge(queue: keyof QueueNames, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.queues[queue].metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', ...props });
  }

  /** Messages waiting in one of the store's queues (e.g. a DLQ's depth; maximum per period). */
  metricQueueDepth(queue: keyof QueueNames, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.queues[queue].metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', ...props });
  }

  /** How long the report worker runs per delivery (ms; p90 over 5 minutes). */
  metricReportDuration(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.functions.reportWorker.metricDuration({ statistic: 'p90', period: Duration.minutes(5), ...props });
  }

  /** Daily reports that ended FAILED (from the report worker's and scheduled report's logs); sum per period. */
  metricDailyReportFailed(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: this.metricNamespace, metricName: 'DailyReportFailed', statistic: 'Sum', ...props });
  }

  /** Failed executions of one of the store's pipes; sum per period. */
  metricPipeFailures(pipe: StreamToQueuePipe, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/EventBridge/Pipes',
      metricName: 'ExecutionFailed',
      dimensionsMap: { PipeName: pipe.pipe.ref },
      statistic: 'Sum',
      ...props,
    });
  }

  /** The namespace of the store's own metrics (one per store, so two stores in an account stay apart). */
  get metricNamespace(): string {
    return `StoreFront/${this.prefix}`;
  }

  private createReportsBucket(retentionDays: number, removalPolicy: RemovalPolicy): s3.Bucket {
    const bucket = new s3.Bucket(this, 'ReportsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [
        { prefix: 'reports/', expiration: Duration.days(retentionDays) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
    acknowledge(bucket, [
      { id: 'AwsSolutions-S1', reason: 'Reports are written by the report worker and read only through presigned URLs the API hands to signed admin calls; API access logs and CloudTrail record who asked.' },
    ]);
    return bucket;
  }

  private createTopic(id: string, displayName: string, emails: readonly string[]): sns.Topic {
    const topic = new sns.Topic(this, id, { displayName, enforceSSL: true });
    for (const email of emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
    acknowledge(topic, [
      { id: 'AwsSolutions-SNS2', reason: 'Messages carry product names, quantities and report figures, no personal data; CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key, and a customer key per topic is not worth its cost here.' },
    ]);
    return topic;
  }

  private createMonitoring(): StorefrontMonitoring {
    const deadLetterDepths: Record<string, cloudwatch.IMetric> = {};
    for (const queue of deadLetterQueueIds()) deadLetterDepths[pascalCase(queue)] = this.metricQueueDepth(queue);
    const pipeFailures: Record<string, cloudwatch.IMetric> = {};
    for (const pipe of this.pipes) {
      deadLetterDepths[`${pipe.node.id}Dlq`] = pipe.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' });
      pipeFailures[pipe.node.id] = this.metricPipeFailures(pipe);
    }
    deadLetterDepths.DailyReportsDlq = this.dailyReports.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' });
    const dlqs = new Set<string>(deadLetterQueueIds());
    const workQueues = (Object.keys(this.queues) as (keyof QueueNames)[]).filter((queue) => !dlqs.has(queue));
    this.httpApi.countOrders(this.metricOrdersPlaced());
    this.functions.countDailyReportFailures(this.metricDailyReportFailed());
    return new StorefrontMonitoring(this, 'Monitoring', {
      dashboardName: `${this.prefix}-storefront`,
      operationsTopic: this.operationsTopic,
      deadLetterDepths,
      functions: this.functions.byName(),
      pipeFailures,
      queueAges: Object.fromEntries(workQueues.map((queue) => [queue, this.metricQueueAge(queue)])),
      ordersPlaced: this.metricOrdersPlaced({ period: Duration.minutes(5) }),
      apiLatency: [this.metricApiLatency({ statistic: 'p50' }), this.metricApiLatency()],
      apiClientErrors: this.metricApiClientErrors(),
      apiServerErrors: this.metricApiServerErrors(),
      reportDuration: this.metricReportDuration(),
      dailyReportFailed: this.metricDailyReportFailed({ period: Duration.minutes(5) }),
    });
  }

  private managedPolicy(id: string, description: string, grant: (grantee: iam.IGrantable) => iam.Grant): iam.ManagedPolicy {
    const policy = new iam.ManagedPolicy(this, id, { description });
    grant(new ManagedPolicyGrantee(policy));
    return policy;
  }
}
