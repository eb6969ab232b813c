import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBStreamsClient, type _Record as StreamRecord, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { ReceiveMessageCommand, DeleteMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { pipeDefinitions, type PipeDefinition } from '@store-front/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestStore, product } from '../../sdk/tests/support.js';
import { compileEventPattern } from '../src/pipes/compileEventPattern.js';
import { FileCheckpointStore } from '../src/pipes/FileCheckpointStore.js';
import { InMemoryCheckpointStore } from '../src/pipes/InMemoryCheckpointStore.js';
import { PipeRunner } from '../src/pipes/PipeRunner.js';
import { createAlertHarness } from './alertHarness.js';

describe('event pattern subset', () => {
  const inventoryFilter = compileEventPattern(pipeDefinitions.find((pipe) => pipe.id === 'inventory-changes')!.filterPatterns[0]!);

  it('passes inserts and updates that carry a quantity, nothing else', () => {
    const record = (eventName: string, newImage?: object) => ({ eventName, dynamodb: { NewImage: newImage } });
    expect(inventoryFilter(record('MODIFY', { quantity: { N: '4' } }))).toBe(true);
    expect(inventoryFilter(record('INSERT', { quantity: { N: '0' } }))).toBe(true);
    expect(inventoryFilter(record('REMOVE'))).toBe(false);
    expect(inventoryFilter(record('MODIFY', { product: { S: 'x' } }))).toBe(false);
  });

  it('matches prefix, suffix, anything-but, exists, numeric and arrays like EventBridge', () => {
    const cases: Array<[object, object, boolean]> = [
      [{ a: [{ prefix: 'inv' }] }, { a: 'inventory' }, true],
      [{ a: [{ suffix: 'ory' }] }, { a: 'inventory' }, true],
      [{ a: [{ 'equals-ignore-case': 'MODIFY' }] }, { a: 'modify' }, true],
      [{ a: [{ 'anything-but': ['x', 'y'] }] }, { a: 'z' }, true],
      [{ a: [{ 'anything-but': ['x', 'y'] }] }, { a: 'x' }, false],
      [{ a: [{ 'anything-but': { prefix: 'tmp-' } }] }, { a: 'tmp-1' }, false],
      [{ a: [{ 'anything-but': 'x' }] }, {}, false],
      [{ a: [{ exists: false }] }, {}, true],
      [{ a: [{ exists: false }] }, { a: 1 }, false],
      [{ a: { b: [{ exists: false }] } }, {}, true],
      [{ a: [{ numeric: ['>', 0, '<=', 5] }] }, { a: 5 }, true],
      [{ a: [{ numeric: ['>', 0, '<=', 5] }] }, { a: '5' }, false], // DynamoDB's N is a string: no numeric match
      [{ a: ['x'] }, { a: ['w', 'x'] }, true],
      [{ a: [null] }, { a: null }, true],
    ];
    for (const [pattern, event, expected] of cases) expect([pattern, event, compileEventPattern(pattern as never)(event)]).toEqual([pattern, event, expected]);
  });

  it('rejects rules outside the subset instead of guessing', () => {
    expect(() => compileEventPattern({ a: [{ wildcard: '*x' }] })).toThrow(/Unsupported/);
    expect(() => compileEventPattern({ a: 'x' })).toThrow(/array of rules/);
  });

  it('exact, anything-but and numeric rules agree with their definitions (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 3 }), (values, value) => {
        const inList = values.includes(value);
        expect(compileEventPattern({ f: values })({ f: value })).toBe(inList);
        expect(compileEventPattern({ f: [{ 'anything-but': values }] })({ f: value })).toBe(!inList);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), (low, high, value) => {
        expect(compileEventPattern({ f: [{ numeric: ['>=', low, '<', high] }] })({ f: value })).toBe(value >= low && value < high);
      }),
    );
  });
});

/**
 * A DynamoDB stream whose shards split, served from memory through a client middleware: moto has
 * one shard per stream and never closes it, so shard lineage can only be exercised this way.
 */
class SplittingStream {
  readonly shards: Array<Shard & { records: StreamRecord[]; closed: boolean }> = [];
  private sequence = 100;
  readonly streamArn = 'arn:aws:dynamodb:us-east-1:123456789012:table/fake/stream/label';

  addShard(id: string, parent?: string) {
    this.shards.push({ ShardId: id, ...(parent ? { ParentShardId: parent } : {}), records: [], closed: false });
  }

  write(shardId: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'MODIFY'): string {
    const shard = this.shards.find((s) => s.ShardId === shardId)!;
    const sequenceNumber = String(this.sequence++);
    shard.records.push({
      eventID: `event-${sequenceNumber}`,
      eventName,
      dynamodb: { SequenceNumber: sequenceNumber, Keys: { product: { S: 'p' } }, NewImage: { product: { S: 'p' }, quantity: { N: sequenceNumber } } },
    });
    return `event-${sequenceNumber}`;
  }

  close(shardId: string) {
    this.shards.find((s) => s.ShardId === shardId)!.closed = true;
  }

  client(): DynamoDBStreamsClient {
    const client = new DynamoDBStreamsClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    client.middlewareStack.add(
      (_next: InitializeHandler<any, any>, context) => async (args: InitializeHandlerArguments<any>) => ({
        output: this.answer(context.commandName!, args.input),
        response: {},
      }),
      { step: 'initialize', name: 'splittingStream' },
    );
    return client;
  }

  private answer(command: string, input: any): any {
    switch (command) {
      case 'ListStreamsCommand':
        return { Streams: [{ StreamArn: this.streamArn }] };
      case 'DescribeStreamCommand':
        return { StreamDescription: { Shards: this.shards.map(({ ShardId, ParentShardId }) => ({ ShardId, ParentShardId })) } };
      case 'GetShardIteratorCommand': {
        const shard = this.shards.find((s) => s.ShardId === input.ShardId)!;
        const position =
          input.ShardIteratorType === 'TRIM_HORIZON'
            ? 0
            : input.ShardIteratorType === 'LATEST'
              ? shard.records.length
              : shard.records.findIndex((r) => r.dynamodb!.SequenceNumber === input.SequenceNumber) + 1;
        return { ShardIterator: `${input.ShardId}@${position}` };
      }
      case 'GetRecordsCommand': {
        const [shardId, at] = (input.ShardIterator as string).split('@') as [string, string];
        const shard = this.shards.find((s) => s.ShardId === shardId)!;
        const records = shard.records.slice(Number(at), Number(at) + input.Limit);
        const next = Number(at) + records.length;
        const ended = shard.closed && next >= shard.records.length;
        return { Records: records, ...(ended ? {} : { NextShardIterator: `${shardId}@${next}` }) };
      }
      default:
        throw new Error(`unexpected ${command}`);
    }
  }
}

describe('pipe runner', () => {
  it('reads a parent shard to its end before its children, and survives a restart mid-lineage', async () => {
    const { clients, config, provisioned } = await createTestStore();
    const stream = new SplittingStream();
    const pipe: PipeDefinition = { ...pipeDefinitions[0]!, batchSize: 3 };
    const checkpoints = new InMemoryCheckpointStore();
    const runner = () => new PipeRunner({ config, pipes: [pipe], clients: { streams: stream.client(), sqs: clients.sqs }, checkpoints, shardRefreshMs: 0 });

    const written: string[] = [];
    const removed: string[] = [];
    stream.addShard('parent');
    for (let i = 0; i < 5; i++) written.push(stream.write('parent'));
    removed.push(stream.write('parent', 'REMOVE'));
    stream.close('parent');
    stream.addShard('left', 'parent');
    stream.addShard('right', 'parent');
    for (let i = 0; i < 4; i++) written.push(stream.write('left'), stream.write('right'));

    const first = runner();
    await first.pollOnce(); // parent: records 1–3 only; children wait
    // A restart with the same checkpoints resumes after the last saved batch.
    const second = runner();
    while ((await second.pollOnce()) > 0);
    stream.close('left');
    stream.addShard('left-child', 'left');
    written.push(stream.write('left-child'), stream.write('right'));
    while ((await second.pollOnce()) > 0);

    const received: string[] = [];
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: provisioned.queueUrls.inventoryCheck, MaxNumberOfMessages: 10 }));
      if (Messages.length === 0) break;
      received.push(...Messages.map((m) => (JSON.parse(m.Body!) as { eventID: string }).eventID));
      await clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: provisioned.queueUrls.inventoryCheck, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
    const parentRecords = written.slice(0, 5);
    const lastParent = Math.max(...parentRecords.map((id) => received.indexOf(id)));
    expect(received.slice(0, lastParent + 1).sort()).toEqual([...parentRecords].sort()); // parent first
    expect([...received].sort()).toEqual([...written].sort()); // each once, REMOVE filtered out
    expect(received).not.toContain(removed[0]);
    expect((await checkpoints.get(`${pipe.id}|${stream.streamArn}|left`))?.finished).toBe(true);
  });

  it('misses no crossing when restarted mid-stream with a file checkpoint, and replays at most one batch', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'pipes-'));
    try {
      const path = join(directory, 'checkpoints.json');
      const h = await createAlertHarness();
      const sentEventIds: string[] = [];
      h.clients.sqs.middlewareStack.add(
        (next: InitializeHandler<any, any>, context) => async (args: InitializeHandlerArguments<any>) => {
          if (context.commandName === 'SendMessageBatchCommand') {
            for (const entry of args.input.Entries) {
              const record = JSON.parse(entry.MessageBody) as { eventID: string; dynamodb: { NewImage: Record<string, unknown>; OldImage?: Record<string, unknown> } };
              // Stock changes only: the checker's own status writes (`stockStatus`) come back on the stream too.
              const { NewImage, OldImage } = record.dynamodb;
              const stockChanged = !OldImage || ['quantity', 'lowStockThreshold'].some((name) => JSON.stringify(NewImage[name]) !== JSON.stringify(OldImage[name]));
              if (stockChanged) sentEventIds.push(record.eventID);
            }
          }
          return next(args);
        },
        { step: 'initialize', name: 'recordSends' },
      );
      await h.store.inventory.put([product('Chair', 30, 45, { lowStockThreshold: 10 }), product('Table', 30, 90, { lowStockThreshold: 10 })]);
      const first = h.newRunner({ checkpoints: new FileCheckpointStore(path) }).start();
      for (let i = 0; i < 12; i++) await h.store.inventory.adjust(i % 2 ? 'Chair' : 'Table', -1);
      await first.stop(); // mid-stream: some changes read, others not
      for (let i = 0; i < 16; i++) await h.store.orders.place({ product: i % 2 ? 'Chair' : 'Table', quantity: 1 }); // 24 → 16 each
      for (let i = 0; i < 12; i++) await h.store.orders.place({ product: i % 2 ? 'Chair' : 'Table', quantity: 1 }); // 16 → 10: crossing
      const second = h.newRunner({ checkpoints: new FileCheckpointStore(path) });
      const inbox = await h.settle(second);
      expect(inbox.map((alert) => alert.subject).sort()).toEqual(['Low stock: Chair', 'Low stock: Table']);
      const changes = 2 + 12 + 16 + 12;
      expect(new Set(sentEventIds).size).toBe(changes);
      expect(sentEventIds.length - changes).toBeLessThanOrEqual(pipeDefinitions[0]!.batchSize);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
