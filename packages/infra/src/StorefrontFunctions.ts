import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { dailyReportFailedAlarm } from '@store-front/handlers';
import { imageLimits, reportJobLimits } from '@store-front/sdk/resources';
import { Construct } from 'constructs';
import { createHandlerFunction, type HandlerFunctionProps, type HandlerName } from './functions.js';
import { acknowledge, storeGrantAcknowledgements } from './nag.js';
import { settingsEnvironment } from './settings.js';
import type { Storefront } from './Storefront.js';
import type { StorefrontImages } from './StorefrontImages.js';
import type { ResolvedStorefrontProps } from './StorefrontProps.js';

/** What the functions use: each gets only its part, through `grant*`. */
export interface StorefrontFunctionsProps
  extends Pick<Storefront, 'tables' | 'queues' | 'reportsBucket' | 'lowStockTopic' | 'reportsTopic' | 'cursorSecret'> {
  readonly settings: ResolvedStorefrontProps;
  /** The images resources: their settings and grants go to the API and the image worker. */
  readonly images: StorefrontImages;
}

/**
 * One function per handler entry of `@store-front/handlers`, each configured through `StorefrontConfig`
 * settings and granted only the actions its SDK calls perform.
 */
export class StorefrontFunctions extends Construct {
  /** Every route of the HTTP API. */
  readonly api: NodejsFunction;
  /** Low-stock alerts, from the inventory-check queue. */
  readonly inventoryChecker: NodejsFunction;
  /** Report jobs, from the report-requests queue. */
  readonly reportWorker: NodejsFunction;
  /** The daily schedule's target. */
  readonly scheduledReport: NodejsFunction;
  /** Product image uploads, from the image-uploads queue (sharp installed for linux arm64). */
  readonly imageWorker: NodejsFunction;

  constructor(scope: Construct, id: string, props: StorefrontFunctionsProps) {
    super(scope, id);
    const { tables, queues } = props;
    const names: Record<string, string> = { timezone: props.settings.timeZone, 'buckets.reports': props.reportsBucket.bucketName };
    for (const [table, resource] of Object.entries(tables)) names[`tables.${table}`] = resource.tableName;
    for (const [queue, resource] of Object.entries(queues)) names[`queues.${queue}`] = resource.queueName;
    names['topics.lowStockAlerts'] = props.lowStockTopic.topicName;
    names['topics.reports'] = props.reportsTopic.topicName;
    const make = (name: HandlerName, options: Pick<HandlerFunctionProps, 'timeout' | 'memorySize' | 'description'>, extra: Record<string, string> = {}) =>
      createHandlerFunction(this, pascalName(name), name, {
        ...options,
        environment: { ...settingsEnvironment({ ...names, ...extra }) },
        logRetention: props.settings.logRetention,
        removalPolicy: props.settings.removalPolicy,
      });

    this.api = make('api', { timeout: Duration.seconds(15), memorySize: 1024, description: 'Store Front HTTP API' }, { cursorSecretArn: props.cursorSecret.secretArn });
    for (const table of ['productCatalog', 'inventory', 'orders', 'reportJobs'] as const) tables[table].grantReadWriteData(this.api);
    tables.alertLog.grantReadData(this.api);
    tables.dailySales.grantReadData(this.api);
    props.reportsBucket.grantRead(this.api, 'reports/*');
    props.cursorSecret.grantRead(this.api);

    this.inventoryChecker = make('inventoryChecker', { timeout: Duration.seconds(20), memorySize: 512, description: 'Store Front low-stock alerts' }, { lowStockTopicArn: props.lowStockTopic.topicArn });
    tables.alertLog.grantReadWriteData(this.inventoryChecker);
    // The checker also keeps each product's stock status and in-stock listing keys (conditional UpdateItem).
    tables.inventory.grantReadWriteData(this.inventoryChecker);
    props.lowStockTopic.grantPublish(this.inventoryChecker);
    this.inventoryChecker.addEventSource(new SqsEventSource(queues.inventoryCheck, { batchSize: 10, reportBatchItemFailures: true }));

    // The worker gives up on a job at the SDK's running timeout: the function may not be cut off sooner.
    this.reportWorker = make(
      'reportWorker',
      { timeout: Duration.seconds(reportJobLimits.runningTimeoutSeconds), memorySize: 1024, description: 'Store Front report worker' },
      { reportsTopicArn: props.reportsTopic.topicArn },
    );
    tables.reportJobs.grantReadWriteData(this.reportWorker);
    tables.dailySales.grantReadWriteData(this.reportWorker);
    for (const table of ['orders', 'inventory', 'productCatalog'] as const) tables[table].grantReadData(this.reportWorker);
    props.reportsBucket.grantPut(this.reportWorker, 'reports/*');
    props.reportsTopic.grantPublish(this.reportWorker);
    this.reportWorker.addEventSource(new SqsEventSource(queues.reportRequests, { batchSize: 1, reportBatchItemFailures: true }));

    this.scheduledReport = make('scheduledReport', { timeout: Duration.seconds(30), memorySize: 512, description: 'Store Front daily reports (schedule target)' });
    tables.reportJobs.grantReadWriteData(this.scheduledReport);

    // Decoding up to 40 megapixels and encoding three WebP variants wants the memory (and the CPU it brings).
    this.imageWorker = make('imageWorker', { timeout: Duration.seconds(imageLimits.workerTimeoutSeconds), memorySize: 1536, description: 'Store Front image worker' }, props.images.settings());
    props.images.attachWorker(this.imageWorker);
    for (const [name, value] of Object.entries(settingsEnvironment(props.images.settings()))) this.api.addEnvironment(name, value);
    props.images.grantManageImages(this.api);

    this.acknowledgeFindings(props);
  }

  /** The nag findings every function shares, each with its reason. */
  private acknowledgeFindings(props: StorefrontFunctionsProps): void {
    const grantWildcards = storeGrantAcknowledgements(Object.values(props.tables), props.reportsBucket);
    for (const fn of Object.values(this.byName())) {
      acknowledge(fn, [
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs.' },
        { id: 'AwsSolutions-L1', reason: 'Node.js 22 (LTS) is the runtime the handlers are built and tested for; moving to a newer one is a tested change, not a default.' },
        ...grantWildcards,
      ]);
    }
    for (const fn of [this.api, this.imageWorker]) acknowledge(fn, props.images.grantAcknowledgements());
  }

  /**
   * Counts the `DailyReportFailed` log lines (`{ $.alarm = "DailyReportFailed" }`, value 1 each) into
   * `metric`, from the two functions that write them: the report worker (a daily job ended FAILED)
   * and the scheduled report (a daily report failed on every attempt).
   */
  countDailyReportFailures(metric: cloudwatch.Metric): logs.MetricFilter[] {
    return [this.reportWorker, this.scheduledReport].map(
      (fn) =>
        new logs.MetricFilter(this, `${fn.node.id}DailyReportFailed`, {
          logGroup: fn.logGroup,
          metricNamespace: metric.namespace,
          metricName: metric.metricName,
          filterPattern: logs.FilterPattern.stringValue('$.alarm', '=', dailyReportFailedAlarm),
          metricValue: '1',
        }),
    );
  }

  /** The functions by name (alarms, tests). */
  byName(): Record<string, lambda.IFunction> {
    return { Api: this.api, InventoryChecker: this.inventoryChecker, ReportWorker: this.reportWorker, ScheduledReport: this.scheduledReport, ImageWorker: this.imageWorker };
  }
}

function pascalName(name: HandlerName): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
