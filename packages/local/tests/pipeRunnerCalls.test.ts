import { DynamoDBStreamsClient, ExpiredIteratorException } from '@aws-sdk/client-dynamodb-streams';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { clientOptions, pipeDefinitions } from '@store-front/sdk';
import { describe, expect, it } from 'vitest';
import { createTestStore, product } from '../../sdk/tests/support.js';
import { PipeRunner } from '../src/pipes/PipeRunner.js';
import { waitFor } from './localStackSupport.js';

/** A streams client whose calls are counted by operation, and whose next GetRecords can be made to fail. */
function countingStreams(config: Parameters<typeof clientOptions>[0]) {
  const counts = new Map<string, number>();
  let expireNext = false;
  const client = new DynamoDBStreamsClient(clientOptions(config));
  client.middlewareStack.add(
    (next: InitializeHandler<any, any>, context) => async (args: InitializeHandlerArguments<any>) => {
      const name = context.commandName!;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (name === 'GetRecordsCommand' && expireNext) {
        expireNext = false;
        throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
      }
      return next(args);
    },
    { step: 'initialize', name: 'countStreamCalls' },
  );
  return { client, count: (name: string) => counts.get(name) ?? 0, expireNextRead: () => void (expireNext = true) };
}

async function drainQueue(clients: Awaited<ReturnType<typeof createTestStore>>['clients'], queueUrl: string): Promise<string[]> {
  const products: string[] = [];
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    if (Messages.length === 0) return products;
    for (const message of Messages) products.push(JSON.parse(message.Body!).dynamodb.Keys.product.S);
    await clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
  }
}

describe('pipe runner AWS calls', () => {
  const inventoryPipe = pipeDefinitions.filter((pipe) => pipe.id === 'inventory-changes');

  it('keeps each shard iterator between empty polls: one GetRecords per idle pass, one GetShardIterator in all', async () => {
    const { store, config, clients, provisioned } = await createTestStore();
    await store.inventory.put(product('Lamp', 20));
    const streams = countingStreams(config);
    const runner = new PipeRunner({ config, pipes: inventoryPipe, clients: { streams: streams.client, sqs: clients.sqs } });
    await runner.pollOnce(); // finds the stream and its shard, reads the put
    await drainQueue(clients, provisioned.queueUrls.inventoryCheck!);
    const setupReads = streams.count('GetRecordsCommand');
    for (let pass = 0; pass < 10; pass++) expect(await runner.pollOnce()).toBe(0);
    expect(streams.count('GetRecordsCommand') - setupReads).toBe(10);
    expect(streams.count('GetShardIteratorCommand')).toBe(1);

    // Changes after idle passes are read with the kept iterator, and idling goes on without a new one.
    await store.inventory.adjust('Lamp', -1);
    expect(await runner.pollOnce()).toBe(1);
    for (let pass = 0; pass < 5; pass++) await runner.pollOnce();
    expect(streams.count('GetShardIteratorCommand')).toBe(1);
    expect(await drainQueue(clients, provisioned.queueUrls.inventoryCheck!)).toEqual(['Lamp']);
  });

  it('replaces an expired iterator from the checkpoint, losing and repeating nothing', async () => {
    const { store, config, clients, provisioned } = await createTestStore();
    await store.inventory.put(product('Desk', 20));
    const streams = countingStreams(config);
    const runner = new PipeRunner({ config, pipes: inventoryPipe, clients: { streams: streams.client, sqs: clients.sqs } });
    await runner.pollOnce();
    await drainQueue(clients, provisioned.queueUrls.inventoryCheck!);
    await store.inventory.adjust('Desk', -1);
    streams.expireNextRead();
    expect(await runner.pollOnce()).toBe(0);
    await store.inventory.adjust('Desk', -2);
    while ((await runner.pollOnce()) > 0);
    expect(streams.count('GetShardIteratorCommand')).toBe(2);
    expect(await drainQueue(clients, provisioned.queueUrls.inventoryCheck!)).toEqual(['Desk', 'Desk']);
  });

  it('stop with a drain deadline moves what is already in the stream to the queue first', async () => {
    const { store, config, clients, provisioned } = await createTestStore();
    await store.inventory.put([product('Cup', 50), product('Plate', 50)]);
    const runner = new PipeRunner({ config, pipes: [{ ...inventoryPipe[0]!, batchSize: 2 }], clients: { sqs: clients.sqs }, pollIntervalMs: 60_000 }).start();
    // The first passes move the two puts, then the runner sleeps a minute: the changes below wait in the stream.
    const early: string[] = [];
    await waitFor(async () => (early.push(...(await drainQueue(clients, provisioned.queueUrls.inventoryCheck!))), early.length === 2 ? true : undefined));
    for (let i = 0; i < 6; i++) await store.inventory.adjust(i % 2 ? 'Cup' : 'Plate', -1);
    await runner.stop({ drainUntil: Date.now() + 10_000 });
    expect((await drainQueue(clients, provisioned.queueUrls.inventoryCheck!)).length).toBe(6);
  });
});
