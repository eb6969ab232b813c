import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Unprocessed keys (throttling) are read again after a short, growing pause.
const maxAttempts = 5;

/**
 * Reads up to 100 items of one table by key in one BatchGetItem, retrying unprocessed keys; items
 * that do not exist are simply absent from the result.
 *
 * @example
 * ```ts
 * const stock = await batchGetItems(documents, 'inventory', [{ product: 'Mug' }], 'product, quantity');
 * ```
 */
export async function batchGetItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: ReadonlyArray<Record<string, unknown>>,
  projection: string,
  consistentRead = false,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let pending = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= maxAttempts) throw new Error(`BatchGetItem left ${pending.length} keys of ${tableName} unprocessed`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    const response: BatchGetCommandOutput = await documents.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: pending, ProjectionExpression: projection, ConsistentRead: consistentRead } },
      }),
    );
    items.push(...(response.Responses?.[tableName] ?? []));
    pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return items;
}
