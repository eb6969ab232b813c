import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { inventoryInStockIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import { streamRecordSchema } from '../streamRecord.js';

/** What {@link syncInStockListing} did with one stock change. */
export type ListingSyncOutcome = 'listed' | 'unlisted' | 'unchanged';

/** The fields of an inventory item the listing consumer reads. */
const listingImageSchema = z.looseObject({
  product: z.string().min(1),
  quantity: z.number(),
  [inventoryInStockIndex.partitionKey.name]: z.string().optional(),
  [inventoryInStockIndex.sortKey.name]: z.string().optional(),
});

/**
 * Keeps the sparse in-stock index in step with one inventory stream record: a product whose stock
 * reached 0 is unlisted, one in stock but not keyed (e.g. written before the index existed) is listed.
 * Each write is conditional on the item's current state, so duplicate, late or out-of-order records
 * change nothing wrongly: a record of a sale is ignored once the product has been restocked.
 */
export async function syncInStockListing(
  documents: DynamoDBDocumentClient,
  inventoryTable: string,
  message: unknown,
): Promise<ListingSyncOutcome> {
  const record = parseInput(streamRecordSchema, message, 'inventory stream record');
  if (record.eventName === 'REMOVE' || !record.dynamodb.NewImage) return 'unchanged';
  const item = parseInput(listingImageSchema, unmarshall(record.dynamodb.NewImage as never), 'NewImage');
  const inStockKey = inventoryInStockIndex.partitionKey.name;
  const listed = item[inStockKey] !== undefined;
  const unlist = item.quantity <= 0 && listed;
  const list = item.quantity > 0 && !listed && item[inventoryInStockIndex.sortKey.name] !== undefined;
  if (!unlist && !list) return 'unchanged';
  try {
    await documents.send(
      new UpdateCommand({
        TableName: inventoryTable,
        Key: { product: item.product },
        UpdateExpression: unlist ? 'REMOVE #inStock' : 'SET #inStock = :inStock',
        ConditionExpression: unlist
          ? 'attribute_exists(#inStock) AND quantity <= :zero'
          : 'attribute_not_exists(#inStock) AND attribute_exists(#listingKey) AND quantity > :zero',
        ExpressionAttributeNames: { '#inStock': inStockKey, ...(unlist ? {} : { '#listingKey': inventoryInStockIndex.sortKey.name }) },
        ExpressionAttributeValues: { ':zero': 0, ...(unlist ? {} : { ':inStock': inventoryInStockIndex.inStockValue }) },
      }),
    );
    return unlist ? 'unlisted' : 'listed';
  } catch (error) {
    // The item has moved on since this record (restocked, sold out, deleted): a later record of it decides.
    if (error instanceof ConditionalCheckFailedException) return 'unchanged';
    throw error;
  }
}
