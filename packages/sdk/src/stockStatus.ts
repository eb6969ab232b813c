import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inventoryStatusIndex } from './resources.js';
import type { StockStatus } from './types.js';

/** The statuses, in the order the managers' views show them (worst first). */
export const stockStatuses: readonly StockStatus[] = ['OUT', 'LOW', 'OK'];

/**
 * `OUT` at 0, `LOW` at or below the threshold, else `OK` — the one rule behind the inventory report,
 * the inventory listing and the morning digest.
 *
 * @example
 * ```ts
 * stockStatus(0, 5); // 'OUT'
 * stockStatus(5, 5); // 'LOW'
 * ```
 *
 * @group Inventory
 */
export function stockStatus(quantity: number, threshold: number): StockStatus {
  if (quantity <= 0) return 'OUT';
  return quantity <= threshold ? 'LOW' : 'OK';
}

/** Where {@link queryProductNames} reads: one partition of an index whose sort key is `product`. */
export interface ProductNameQuery {
  readonly table: string;
  readonly indexName: string;
  readonly partitionKey: string;
  readonly value: string;
  readonly limit: number;
  /** Only names after this one (the last of the previous page). */
  readonly after?: string | undefined;
}

/** One page of product names from one index partition, in name order (one Query). */
export async function queryProductNames(documents: DynamoDBDocumentClient, query: ProductNameQuery): Promise<{ products: string[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await documents.send(
    new QueryCommand({
      TableName: query.table,
      IndexName: query.indexName,
      KeyConditionExpression: query.after === undefined ? '#key = :value' : '#key = :value AND #product > :after',
      ExpressionAttributeNames: { '#key': query.partitionKey, '#product': 'product' },
      ExpressionAttributeValues: { ':value': query.value, ...(query.after === undefined ? {} : { ':after': query.after }) },
      ProjectionExpression: '#product',
      Limit: query.limit,
    }),
  );
  return { products: Items.map((item) => item.product as string), more: LastEvaluatedKey !== undefined };
}

/** One page of the names of products with `status`, from the status index, in name order. */
export function productsWithStatus(
  documents: DynamoDBDocumentClient,
  inventoryTable: string,
  status: StockStatus,
  options: { readonly limit: number; readonly after?: string | undefined },
): Promise<{ products: string[]; more: boolean }> {
  return queryProductNames(documents, {
    table: inventoryTable,
    indexName: inventoryStatusIndex.indexName,
    partitionKey: inventoryStatusIndex.partitionKey.name,
    value: status,
    ...options,
  });
}

/** How many products have `status` (a COUNT Query of the status index; pages of up to 1 MB of keys). */
export async function countWithStatus(documents: DynamoDBDocumentClient, inventoryTable: string, status: StockStatus): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: inventoryTable,
        IndexName: inventoryStatusIndex.indexName,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': inventoryStatusIndex.partitionKey.name },
        ExpressionAttributeValues: { ':status': status },
        Select: 'COUNT',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
