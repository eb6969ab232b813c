/*
 * The fault table (docs/operations.md): each fault the store must survive, injected with an AWS SDK
 * middleware on the real clients (moto behind them), and what must hold after it — nothing lost,
 * nothing done twice.
 */
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { SQSServiceException } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeHandler, InitializeHandlerArguments, MiddlewareStack } from '@smithy/types';
import { createAwsClients, TryAgainError } from '@store-front/sdk';
import { reportJobLimits } from '@store-front/sdk/resources';
import { AlertService, ReportWorker } from '@store-front/sdk/workers';
import { createStorefrontClient } from '@store-front/sdk/http';
import { describe, expect, it } from 'vitest';
import { failS3 } from '../../sdk/tests/reportsSupport.js';
import { createTestStore, product, readStock, scanOrderLines } from '../../sdk/tests/support.js';
import { createAlertHarness } from './alertHarness.js';
import { startTestStack, testAdmin, waitFor } from './localStackSupport.js';

type Fault = (commandName: string, input: any) => Error | undefined;

/** Makes the calls `fault` picks fail before they reach the emulator (outside the SDK's own retries). */
function inject(client: { middlewareStack: MiddlewareStack<any, any> }, fault: Fault): void {
  client.middlewareStack.add(
    (next: InitializeHandler<any, any>, context) => async (args: InitializeHandlerArguments<any>) => {
      const error = fault(context.commandName!, args.input);
      if (error) throw error;
      return next(args);
    },
    { step: 'initialize', name: `fault${Math.random()}` },
  );
}

/** The first `times` calls of each of `commands` fail with the error `make` builds. */
function failFirst(times: number, commands: readonly string[], make: (input: any) => Error): Fault & { injected: () => number } {
  const seen = new Map<string, number>();
  let injected = 0;
  const fault = (commandName: string, input: any) => {
    if (!commands.includes(commandName)) return undefined;
    const count = (seen.get(commandName) ?? 0) + 1;
    seen.set(commandName, count);
    if (count > times) return undefined;
    injected++;
    return make(input);
  };
  return Object.assign(fault, { injected: () => injected });
}

const throttled = () => new ProvisionedThroughputExceededException({ message: 'injected: throughput exceeded', $metadata: {} });
/** A transaction cancelled because another one touched an item at the same time; a lone write sees it as TransactionConflictException. */
const conflict = (input: any) =>
  input.TransactItems
    ? new TransactionCanceledException({
        message: 'injected: Transaction cancelled [TransactionConflict]',
        $metadata: {},
        CancellationReasons: input.TransactItems.map((_: unknown, index: number) => ({ Code: index === 0 ? 'TransactionConflict' : 'None' })),
      })
    : new TransactionConflictException({ message: 'injected: conflict with an ongoing transaction', $metadata: {} });

const writeCommands = ['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand'];

describe('fault table', () => {
  it.each([
    ['throttling', throttled],
    ['transaction conflicts', conflict],
  ] as const)('DynamoDB %s on every API write path: each write applies exactly once', async (_name, make) => {
    const stack = await startTestStack();
    try {
      const api = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
      // Two attempts of every three fail: each write needs the store's retries to go through.
      let writes = 0;
      inject(stack.store.clients.dynamodb, (name, input) => (writeCommands.includes(name) && ++writes % 3 !== 0 ? make(input) : undefined));
      await api.inventory.put([product('Tent', 20), product('Stove', 10)]);
      const order = await api.orders.place({ items: [{ product: 'Tent', quantity: 2 }, { product: 'Stove', quantity: 1 }] }, { idempotencyKey: 'fault-order' });
      await api.inventory.adjust('Stove', 5, { reason: 'delivery' });
      const report = await api.reports.start({ type: 'inventory' });
      expect(writes).toBeGreaterThanOrEqual(12); // four writes, three attempts each

      expect(await readStock(stack.store)).toEqual(new Map([['Tent', 18], ['Stove', 14]]));
      expect((await scanOrderLines(stack.store)).map((line) => [line.OrderId, line.product, line.quantity]).sort()).toEqual([
        [order.orderId, 'Stove', 1],
        [order.orderId, 'Tent', 2],
      ]);
      expect((await stack.store.reports.get(report.executionId)).status).toBe('PENDING');
    } finally {
      await stack.stop();
    }
  });

  it('DynamoDB throttling that outlasts the retries: 503 TRY_AGAIN, nothing written; the same key later applies once', async () => {
    const stack = await startTestStack();
    try {
      await stack.store.inventory.put(product('Lamp', 10));
      let down = true;
      inject(stack.store.clients.dynamodb, (name) => (down && writeCommands.includes(name) ? throttled() : undefined));
      const direct = stack.store.orders.place({ product: 'Lamp', quantity: 1 }, { idempotencyKey: 'k-1' });
      await expect(direct).rejects.toBeInstanceOf(TryAgainError);
      const response = await fetch(`${stack.url}/order`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
        body: JSON.stringify({ product: 'Lamp', quantity: 1 }),
      });
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await response.json()).error.code).toBe('TRY_AGAIN');
      expect((await readStock(stack.store)).get('Lamp')).toBe(10);
      down = false;
      const api = createStorefrontClient({ baseUrl: stack.url });
      const first = await api.orders.place({ product: 'Lamp', quantity: 1 }, { idempotencyKey: 'k-1' });
      const again = await api.orders.place({ product: 'Lamp', quantity: 1 }, { idempotencyKey: 'k-1' });
      expect(again.orderId).toBe(first.orderId);
      expect((await readStock(stack.store)).get('Lamp')).toBe(9);
    } finally {
      await stack.stop();
    }
  });

  it('an SQS send failure in a pipe: the batch is sent again from its checkpoint, one alert per crossing', async () => {
    const h = await createAlertHarness();
    const fault = failFirst(2, ['SendMessageBatchCommand'], () => new SQSServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: {}, message: 'injected' }));
    inject(h.clients.sqs, fault);
    await h.store.inventory.put([product('Chair', 12, 40, { lowStockThreshold: 5 }), product('Desk', 12, 90, { lowStockThreshold: 5 })]);
    for (let i = 0; i < 8; i++) await h.store.orders.place({ product: i % 2 ? 'Chair' : 'Desk', quantity: 2 });
    const inbox = await settleThroughFailures(h);
    expect(fault.injected()).toBe(2);
    expect(inbox.map((alert) => alert.subject).sort()).toEqual(['Low stock: Chair', 'Low stock: Desk']);
  });

  it('an SNS publish failure and DynamoDB throttling in the checker: the message is retried, the alert sent once', async () => {
    const h = await createAlertHarness();
    const publish = failFirst(1, ['PublishCommand'], () => new Error('injected: SNS unavailable'));
    inject(h.clients.sns, publish);
    inject(h.clients.dynamodb, failFirst(1, ['TransactWriteItemsCommand'], throttled));
    await h.store.inventory.put(product('Mug', 7, 9, { lowStockThreshold: 5 }));
    await h.store.orders.place({ product: 'Mug', quantity: 3 });
    const inbox = await settleThroughFailures(h);
    expect(publish.injected()).toBe(1);
    expect(inbox.map((alert) => alert.subject)).toEqual(['Low stock: Mug']);
    expect((await h.store.alerts.recent()).items).toHaveLength(1);
  });

  it('a checker crash between its steps: after the claim the lease lapses and the alert is sent; after the publish it may repeat, never vanish', async () => {
    const t = await createTestStore();
    await t.store.inventory.put(product('Rug', 9, 50, { lowStockThreshold: 5 }));
    const record = (eventID: string) => ({
      eventID,
      eventName: 'MODIFY',
      dynamodb: {
        Keys: { product: { S: 'Rug' } },
        OldImage: { product: { S: 'Rug' }, quantity: { N: '9' }, lowStockThreshold: { N: '5' } },
        NewImage: { product: { S: 'Rug' }, quantity: { N: '4' }, lowStockThreshold: { N: '5' } },
        SequenceNumber: '1',
      },
    });
    const crash = new Error('injected: the process died here');
    const published: string[] = [];
    inject(t.clients.sns, (name, input) => (name === 'PublishCommand' ? void published.push(input.Subject) : undefined));

    // Crash after the claim, before the publish: nothing is sent and nothing released; the lease lapses.
    const crashBeforePublish = clientsWithFault(t, (name) => (name === 'PublishCommand' || name === 'UpdateItemCommand' ? crash : undefined));
    await expect(new AlertService(crashBeforePublish, t.config, { leaseSeconds: 1 }).check(record('crash-1'))).rejects.toThrow(crash);
    const alerts = new AlertService(t.clients, t.config, { leaseSeconds: 1 });
    await expect(alerts.check(record('crash-1'))).rejects.toThrow(/being sent by another checker/); // within the lease: retried later
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await alerts.check(record('crash-1'))).outcome).toBe('sent');
    expect((await alerts.check(record('crash-1'))).outcome).toBe('duplicate');

    // Crash after the publish, before it is marked sent: the redelivery sends it again (at least once).
    const crashAfterPublish = clientsWithFault(t, (name) => (name === 'UpdateItemCommand' ? crash : undefined));
    inject(crashAfterPublish.sns, (name, input) => (name === 'PublishCommand' ? void published.push(input.Subject) : undefined));
    await expect(new AlertService(crashAfterPublish, t.config, { leaseSeconds: 1 }).check(record('crash-2'))).rejects.toThrow(crash);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await alerts.check(record('crash-2'))).outcome).toBe('sent');
    expect(published).toEqual(['Low stock: Rug', 'Low stock: Rug', 'Low stock: Rug']);
  });

  it('an S3 failure in the middle of a multipart upload: the job ends FAILED, no object or part is left, a re-run succeeds', async () => {
    const t = await createTestStore();
    // ~6 MB of CSV (2,000-character descriptions): more than one 5 MiB part.
    const description = 'x'.repeat(2_000);
    for (let start = 0; start < 3_000; start += 50) {
      await t.store.inventory.put(Array.from({ length: 50 }, (_, i) => product(`P${String(start + i).padStart(5, '0')}`, 5, 1, { description })));
    }
    let partsTried = 0;
    failS3(t.clients, ['UploadPartCommand'], () => ++partsTried === 2);
    const failed = await t.store.reports.start({ type: 'inventory' });
    expect(await new ReportWorker(t.clients, t.config).run(failed.executionId)).toMatchObject({ outcome: 'FAILED' });
    expect((await t.store.reports.get(failed.executionId)).error).toMatch(/Could not write the report to S3/);
    const { Uploads = [] } = await t.clients.s3.send(new ListMultipartUploadsCommand({ Bucket: t.config.buckets.reports }));
    expect(Uploads).toEqual([]);
    const { KeyCount } = await t.clients.s3.send(new ListObjectsV2Command({ Bucket: t.config.buckets.reports }));
    expect(KeyCount ?? 0).toBe(0);

    // The operator re-runs the report: a new job, one complete file.
    const rerun = await t.store.reports.start({ type: 'inventory' });
    expect(await new ReportWorker(t.clients, t.config).run(rerun.executionId)).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 3_000 });
  }, 180_000);

  it('a worker crash mid-report: the job stays RUNNING until its timeout, then a redelivery runs it once', async () => {
    const t = await createTestStore();
    await t.store.inventory.put([product('Bowl', 3), product('Plate', 4)]);
    const { executionId } = await t.store.reports.start({ type: 'inventory' });
    // The crashed worker: it claimed the job, then its S3 upload never returns (the process is gone).
    const crashed = clientsWithFault(t, () => undefined);
    crashed.s3.middlewareStack.add(() => () => new Promise<never>(() => undefined), { step: 'initialize', name: 'processGone' });
    void new ReportWorker(crashed, t.config).run(executionId);
    await waitFor(async () => ((await t.store.reports.get(executionId)).status === 'RUNNING' ? true : undefined));
    const worker = new ReportWorker(t.clients, t.config);
    expect(await worker.run(executionId)).toMatchObject({ outcome: 'SKIPPED', reason: 'already running (duplicate delivery)' });
    // Time passes beyond the running timeout (moved back instead of waited for).
    const staleStart = new Date(Date.now() - (reportJobLimits.runningTimeoutSeconds + 1) * 1000).toISOString();
    await t.clients.documents.send(
      new UpdateCommand({ TableName: t.config.tables.reportJobs, Key: { executionId }, UpdateExpression: 'SET startedAt = :at', ExpressionAttributeValues: { ':at': staleStart } }),
    );
    expect(await worker.run(executionId)).toMatchObject({ outcome: 'SUCCEEDED', rowCount: 2 });
    expect(await worker.run(executionId)).toMatchObject({ outcome: 'SKIPPED', reason: 'already SUCCEEDED' });
    const { KeyCount } = await t.clients.s3.send(new ListObjectsV2Command({ Bucket: t.config.buckets.reports, Prefix: `reports/inventory/` }));
    expect(KeyCount).toBe(1);
  });
});

/** Fresh clients on the store's settings (a second process), with `fault` on every one. */
function clientsWithFault(t: Awaited<ReturnType<typeof createTestStore>>, fault: Fault) {
  const clients = createAwsClients(t.config);
  for (const client of [clients.dynamodb, clients.sns, clients.s3, clients.sqs]) inject(client, fault);
  return clients;
}

/** Settles the alert path, going on through the failures the faults make (a failed pipe pass is retried, as the runner does). */
async function settleThroughFailures(h: Awaited<ReturnType<typeof createAlertHarness>>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await h.settle();
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}
