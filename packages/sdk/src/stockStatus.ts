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
 */
export function stockStatus(quantity: number, threshold: number): StockStatus {
  if (quantity <= 0) return 'OUT';
  return quantity <= threshold ? 'LOW' : 'OK';
}

/** One page of product names with a status, from the status index (keys only), in name order. */
export async function productsWithStatus(
  documents: DynamoDBDocumentClient,
  inventoryTable: string,
  status: StockStatus,
  options: { readonly limit: number; readonly after?: string },
): Promise<{ products: string[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await documents.send(
    new QueryCommand({
      TableName: inventoryTable,
      IndexName: inventoryStatusIndex.indexName,
      KeyConditionExpression: options.after === undefined ? '#status = :status' : '#status = :status AND #product > :after',
      ExpressionAttributeNames: { '#status': inventoryStatusIndex.partitionKey.name, '#product': inventoryStatusIndex.sortKey.name },
      ExpressionAttributeValues: { ':status': status, ...(options.after === undefined ? {} : { ':after': options.after }) },
      Limit: options.limit,
    }),
  );
  return { products: Items.map((item) => item.product as string), more: LastEvaluatedKey !== undefined };
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
