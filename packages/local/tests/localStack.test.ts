import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateScheduleCommand, GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { PublishCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createStorefrontClient } from '@store-front/sdk/http';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdminCredentials } from '../src/adminCredentials.js';
import { loadCursorSecret } from '../src/cursorSecret.js';
import { demoProducts } from '../src/demoCatalog.js';
import { nextFireTime } from '../src/scheduleExpression.js';
import { ScheduleRunner } from '../src/ScheduleRunner.js';
import type { LocalStack } from '../src/startLocalStack.js';
import { startQueueConsumer } from '../src/startQueueConsumer.js';
import { schedules, topicPrinter } from '../src/backgroundServices.js';
import { startTestStack, storefrontPages, waitFor } from './localStackSupport.js';

describe('startLocalStack', () => {
  const printed: string[] = [];
  let stack: LocalStack;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'storefront-'));
    stack = await startTestStack({
      seed: true,
      persist: true,
      dataDir,
      print: (line) => printed.push(line),
      pages: await storefrontPages(),
      backgroundServices: [topicPrinter('low-stock-alerts', (message) => `ALERT ${message}`), schedules({ 'scheduled-report': () => async () => 'ok' }, 1_000)],
    });
  });
  afterAll(() => stack?.stop());

  it('seeds the demo catalog once: ~20 products, several categories, some at or near their threshold', async () => {
    expect(stack.seeded).toBe(demoProducts.length);
    expect(demoProducts.length).toBeGreaterThanOrEqual(18);
    expect(new Set(demoProducts.map((p) => p.category)).size).toBeGreaterThanOrEqual(4);
    expect(demoProducts.filter((p) => p.quantity <= (p.lowStockThreshold ?? 5) + 2).length).toBeGreaterThanOrEqual(3);
    const api = createStorefrontClient({ baseUrl: stack.url });
    const listed: string[] = [];
    for await (const entry of api.catalog.listAll()) listed.push(entry.product);
    expect(listed.length).toBe(demoProducts.filter((p) => p.quantity > 0).length);
    const again = await startTestStack({ prefix: stack.store.config.prefix, seed: true });
    expect(again.seeded).toBe(0);
    await again.stop();
  });

  it('serves the storefront web page at /, its built assets and the API on the same port', async () => {
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/assets/app.js">');
    const script = await fetch(`${stack.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('storefront-api-url');
    expect((await fetch(`${stack.url}/assets/styles.css`)).status).toBe(200);
    expect((await fetch(`${stack.url}/catalog?limit=1`)).status).toBe(200);
  });

  it('prints what is published to the alert topic', async () => {
    await stack.store.clients.sns.send(new PublishCommand({ TopicArn: stack.provisioned.lowStockTopicArn, Message: 'Mug is low' }));
    await waitFor(() => (printed.includes('ALERT Mug is low') ? true : undefined));
  });

  it('keeps data across a restart: snapshot at stop, restored into fresh tables before provisioning', async () => {
    const order = await stack.store.orders.place({ product: 'Canvas Tote Bag', quantity: 3 });
    await stack.store.reports.setSchedule({ cron: 'cron(30 6 * * ? *)', timezone: 'Europe/Berlin' });
    await stack.stop();
    const snapshot = JSON.parse(await readFile(join(dataDir, 'snapshot.json'), 'utf8'));
    expect(snapshot.tables.orders.length).toBeGreaterThan(0);
    // A new prefix stands for a fresh emulator: the tables do not exist yet.
    stack = await startTestStack({ persist: true, dataDir, seed: true });
    expect(stack.seeded).toBe(0);
    expect((await stack.store.orders.get(order.orderId)).total).toBe(order.total);
    expect((await stack.store.catalog.get('Canvas Tote Bag')).available).toBe(147);
    // The schedule comes back through reports.setSchedule: its expression, and its target untouched.
    expect(await stack.store.reports.getSchedule()).toEqual({ cron: 'cron(30 6 * * ? *)', timezone: 'Europe/Berlin' });
    const { Target } = await stack.store.clients.scheduler.send(
      new GetScheduleCommand({ Name: stack.store.config.schedules.dailyReports, GroupName: stack.store.config.schedules.group }),
    );
    expect(JSON.parse(Target!.Input!)).toEqual({ source: 'daily-reports', scheduledTime: '<aws.scheduler.scheduled-time>' });
  });
});

describe('admin credentials', () => {
  it('are generated once under the data dir (owner-only), kept, and overridden by the environment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storefront-'));
    const first = await loadAdminCredentials(dir, {});
    expect(first.source).toBe('generated');
    expect(first.credentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
    const second = await loadAdminCredentials(dir, {});
    expect(second).toMatchObject({ source: 'file', credentials: first.credentials });
    const fromEnv = await loadAdminCredentials(dir, { STOREFRONT_ADMIN_ACCESS_KEY_ID: 'AK', STOREFRONT_ADMIN_SECRET_ACCESS_KEY: 'SK' });
    expect(fromEnv).toEqual({ source: 'env', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
    await expect(loadAdminCredentials(dir, { STOREFRONT_ADMIN_ACCESS_KEY_ID: 'AK' })).rejects.toThrow('both');
  });

  it('keeps the cursor-signing key under the data directory, so a cursor survives a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storefront-cursor-'));
    const first = await loadCursorSecret(dir, {});
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(join(dir, 'cursor-secret'))).mode & 0o777).toBe(0o600);
    expect(await loadCursorSecret(dir, {})).toBe(first);
    expect(await loadCursorSecret(dir, { STOREFRONT_CURSOR_SECRET: 'from-the-environment-123' })).toBe('from-the-environment-123');

    const before = await startTestStack({ cursorSecret: undefined, dataDir: dir });
    await before.store.inventory.put(['A', 'B', 'C'].map((name) => ({ product: name, category: 'c', description: '', cost: 1, quantity: 1 })));
    const { nextCursor } = await before.store.catalog.list({ limit: 1 });
    await before.stop();
    const after = await startTestStack({ cursorSecret: undefined, dataDir: dir, prefix: before.store.config.prefix });
    try {
      expect((await after.store.catalog.list({ limit: 1, cursor: nextCursor! })).items).toHaveLength(1);
    } finally {
      await after.stop();
    }
  });
});

describe('queue consumer (Lambda SQS semantics)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('deletes processed messages, redelivers reported failures after the visibility timeout, then the redrive moves them to the DLQ', async () => {
    const { sqs } = stack.store.clients;
    const prefix = stack.store.config.prefix;
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-consumer-dlq` }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${prefix}-consumer`,
        Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
      }),
    );
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.QueueUrl,
        Entries: ['ok-1', 'poison', 'ok-2', 'flaky'].map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    const deliveries: Array<{ body: string; receiveCount: string }> = [];
    const events: SQSEvent[] = [];
    const consumer = startQueueConsumer({
      sqs,
      queueUrl: queue.QueueUrl!,
      queueArn,
      region: 'us-east-1',
      functionName: 'test-consumer',
      handler: async (event) => {
        events.push(event);
        for (const record of event.Records) deliveries.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
        if (event.Records.some((r) => r.body === 'flaky' && r.attributes.ApproximateReceiveCount === '1')) throw new Error('whole batch fails once');
        return { batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    try {
      const dead = await waitFor(async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        return Messages.length > 0 ? Messages : undefined;
      });
      expect(dead.map((m) => m.Body)).toEqual(['poison']);
      await waitFor(() => (deliveries.filter((d) => d.body === 'flaky').length >= 2 ? true : undefined));
    } finally {
      await consumer.stop();
    }
    expect(events[0]!.Records[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: queueArn, awsRegion: 'us-east-1' });
    const count = (body: string) => deliveries.filter((d) => d.body === body).length;
    // ok-1/ok-2 were in the first batch with "flaky", which threw: Lambda retries the whole batch once.
    expect(count('ok-1')).toBeLessThanOrEqual(2);
    expect(count('poison')).toBe(2);
    expect(deliveries.filter((d) => d.body === 'flaky').map((d) => d.receiveCount)).toEqual(['1', '2']);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    expect(Messages).toEqual([]);
  });
});

describe('schedules', () => {
  it('computes the next firing of cron, rate and at expressions in a time zone, DST included', () => {
    const at = (iso: string) => new Date(iso);
    expect(nextFireTime('cron(15 0 * * ? *)', 'UTC', at('2025-03-01T10:00:00Z'))).toEqual(at('2025-03-02T00:15:00Z'));
    expect(nextFireTime('cron(15 0 * * ? *)', 'Europe/Berlin', at('2025-01-01T12:00:00Z'))).toEqual(at('2025-01-01T23:15:00Z'));
    expect(nextFireTime('cron(15 0 * * ? *)', 'Europe/Berlin', at('2025-07-01T12:00:00Z'))).toEqual(at('2025-07-01T22:15:00Z'));
    // 02:30 does not exist in Berlin on 30 March 2025; 03:00 is the next wall-clock time after the jump.
    expect(nextFireTime('cron(30 2 * * ? *)', 'Europe/Berlin', at('2025-03-29T12:00:00Z'))!.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(nextFireTime('cron(0 9 ? * MON-FRI *)', 'America/New_York', at('2025-06-06T14:00:00Z'))).toEqual(at('2025-06-09T13:00:00Z'));
    expect(nextFireTime('cron(0/20 * * * ? *)', 'UTC', at('2025-06-06T14:41:00Z'))).toEqual(at('2025-06-06T15:00:00Z'));
    expect(nextFireTime('cron(0 12 1 JAN,JUL ? 2025)', 'UTC', at('2025-07-02T00:00:00Z'))).toBeUndefined();
    expect(nextFireTime('rate(5 minutes)', 'UTC', at('2025-06-06T14:41:10Z'))).toEqual(at('2025-06-06T14:45:00Z'));
    expect(nextFireTime('at(2025-06-07T09:00:00)', 'Asia/Tokyo', at('2025-06-06T00:00:00Z'))).toEqual(at('2025-06-07T00:00:00Z'));
    expect(nextFireTime('at(2025-06-07T09:00:00)', 'Asia/Tokyo', at('2025-06-08T00:00:00Z'))).toBeUndefined();
    for (const bad of ['cron(0 0 * * * *)', 'cron(0 0 L * ? *)', 'cron(61 0 * * ? *)', 'rate(0 minutes)', 'every day']) {
      expect(() => nextFireTime(bad, 'UTC', new Date()), bad).toThrow();
    }
  });

  it('reads schedules back from the Scheduler API and fires their target handler with their input, on time', async () => {
    const stack = await startTestStack();
    try {
      const { scheduler } = stack.store.clients;
      const { prefix, schedules: names } = stack.store.config;
      const soon = new Date(Date.now() + 2_000);
      // "at" is wall-clock time in the schedule's zone: Tokyo is UTC+9 all year.
      const tokyo = new Date(soon.getTime() + 9 * 3_600_000).toISOString().slice(0, 19);
      await scheduler.send(
        new CreateScheduleCommand({
          Name: `${prefix}-soon`,
          GroupName: names.group,
          ScheduleExpression: `at(${tokyo})`,
          ScheduleExpressionTimezone: 'Asia/Tokyo',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: `arn:aws:lambda:us-east-1:123456789012:function:${prefix}-scheduled-report`, RoleArn: 'arn:aws:iam::123456789012:role/x', Input: '{"source":"test","scheduledTime":"<aws.scheduler.scheduled-time>"}' },
        }),
      );
      const fired: Array<{ event: unknown; at: number }> = [];
      const runner = new ScheduleRunner({
        scheduler,
        group: names.group,
        prefix,
        handlers: { 'scheduled-report': async (event) => void fired.push({ event, at: Date.now() }) },
      });
      await runner.start();
      try {
        const daily = runner.current.find((s) => s.name === names.dailyReports)!;
        expect(daily).toMatchObject({ expression: 'cron(15 0 * * ? *)', timezone: 'UTC', functionName: 'scheduled-report', input: '{"source":"daily-reports","scheduledTime":"<aws.scheduler.scheduled-time>"}' });
        expect(daily.next!.toISOString()).toMatch(/T00:15:00\.000Z$/);
        await waitFor(() => (fired.length > 0 ? true : undefined), 8_000);
      } finally {
        await runner.stop();
      }
      // Scheduler's context attribute is filled in with the scheduled time, in seconds.
      expect(fired[0]!.event).toEqual({ source: 'test', scheduledTime: soon.toISOString().replace(/\.\d{3}Z$/, 'Z') });
      expect(fired[0]!.at).toBeGreaterThanOrEqual(Math.floor(soon.getTime() / 1000) * 1000);
    } finally {
      await stack.stop();
    }
  });
});
