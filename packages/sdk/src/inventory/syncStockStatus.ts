import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { inventoryListingIndex, inventoryStatusIndex } from '../resources.js';
import { stockStatus } from '../stockStatus.js';
import { defaultLowStockThreshold } from '../lowStockThreshold.js';

/**
 * What {@link syncStockStatus} did with one stream record.
 *
 * @group Inventory
 */
export type StockStatusSync = 'updated' | 'unchanged' | 'superseded' | 'not-a-stock-change';

/**
 * Keeps `stockStatus` (the `byStockStatus` index) in step with one inventory stream record (the JSON
 * the inventory-changes pipe puts on the queue). The write is conditional on the item still holding
 * the record's quantity and threshold, so an old or repeated record never overwrites a newer status —
 * the newer change's own record sets it. The write's own MODIFY record comes back `unchanged`, with no call.
 * It also gives stock items written before the listing index their `inventoryListing` key.
 *
 * @example
 * ```ts
 * await syncStockStatus(store.clients.documents, store.config.tables.inventory, JSON.parse(sqsRecord.body));
 * ```
 *
 * @group Inventory
 */
export async function syncStockStatus(documents: DynamoDBDocumentClient, inventoryTable: string, record: unknown): Promise<StockStatusSync> {
  const image = (record as { dynamodb?: { NewImage?: Record<string, unknown> } } | null)?.dynamodb?.NewImage;
  if (!image || typeof image !== 'object') return 'not-a-stock-change';
  const item = unmarshall(image as never) as Record<string, unknown>;
  const { product, quantity } = item;
  const threshold = item.lowStockThreshold ?? defaultLowStockThreshold;
  if (typeof product !== 'string' || typeof quantity !== 'number' || typeof threshold !== 'number') return 'not-a-stock-change';
  const status = stockStatus(quantity, threshold);
  const listing = inventoryListingIndex.partitionKey.name;
  if (item[inventoryStatusIndex.partitionKey.name] === status && item[listing] !== undefined) return 'unchanged';
  try {
    await documents.send(
      new UpdateCommand({
        TableName: inventoryTable,
        Key: { product },
        UpdateExpression: 'SET #status = :status, #listing = if_not_exists(#listing, :listing)',
        ConditionExpression:
          'quantity = :quantity AND (lowStockThreshold = :threshold OR attribute_not_exists(lowStockThreshold))',
        ExpressionAttributeNames: { '#status': inventoryStatusIndex.partitionKey.name, '#listing': listing },
        ExpressionAttributeValues: {
          ':status': status,
          ':listing': inventoryListingIndex.listingValue,
          ':quantity': quantity,
          ':threshold': threshold,
        },
      }),
    );
    return 'updated';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'superseded';
    throw error;
  }
}
