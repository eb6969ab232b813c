import { GetObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { parse } from 'csv-parse/sync';
import { ordersDayIndex } from '../src/entries/resources.js';
import { orderDayShard } from '../src/orders/dayShard.js';
import { type AwsClients, type StorefrontConfig } from '../src/index.js';

/** An order line in the orders table's stored shape (what `orders.place` writes). */
export interface StoredOrderLine {
  readonly OrderId: string;
  readonly product: string;
  readonly orderDate: string;
  readonly quantity: number;
  readonly unitCost: number;
  readonly category: string;
}

/** The day-index partition of an order line, as `orders.place` computes it. */
export const dayShardOf = orderDayShard;

/** Writes order lines straight into the orders table (BatchWriteItem), with their day-index key. */
export async function putOrderLines(clients: AwsClients, config: StorefrontConfig, lines: readonly StoredOrderLine[]): Promise<void> {
  for (let start = 0; start < lines.length; start += 25) {
    let requests: unknown[] = lines.slice(start, start + 25).map((line) => ({
      PutRequest: { Item: { ...line, [ordersDayIndex.partitionKey.name]: dayShardOf(line.OrderId, line.orderDate) } },
    }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await clients.documents.send(
        new BatchWriteCommand({ RequestItems: { [config.tables.orders]: requests as never } }),
      );
      requests = UnprocessedItems?.[config.tables.orders] ?? [];
    }
  }
}

/** Reads an S3 object as text. */
export async function readObject(clients: AwsClients, bucket: string, key: string): Promise<string> {
  const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Body!.transformToString('utf-8');
}

/** Parses CSV text (RFC 4180) into records keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[];
}

/**
 * Makes S3 calls named in `operations` fail with a 500 `InternalError` (a middleware on the real
 * client, before retries), while `active()` is true.
 */
export function failS3(clients: AwsClients, operations: readonly string[], active: () => boolean): void {
  clients.s3.middlewareStack.add(
    (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<any>) => {
      if (active() && operations.includes(context.commandName ?? '')) {
        throw new S3ServiceException({
          name: 'InternalError',
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
          message: 'injected S3 failure (secret-looking detail that must not leak)',
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectS3Failure' },
  );
}
