/*
 * Alert path bench: AWS calls per processed stock change (with and without an alert); the delay
 * from an order to its alert through the pipe runner and an in-process queue poller (20 ms polls);
 * and the same delay on the local stack as `npm start` runs it (HTTP order in, alert printed out).
 *
 *   npx tsx --conditions=store-front-source packages/local/bench/alerts.ts     (starts its own emulator)
 *   STOREFRONT_AWS_ENDPOINT=http://127.0.0.1:5000 npx tsx --conditions=store-front-source packages/local/bench/alerts.ts
 *
 * (`store-front-source` resolves @store-front/sdk to its source, so no build is needed.)
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, createStorefront, pipeDefinitions, provisionResources, resolveConfig } from '@store-front/sdk';
import type { SQSEvent } from 'aws-lambda';
import { CallCounter } from '../../sdk/tests/support.js';
import { createInventoryCheckerHandler } from '@store-front/handlers';
import { startEmulator } from '../src/emulator.js';
import { PipeRunner } from '../src/pipes/PipeRunner.js';
import { startLocalStack } from '../src/startLocalStack.js';
import { localBackgroundServices } from '../src/backgroundServices.js';
import { createStorefrontClient } from '@store-front/sdk/http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = 20;

const emulator = process.env.STOREFRONT_AWS_ENDPOINT ? undefined : await startEmulator();
try {
  const settings = { endpoint: process.env.STOREFRONT_AWS_ENDPOINT ?? emulator!.endpoint, prefix: `bench-${randomBytes(3).toString('hex')}` };
  const config = resolveConfig(settings);
  const provisioned = await provisionResources(settings);
  const store = createStorefront(settings); // the shop side: orders and stock
  const checkerClients = createAwsClients(config); // the checker Lambda's own clients, counted
  const checkerCalls = new CallCounter();
  checkerCalls.attach(checkerClients);
  const checker = createInventoryCheckerHandler({
    store: createStorefront({ ...settings, clients: checkerClients }),
    topicArn: provisioned.lowStockTopicArn,
    logger: new Logger({ logLevel: 'SILENT' }),
  });
  const sqs = store.clients.sqs;
  const queueUrl = provisioned.queueUrls.inventoryCheck!;
  const { QueueUrl: inboxUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${config.prefix}-inbox` }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: inboxUrl, AttributeNames: ['QueueArn'] }));
  await store.clients.sns.send(new SubscribeCommand({ TopicArn: provisioned.lowStockTopicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn! }));
  const runner = new PipeRunner({ config, pipes: pipeDefinitions.filter((p) => p.id === 'inventory-changes'), pollIntervalMs: 20 });

  /** Like a Lambda event source mapping: receive a batch, invoke, delete what succeeded. */
  const pollQueue = async (): Promise<number> => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 1, MessageSystemAttributeNames: ['All'] }));
    if (Messages.length === 0) return 0;
    const event = { Records: Messages.map((m) => ({ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, attributes: m.Attributes })) } as unknown as SQSEvent;
    const { batchItemFailures } = await checker(event);
    const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
    const done = Messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    return Messages.length;
  };
  const drainInbox = async () => {
    let received = 0;
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: inboxUrl, MaxNumberOfMessages: 10 }));
      if (!Messages.length) return received;
      received += Messages.length;
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: inboxUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
  };
  const settle = async () => {
    while ((await runner.pollOnce()) + (await pollQueue()) > 0);
  };

  // Warm up: topic lookup, price cache, connections.
  await store.inventory.put({ product: 'warm', category: 'bench', description: '', cost: 1, quantity: 10 });
  await store.orders.place({ product: 'warm', quantity: 6 });
  await settle();
  await drainInbox();

  // 1. AWS calls per processed stock change, counted on the checker's clients.
  await store.inventory.put({ product: 'plenty', category: 'bench', description: '', cost: 1, quantity: 1000 });
  await settle();
  checkerCalls.reset();
  for (let i = 0; i < runs; i++) await store.orders.place({ product: 'plenty', quantity: 1 });
  await settle();
  const withoutAlert = checkerCalls.total / runs;
  const products = Array.from({ length: runs }, (_, i) => ({ product: `crossing-${i}`, category: 'bench', description: '', cost: 1, quantity: 6 }));
  await store.inventory.put(products);
  await settle();
  checkerCalls.reset();
  for (const { product } of products) await store.orders.place({ product, quantity: 1 });
  await settle();
  const withAlert = checkerCalls.total / runs;
  const alertsSent = await drainInbox();

  // 2. Order → alert delay, with the runner and a poller running in the background.
  runner.start();
  let polling = true;
  const poller = (async () => {
    while (polling) if ((await pollQueue()) === 0) await new Promise((r) => setTimeout(r, 20));
  })();
  const delays: number[] = [];
  for (let i = 0; i < runs; i++) {
    const product = `delay-${i}`;
    await store.inventory.put({ product, category: 'bench', description: '', cost: 1, quantity: 6 });
    await new Promise((r) => setTimeout(r, 100)); // let the insert pass through
    const started = performance.now();
    await store.orders.place({ product, quantity: 1 });
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: inboxUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      if (Messages.length) {
        delays.push(performance.now() - started);
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: inboxUrl, Entries: [{ Id: '0', ReceiptHandle: Messages[0]!.ReceiptHandle! }] }));
        break;
      }
    }
  }
  polling = false;
  await poller;
  await runner.stop();
  delays.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]!);

  // 3. Order → alert on the local stack with its own backgroundServices: POST /order in, the alert printed by the
  //    stack's topic subscriber out (pipes, queue consumer and checker at their npm start settings).
  const printed: Array<{ line: string; at: number }> = [];
  const stack = await startLocalStack({
    endpoint: settings.endpoint,
    prefix: `${config.prefix}-stack`,
    port: 0,
    seed: false,
    persist: false,
    dataDir: await mkdtemp(join(tmpdir(), 'storefront-bench-')),
    adminCredentials: { accessKeyId: 'AKIABENCHADMIN000001', secretAccessKey: 'bench-admin-secret-000000000000' },
    backgroundServices: localBackgroundServices,
    logger: new Logger({ logLevel: 'SILENT' }),
    print: (line) => printed.push({ line, at: performance.now() }),
  });
  const stackDelays: number[] = [];
  try {
    const api = createStorefrontClient({ baseUrl: stack.url });
    for (let i = 0; i < runs; i++) {
      const product = `stack-delay-${i}`;
      await stack.store.inventory.put({ product, category: 'bench', description: '', cost: 1, quantity: 6 });
      await new Promise((r) => setTimeout(r, 300)); // let the insert pass through the pipe
      const started = performance.now();
      await api.orders.place({ product, quantity: 1 });
      const deadline = started + 30_000;
      let alert: { at: number } | undefined;
      while (!(alert = printed.find((entry) => entry.line.includes(product))) && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      if (!alert) throw new Error(`no alert for ${product} within 30 s`);
      stackDelays.push(alert.at - started);
    }
  } finally {
    await stack.stop();
  }
  stackDelays.sort((a, b) => a - b);
  const stackPercentile = (p: number) => Math.round(stackDelays[Math.min(stackDelays.length - 1, Math.floor(p * stackDelays.length))]!);

  const result = {
    awsCallsPerStockChange: { withoutAlert, withAlert, alertsSent, changesPerCase: runs },
    orderToAlertMs: { median: percentile(0.5), p90: percentile(0.9), min: Math.round(delays[0]!), max: Math.round(delays.at(-1)!), runs },
    localStackOrderToAlertMs: {
      median: stackPercentile(0.5),
      p90: stackPercentile(0.9),
      min: Math.round(stackDelays[0]!),
      max: Math.round(stackDelays.at(-1)!),
      runs,
    },
    setup: { emulator: 'moto', pipePollIntervalMs: 20, queuePollIntervalMs: 20 },
  };
  console.log(JSON.stringify(result, null, 2));
  console.table({
    'AWS calls per stock change, no alert (checker)': { value: withoutAlert },
    'AWS calls per stock change, with alert (checker)': { value: withAlert },
    'order → alert, median ms': { value: result.orderToAlertMs.median },
    'order → alert, p90 ms': { value: result.orderToAlertMs.p90 },
    'local stack: POST /order → alert printed, median ms': { value: result.localStackOrderToAlertMs.median },
    'local stack: POST /order → alert printed, p90 ms': { value: result.localStackOrderToAlertMs.p90 },
  });
} finally {
  await emulator?.stop();
}
