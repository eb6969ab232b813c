import { randomBytes } from 'node:crypto';
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { createStorefront } from '@store-front/sdk';
import { describe, expect, inject, it } from 'vitest';
import { synthesizeStore } from './support.js';

const endpoint = inject('awsEndpoint');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The stack's schedule target, with its references replaced by ARNs (as CloudFormation would). */
function deployedTarget() {
  const { template } = synthesizeStore();
  const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0]!.Properties;
  const target = schedule.Target;
  return {
    expression: schedule.ScheduleExpression as string,
    target: {
      Arn: 'arn:aws:lambda:us-east-1:123456789012:function:storefront-ScheduledReport',
      RoleArn: 'arn:aws:iam::123456789012:role/storefront-DailyReportsRole',
      Input: target.Input as string,
      RetryPolicy: target.RetryPolicy,
      DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:storefront-DailyReportsDlq' },
    },
  };
}

describe('store.reports.setSchedule on the stack\'s schedule', () => {
  it('changes when and where-in-time only: target, role, input, retry policy and DLQ stay the stack\'s', async () => {
    const { expression, target } = deployedTarget();
    const Name = `daily-${randomBytes(4).toString('hex')}`;
    const scheduler = new SchedulerClient({ endpoint, region: 'us-east-1', credentials });
    await scheduler.send(
      new CreateScheduleCommand({ Name, ScheduleExpression: expression, ScheduleExpressionTimezone: 'UTC', FlexibleTimeWindow: { Mode: 'OFF' }, Target: target }),
    );
    const store = createStorefront({ endpoint, credentials, region: 'us-east-1', schedules: { dailyReports: Name } });

    await store.reports.setSchedule({ cron: 'cron(45 5 * * ? *)', timezone: 'America/New_York' });

    const after = await scheduler.send(new GetScheduleCommand({ Name, GroupName: 'default' }));
    expect(after).toMatchObject({ ScheduleExpression: 'cron(45 5 * * ? *)', ScheduleExpressionTimezone: 'America/New_York' });
    expect(after.Target).toEqual(target);
    expect(JSON.parse(after.Target!.Input!)).toEqual({ source: 'daily-reports', scheduledTime: '<aws.scheduler.scheduled-time>' });
  });
});
