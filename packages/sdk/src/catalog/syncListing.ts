import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { listInStock, unlist, updateExpression } from '../inStockListing.js';
import { inStockByCategoryIndex, inStockIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import { streamRecordSchema } from '../streamRecord.js';

/**
 * What `catalog.syncListing` did with one stock change: listed a restocked product, unlisted a sold-out one, or nothing.
 *
 * @group Catalog
 */
export type ListingSyncOutcome = 'listed' | 'unlisted' | 'unchanged';

/** The fields of an inventory item the listing consumer reads. */
const listingImageSchema = z.looseObject({
  product: z.string().min(1),
  quantity: z.number(),
  category: z.string().optional(),
  [inStockIndex.partitionKey.name]: z.string().optional(),
  [inStockByCategoryIndex.partitionKey.name]: z.string().optional(),
});

/**
 * Keeps the sparse in-stock indexes in step with one inventory stream record: a product whose stock
 * reached 0 is unlisted, one in stock but not (or wrongly) keyed — restocked by an adjustment, or
 * written before the indexes existed — is listed. Each write is conditional on the item's current
 * state, so duplicate, late or out-of-order records change nothing wrongly: the record of a sale is
 * ignored once the product has been restocked, and the reverse.
 */
export async function syncInStockListing(
  documents: DynamoDBDocumentClient,
  inventoryTable: string,
  message: unknown,
): Promise<ListingSyncOutcome> {
  const record = parseInput(streamRecordSchema, message, 'inventory stream record');
  if (record.eventName === 'REMOVE' || !record.dynamodb.NewImage) return 'unchanged';
  const item = parseInput(listingImageSchema, unmarshall(record.dynamodb.NewImage as never), 'NewImage');
  const listedAs = [item[inStockIndex.partitionKey.name], item[inStockByCategoryIndex.partitionKey.name]];
  const keyed = listedAs.some((key) => key !== undefined);
  const keyedRight = listedAs[0] === inStockIndex.inStockValue && listedAs[1] === item.category;
  const change =
    item.quantity <= 0 && keyed
      ? {
          outcome: 'unlisted' as const,
          parts: unlist,
          condition: 'quantity <= :zero AND (attribute_exists(#inStock) OR attribute_exists(#inStockCategory))',
          values: { ':zero': 0 },
        }
      : item.quantity > 0 && item.category !== undefined && !keyedRight
        ? {
            outcome: 'listed' as const,
            parts: listInStock(item.category),
            condition: 'quantity > :zero AND category = :inStockCategory AND NOT (#inStock = :inStock AND #inStockCategory = :inStockCategory)',
            values: { ':zero': 0 },
          }
        : undefined;
  if (!change) return 'unchanged';
  try {
    await documents.send(
      new UpdateCommand({
        TableName: inventoryTable,
        Key: { product: item.product },
        UpdateExpression: updateExpression(change.parts),
        ConditionExpression: change.condition,
        ExpressionAttributeNames: change.parts.names,
        ExpressionAttributeValues: { ...change.parts.values, ...change.values },
      }),
    );
    return change.outcome;
  } catch (error) {
    // Already done (a duplicate), or the item has moved on since this record (restocked, sold out,
    // recategorised, deleted): a later record of it decides.
    if (error instanceof ConditionalCheckFailedException) return 'unchanged';
    throw error;
  }
}
