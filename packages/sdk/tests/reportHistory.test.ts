import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dailySalesExecutionId, syncStockStatus, ReportWorker } from '../src/entries/workers.js';
import { ValidationError, type ReportJob, type ReportListOptions } from '../src/index.js';
import { createTestStore } from './support.js';
import { putOrderLines } from './reportsSupport.js';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
let t: TestStore;
let worker: ReportWorker;

beforeAll(async () => {
  t = await createTestStore();
  worker = new ReportWorker(t.clients, t.config);
});

async function walk(options: ReportListOptions): Promise<ReportJob[]> {
  const seen: ReportJob[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.store.reports.list({ ...options, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('reports.list', () => {
  const started: Array<{ executionId: string; type: string; date: string }> = [];
  beforeAll(async () => {
    for (const [type, date] of [
      ['sales', '2024-03-02'],
      ['inventory', '2024-03-05'],
      ['inventory', '2024-03-01'],
      ['sales', '2024-03-01'],
      ['sales', '2024-03-05'],
      ['sales', '2024-03-03'],
      ['sales', '2024-03-03'],
    ] as const) {
      // An inventory report is a snapshot of its day: the clock is set to that day to start one.
      if (type === 'inventory') vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${date}T12:00:00Z`) });
      const { executionId } = await t.store.reports.start(type === 'inventory' ? { type } : { type, date }).finally(() => vi.useRealTimers());
      started.push({ executionId, type, date });
    }
  });
  const newestFirst = (jobs: typeof started) =>
    [...jobs].sort((a, b) => (a.date === b.date ? started.indexOf(b) - started.indexOf(a) : a.date < b.date ? 1 : -1)).map((job) => job.executionId);

  it('lists every job newest report date first (then newest job), paging exactly once through each', async () => {
    const all = await walk({ limit: 2 });
    expect(all.map((job) => job.executionId)).toEqual(newestFirst(started));
    expect(all[0]).toMatchObject({ status: 'PENDING', type: 'sales', date: '2024-03-05' });
    expect(all.some((job) => 'downloadUrl' in job)).toBe(false);
  });

  it('filters by type and by date range with one Query a page', async () => {
    t.calls.reset();
    await t.store.reports.list({ type: 'sales', limit: 2 });
    expect(Object.fromEntries(t.calls.counts)).toEqual({ QueryCommand: 1 });
    expect((await walk({ type: 'sales', limit: 3 })).map((job) => job.executionId)).toEqual(newestFirst(started.filter((job) => job.type === 'sales')));
    expect((await walk({ from: '2024-03-02', to: '2024-03-03', limit: 1 })).map((job) => job.executionId)).toEqual(
      newestFirst(started.filter((job) => job.date >= '2024-03-02' && job.date <= '2024-03-03')),
    );
  });

  it('rejects bad options, forged cursors and cursors of other filters, reading nothing', async () => {
    const { nextCursor } = await t.store.reports.list({ type: 'sales', limit: 1 });
    t.calls.reset();
    for (const options of [
      { type: 'weekly' },
      { from: '2024-03-05', to: '2024-03-01' },
      { limit: 0 },
      { cursor: nextCursor!.replace(/^./, 'x') },
      { cursor: nextCursor!, type: 'inventory' },
    ]) {
      await expect(t.store.reports.list(options as never)).rejects.toThrow(ValidationError);
    }
    expect(t.calls.total).toBe(0);
  });

  it('says a job whose files are past the retention has expired, and offers no link for it', async () => {
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    const item = { executionId: 'old-sales-1', type: 'sales', date: '2020-01-01', timeZone: 'UTC', status: 'SUCCEEDED', createdAt: old, startedAt: old, completedAt: old, rowCount: 3, bucket: t.config.buckets.reports, key: 'reports/sales/2020-01-01/old-sales-1.csv', historyKey: `2020-01-01#${old}#old-sales-1` };
    await t.clients.documents.send(new PutCommand({ TableName: t.config.tables.reportJobs, Item: item }));
    const [listed] = (await t.store.reports.list({ to: '2020-01-01' })).items;
    expect(listed).toMatchObject({ executionId: 'old-sales-1', status: 'SUCCEEDED', expired: true });
    const job = await t.store.reports.get('old-sales-1');
    expect(job.expired).toBe(true);
    expect(job.downloadUrl).toBeUndefined();
  });
});

/** A queue subscribed to the reports topic, as an e-mail subscriber would be. */
async function subscribeToDigests(inbox = 'digest-inbox') {
  const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: `${t.config.prefix}-${inbox}` }));
  const { Attributes } = await t.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await t.clients.sns.send(new SubscribeCommand({ TopicArn: t.provisioned.topicArns.reports, Protocol: 'sqs', Endpoint: Attributes!.QueueArn!, Attributes: { RawMessageDelivery: 'false' } }));
  return async (): Promise<Array<{ Subject: string; Message: string }>> => {
    const received: Array<{ Subject: string; Message: string }> = [];
    for (;;) {
      const { Messages = [] } = await t.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if (Messages.length === 0) return received;
      received.push(...Messages.map((message) => JSON.parse(message.Body!) as { Subject: string; Message: string }));
    }
  };
}

/** Makes SNS Publish fail while `active()` (a middleware on the real client). */
function failPublish(active: () => boolean) {
  t.clients.sns.middlewareStack.add(
    (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<any>) => {
      if (active() && context.commandName === PublishCommand.name) throw Object.assign(new Error('injected SNS outage'), { name: 'InternalError' });
      return next(args);
    },
    { step: 'initialize', name: 'failPublish' },
  );
}

describe('the morning digest', () => {
  const line = (id: string, date: string, product: string, quantity: number, unitCost: number) => ({
    OrderId: id,
    orderDate: `${date}T10:00:00.000Z`,
    product,
    category: 'Kitchen',
    quantity,
    unitCost,
  });

  it('goes out once when the daily sales report succeeds, also under duplicate deliveries and a retry', async () => {
    const inbox = await subscribeToDigests();
    await t.store.inventory.put([{ product: 'Mug', category: 'Kitchen', description: '', cost: 12.5, quantity: 0 }]);
    // What the inventory checker does with the put's stream record.
    await syncStockStatus(t.clients.documents, t.config.tables.inventory, {
      dynamodb: { NewImage: marshall({ product: 'Mug', quantity: 0, lowStockThreshold: 5 }) },
    });
    await putOrderLines(t.clients, t.config, [
      line('w1', '2024-04-24', 'Mug', 4, 12.5),
      line('d1', '2024-05-01', 'Mug', 2, 12.5),
      line('d2', '2024-05-01', 'Pan', 1, 30),
      line('e1', '2024-05-02', 'Mug', 1, 12.5),
    ]);
    const weekBefore = await t.store.reports.start({ type: 'sales', date: '2024-04-24' });
    await worker.run(weekBefore.executionId);
    expect(await inbox()).toEqual([]); // not a daily report: no digest

    const daily = dailySalesExecutionId('2024-05-01');
    await t.store.reports.start({ type: 'sales', date: '2024-05-01' }, { executionId: daily });
    const outcomes = await Promise.all([worker.run(daily), worker.run(daily), worker.run(daily)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['SKIPPED', 'SKIPPED', 'SUCCEEDED']);
    await worker.run(daily); // a late duplicate
    const [digest, ...more] = await inbox();
    expect(more).toEqual([]);
    expect(digest!.Subject.length).toBeLessThan(100);
    expect(digest!.Subject).toBe('Sales 2024-05-01: 55.00 from 2 orders (+10.0% vs Wed 2024-04-24)');
    expect(digest!.Message).toContain('Pan — 1 sold, 30.00');
    expect(digest!.Message).toContain(`s3://${t.config.buckets.reports}/reports/sales/2024-05-01/${daily}.csv`);

    // The digest's publish fails after the job succeeded: the redelivery sends it, once.
    const retried = dailySalesExecutionId('2024-05-02');
    await t.store.reports.start({ type: 'sales', date: '2024-05-02' }, { executionId: retried });
    let outage = true;
    failPublish(() => outage);
    await expect(worker.run(retried)).rejects.toThrow('injected SNS outage');
    expect((await t.store.reports.get(retried)).status).toBe('SUCCEEDED');
    outage = false;
    // The claim of the failed attempt is still fresh: a redelivery now is told to come back later.
    await expect(worker.run(retried)).rejects.toThrow('being sent by another worker');
    const impatient = new ReportWorker(t.clients, t.config);
    (impatient as unknown as { digest: { leaseSeconds: number } }).digest.leaseSeconds = 0;
    expect(await impatient.run(retried)).toMatchObject({ outcome: 'SKIPPED' });
    await impatient.run(retried);
    const retriedDigests = await inbox();
    expect(retriedDigests.map((message) => message.Subject)).toEqual(['Sales 2024-05-02: 12.50 from 1 orders (no report a week before)']);
    expect(retriedDigests[0]!.Message).toContain('OUT Mug');
  });

  it('publishes to the reportsTopicArn setting without looking the topic up', async () => {
    const inbox = await subscribeToDigests('digest-inbox-by-arn');
    await putOrderLines(t.clients, t.config, [line('f1', '2024-05-03', 'Pan', 2, 30)]);
    const daily = dailySalesExecutionId('2024-05-03');
    await t.store.reports.start({ type: 'sales', date: '2024-05-03' }, { executionId: daily });
    const configured = new ReportWorker(t.clients, { ...t.config, reportsTopicArn: t.provisioned.topicArns.reports! });
    t.calls.reset();
    expect(await configured.run(daily)).toMatchObject({ outcome: 'SUCCEEDED' });
    expect(t.calls.counts.get('CreateTopicCommand')).toBeUndefined();
    expect(t.calls.counts.get('PublishCommand')).toBe(1);
    expect((await inbox()).map((message) => message.Subject)).toEqual([expect.stringMatching(/^Sales 2024-05-03: 60\.00 from 1 orders/)]);
  });
});
