import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { createApiHandler } from '@store-front/handlers';
import { StorefrontError, clientOptions, createStorefront, provisionResources, type BackoffOptions } from '@store-front/sdk';
import { createStorefrontClient } from '@store-front/sdk/http';
import { createLocalApiServer } from '../src/createLocalApiServer.js';
import { SigV4Verifier } from '../src/SigV4Verifier.js';
import { scanOrderLines } from '../../sdk/tests/support.js';
import { silentLogger, testAdmin } from './localStackSupport.js';

/** One flash sale: how many buyers, how much stock, and whether the server and the client retry. */
export interface FlashSaleOptions {
  /** An emulator cancelling transactions that touch an item written moments before. */
  readonly endpoint: string;
  readonly buyers: number;
  readonly stock: number;
  /** The store's retries of conflicts and throttling; `{ maxAttempts: 1 }` turns them off. */
  readonly serverRetry?: BackoffOptions;
  /** Retries of the HTTP client (503 TRY_AGAIN, 429, 5xx); 0 turns them off. */
  readonly clientRetries: number;
}

/** What the sale ended in: each buyer's final status, every HTTP answer, and what the tables hold. */
export interface FlashSaleResult {
  /** Each buyer's final outcome by HTTP status (201, 409, 503, 500). */
  readonly outcomes: Record<number, number>;
  /** Every HTTP answer the buyers received, retries included, by status (a final 500 without one is the client's own: unreachable). */
  readonly answers: Record<number, number>;
  readonly sold: number;
  readonly orders: number;
  /** Orders per idempotency key (1 for every key that bought). */
  readonly ordersPerKey: number[];
  readonly finalStock: number;
  /** The lowest quantity the inventory stream ever carried for the product. */
  readonly lowestStock: number;
  readonly elapsedMs: number;
}

const count = (into: Record<number, number>, status: number) => {
  into[status] = (into[status] ?? 0) + 1;
};

/**
 * Runs `buyers` concurrent HTTP buyers of one product with `stock` units against the API (the same
 * handler and local server as `npm start`), each with its own Idempotency-Key, and reads back
 * what happened. Used by the flash-sale test and `npm run bench:flash-sale`.
 */
export async function runFlashSale(options: FlashSaleOptions): Promise<FlashSaleResult> {
  const settings = { endpoint: options.endpoint, region: 'us-east-1', prefix: `f${randomBytes(4).toString('hex')}`, cursorSecret: 'flash-sale-cursor-secret-0123' };
  const provisioned = await provisionResources(settings);
  const store = createStorefront({ ...settings, ...(options.serverRetry ? { retry: options.serverRetry } : {}) });
  await store.inventory.put({ product: 'Console', category: 'Games', description: 'Limited edition', cost: 499, quantity: options.stock });
  const server = createLocalApiServer({
    handler: createApiHandler({ store, logger: silentLogger }),
    verifier: new SigV4Verifier({ credentials: testAdmin, region: 'us-east-1' }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const answers: Record<number, number> = {};
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    count(answers, response.status);
    return response;
  };
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from({ length: options.buyers }, (_, buyer) =>
        createStorefrontClient({ baseUrl, fetch: countingFetch, maxRetries: options.clientRetries, retryBudgetMs: 60_000, timeoutMs: 60_000 }).orders.place(
          { product: 'Console', quantity: 1 },
          { idempotencyKey: `buyer-${buyer}` },
        ),
      ),
    );
    const elapsedMs = Math.round(performance.now() - started);
    const outcomes: Record<number, number> = {};
    for (const result of results) count(outcomes, result.status === 'fulfilled' ? 201 : statusOf(result.reason));
    const ctx = { clients: store.clients, config: store.config };
    const lines = (await scanOrderLines(ctx)).filter((line) => line.product === 'Console');
    const ordersPerKey = await ordersPerIdempotencyKey(store, options.buyers);
    return {
      outcomes,
      answers,
      sold: lines.reduce((sum, line) => sum + (line.quantity as number), 0),
      orders: new Set(lines.map((line) => line.OrderId)).size,
      ordersPerKey,
      finalStock: (await store.catalog.get('Console')).available,
      lowestStock: await lowestStreamedStock(store.config, provisioned.streamArns.inventory!),
      elapsedMs,
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function statusOf(error: unknown): number {
  if (error instanceof StorefrontError) return error.status;
  throw error;
}

/** For each buyer's key, how many orders its record points to (0 when it bought nothing). */
async function ordersPerIdempotencyKey(store: ReturnType<typeof createStorefront>, buyers: number): Promise<number[]> {
  const ctx = { clients: store.clients, config: store.config };
  const orderIds = new Set((await scanOrderLines(ctx)).map((line) => line.OrderId as string));
  const { paginateScan } = await import('@aws-sdk/lib-dynamodb');
  const perKey = new Map<string, number>();
  for await (const page of paginateScan({ client: store.clients.documents }, { TableName: store.config.tables.orders, ConsistentRead: true })) {
    for (const item of page.Items ?? []) {
      const key = String(item.OrderId);
      if (key.startsWith('idempotency#buyer-') && orderIds.has(item.orderId as string)) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
  }
  return Array.from({ length: buyers }, (_, buyer) => perKey.get(`idempotency#buyer-${buyer}`) ?? 0);
}

/** The lowest quantity any inventory stream record carried: the stock as it was after every change. */
async function lowestStreamedStock(config: ReturnType<typeof createStorefront>['config'], streamArn: string): Promise<number> {
  const streams = new DynamoDBStreamsClient(clientOptions(config));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  let lowest = Number.POSITIVE_INFINITY;
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    while (ShardIterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      for (const record of page.Records ?? []) lowest = Math.min(lowest, Number(record.dynamodb?.NewImage?.quantity?.N ?? lowest));
      if ((page.Records ?? []).length === 0) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return lowest;
}
