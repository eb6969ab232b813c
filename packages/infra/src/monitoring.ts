import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** What {@link StorefrontMonitoring} watches; every metric comes from the `Storefront` construct's metricX(). */
export interface StorefrontMonitoringProps {
  readonly dashboardName: string;
  readonly operationsTopic: sns.ITopic;
  /** Depth of every dead-letter queue, by name. */
  readonly deadLetterDepths: Readonly<Record<string, cloudwatch.IMetric>>;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** Failed executions of every pipe, by name. */
  readonly pipeFailures: Readonly<Record<string, cloudwatch.IMetric>>;
  /** Age of the oldest message of every work queue, by name. */
  readonly queueAges: Readonly<Record<string, cloudwatch.IMetric>>;
  readonly ordersPlaced: cloudwatch.IMetric;
  readonly apiLatency: readonly cloudwatch.IMetric[];
  readonly apiClientErrors: cloudwatch.IMetric;
  readonly apiServerErrors: cloudwatch.IMetric;
  readonly reportDuration: cloudwatch.IMetric;
  readonly dailyReportFailed: cloudwatch.IMetric;
}

/**
 * The store's alarms, each sent to the operations topic (on alarm and back to OK), and its dashboard.
 * Every alarm fires on the first occurrence: a message in a DLQ, a function error or throttle, an
 * API 5xx, a failed pipe execution or daily report means something needs a look.
 */
export class StorefrontMonitoring extends Construct {
  /** Every alarm, each notifying the operations topic. */
  readonly alarms: cloudwatch.Alarm[] = [];
  /** The CloudWatch dashboard. */
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: StorefrontMonitoringProps) {
    super(scope, id);
    const action = new SnsAction(props.operationsTopic);
    const alarm = (name: string, metric: cloudwatch.IMetric, description: string) => {
      const created = new cloudwatch.Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
    };
    for (const [name, depth] of Object.entries(props.deadLetterDepths)) {
      alarm(`${name}Depth`, depth, `Messages in ${name}: records that failed every retry. See docs/deploy.md "Alarms".`);
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `The ${name} function failed an invocation.`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(5) }), `The ${name} function was throttled.`);
    }
    for (const [name, failures] of Object.entries(props.pipeFailures)) {
      alarm(`${name}Failures`, failures, `The ${name} pipe failed an execution (records retry, then go to its DLQ).`);
    }
    alarm('ApiServerErrors', props.apiServerErrors, 'The API answered 5xx.');
    alarm('DailyReportFailed', props.dailyReportFailed, 'A daily report (scheduled) ended FAILED.');
    this.dashboard = this.createDashboard(props);
  }

  private createDashboard(props: StorefrontMonitoringProps): cloudwatch.Dashboard {
    const graph = (title: string, left: cloudwatch.IMetric[]) => new cloudwatch.GraphWidget({ title, left, width: 12 });
    return new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [graph('Orders placed', [props.ordersPlaced]), graph('API latency (p50, p99)', [...props.apiLatency])],
        [graph('API errors', [props.apiClientErrors, props.apiServerErrors]), graph('Queue age (oldest message, s)', Object.values(props.queueAges))],
        [graph('Report duration (worker, ms)', [props.reportDuration]), new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 12 })],
      ],
    });
  }
}
