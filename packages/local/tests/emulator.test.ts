import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { clientOptions } from '@store-front/sdk/resources';
import { OutOfStockError } from '@store-front/sdk';
import { createTestStore, product, readStock } from '../../sdk/tests/support.js';

describe('the serialized emulator', () => {
  it('rolls back a cancelled transaction without losing other writes, and keeps open stream iterators live', async () => {
    const ctx = await createTestStore();
    await ctx.store.inventory.put([product('A', 5), product('B', 1), product('C', 1)]);
    const streams = new DynamoDBStreamsClient(clientOptions(ctx.config));
    const streamArn = ctx.provisioned.streamArns.inventory!;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    let { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: StreamDescription!.Shards![0]!.ShardId!, ShardIteratorType: 'LATEST' }),
    );

    // A cancelled order (B is short) interleaved with successful writes.
    const [cancelled] = await Promise.allSettled([
      ctx.store.orders.place({ items: [{ product: 'A', quantity: 2 }, { product: 'B', quantity: 3 }] }),
      ctx.store.inventory.adjust('C', 4),
    ]);
    await ctx.store.inventory.adjust('A', 1);
    expect((cancelled as PromiseRejectedResult).reason).toBeInstanceOf(OutOfStockError);
    expect(await readStock(ctx)).toEqual(new Map([['A', 6], ['B', 1], ['C', 5]]));

    const records = [];
    for (let i = 0; i < 3 && ShardIterator; i++) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []));
      ShardIterator = page.NextShardIterator;
    }
    const changes = records.map((record) => `${record.dynamodb!.Keys!.product!.S}:${record.dynamodb!.NewImage!.quantity!.N}`);
    // The iterator opened before the cancelled transaction sees the later writes, and not the cancelled ones.
    expect(changes).toEqual(['C:5', 'A:6']);
  });
});
