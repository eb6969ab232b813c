import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { dailyReportsSchedule } from '@store-front/sdk/resources';
import { Construct } from 'constructs';
import { secureQueue } from './data.js';
import { acknowledge, wildcardFinding } from './nag.js';

/** Options of {@link DailyReportsSchedule}. */
export interface DailyReportsScheduleProps {
  /** The schedule's name (in the default group). */
  readonly scheduleName: string;
  /** Scheduler cron expression, in `timeZone`. */
  readonly expression: string;
  /** IANA time zone. */
  readonly timeZone: string;
  /** The scheduled-report function it invokes. */
  readonly target: lambda.IFunction;
}

/**
 * The daily reports schedule (L2 `aws-scheduler`): the SDK's input with the scheduled time, in the
 * store's time zone, retried, with a DLQ for invocations that still fail, under its own role.
 */
export class DailyReportsSchedule extends Construct {
  /** The EventBridge Scheduler schedule. */
  readonly schedule: scheduler.Schedule;
  /** The role Scheduler assumes to invoke the target (`iam:PassRole`d by `setSchedule`). */
  readonly role: iam.Role;
  /** Invocations that failed after every retry. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DailyReportsScheduleProps) {
    super(scope, id);
    this.deadLetterQueue = secureQueue(this, 'DeadLetterQueue', { retentionPeriod: Duration.days(14) });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      scheduleName: props.scheduleName,
      description: 'Store Front: yesterday\'s sales report and an inventory snapshot',
      schedule: scheduler.ScheduleExpression.expression(props.expression, TimeZone.of(props.timeZone)),
      target: new targets.LambdaInvoke(props.target, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject(dailyReportsSchedule.input),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    acknowledge(this, [
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the schedule\'s own dead-letter queue (Scheduler DeadLetterConfig, which cdk-nag does not recognise as a redrive).' },
      { id: wildcardFinding(props.target, ':*'), reason: 'The LambdaInvoke target grants invoking the function and its versions (<function ARN>:*): one function only.' },
    ]);
  }
}
