import { randomBytes } from 'node:crypto';
import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments, MiddlewareStack } from '@smithy/types';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createAwsClients, createStorefront, provisionResources, resolveConfig, type AwsClients, type StorefrontConfigInput } from '../src/index.js';

/** Settings for a test: the shared emulator, and a prefix of its own so files never share tables. */
export function testSettings(overrides: StorefrontConfigInput = {}): StorefrontConfigInput {
  return {
    endpoint: inject('awsEndpoint'),
    region: 'us-east-1',
    prefix: `t${randomBytes(4).toString('hex')}`,
    cursorSecret: 'test-cursor-secret-0123456789',
    ...overrides,
  };
}

/** Counts AWS calls by operation name, through a middleware on every client. */
export class CallCounter {
  readonly counts = new Map<string, number>();

  attach(clients: AwsClients): void {
    const all: Array<{ middlewareStack: MiddlewareStack<any, any> }> = [clients.dynamodb, clients.sqs, clients.sns, clients.s3, clients.scheduler];
    for (const client of all) {
      client.middlewareStack.add(
        (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => (args: InitializeHandlerArguments<any>) => {
          const name = context.commandName ?? 'unknown';
          this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
          return next(args);
        },
        { step: 'initialize', name: 'storefrontCallCounter' },
      );
    }
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  reset(): void {
    this.counts.clear();
  }
}

/** A provisioned store for one test file, with an AWS call counter on its clients. */
export async function createTestStore(overrides: StorefrontConfigInput = {}) {
  const settings = testSettings(overrides);
  const config = resolveConfig(settings);
  const clients = createAwsClients(config);
  const calls = new CallCounter();
  calls.attach(clients);
  const provisioned = await provisionResources({ ...settings, clients });
  calls.reset();
  const store = createStorefront({ ...settings, clients });
  return { store, settings, config, clients, calls, provisioned };
}

/** A product for `inventory.put`. */
export function product(name: string, quantity: number, cost = 10, extra: Partial<{ category: string; lowStockThreshold: number; description: string }> = {}) {
  return { product: name, category: extra.category ?? 'General', description: extra.description ?? `${name} description`, cost, quantity, ...(extra.lowStockThreshold === undefined ? {} : { lowStockThreshold: extra.lowStockThreshold }) };
}

/** Every stored order line (idempotency records excluded), read with a consistent scan. */
export async function scanOrderLines(ctx: { clients: AwsClients; config: { tables: { orders: string } } }) {
  const lines: Array<Record<string, unknown>> = [];
  for await (const page of paginateScan({ client: ctx.clients.documents }, { TableName: ctx.config.tables.orders, ConsistentRead: true })) {
    for (const item of page.Items ?? []) if (!String(item.OrderId).startsWith('idempotency#')) lines.push(item);
  }
  return lines;
}

/** Stock of every product, read straight from the inventory table. */
export async function readStock(ctx: { clients: AwsClients; config: { tables: { inventory: string } } }): Promise<Map<string, number>> {
  const stock = new Map<string, number>();
  for await (const page of paginateScan({ client: ctx.clients.documents }, { TableName: ctx.config.tables.inventory, ConsistentRead: true })) {
    for (const item of page.Items ?? []) stock.set(item.product as string, item.quantity as number);
  }
  return stock;
}

let faultCount = 0;

/**
 * Makes the next `times` DynamoDB calls of `command` (e.g. `TransactWriteItemsCommand`) fail with
 * `fault()` before they reach the emulator, as real DynamoDB does under contention or throttling.
 * Returns how many were injected so far and how to stop.
 */
export function injectFault(clients: AwsClients, command: string, fault: () => Error, times = Number.POSITIVE_INFINITY) {
  const name = `injectFault${++faultCount}`;
  const state = { injected: 0, remove: () => clients.dynamodb.middlewareStack.remove(name) };
  clients.dynamodb.middlewareStack.add(
    (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<any>) => {
      if (context.commandName === command && state.injected < times) {
        state.injected++;
        throw fault();
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return state;
}

/** A transaction cancelled because it raced another on one of its items (`reasons` per action). */
export function transactionConflict(actions: number, conflictingAction = 0): Error {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    $metadata: {},
    CancellationReasons: Array.from({ length: actions }, (_, index) => ({ Code: index === conflictingAction ? 'TransactionConflict' : 'None' })),
  });
}

/** DynamoDB's answer to a table over its provisioned throughput. */
export function throughputExceeded(): Error {
  return new ProvisionedThroughputExceededException({ message: 'The level of configured provisioned throughput for the table was exceeded', $metadata: {} });
}
