import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TryAgainError } from './errors.js';
import { Backoff, type BackoffOptions } from './retry.js';

/** What to read from one table in a batch: its keys (at most 100 in all), and how. */
export interface TableRead {
  readonly keys: ReadonlyArray<Record<string, unknown>>;
  /** Attributes to read; default every attribute. */
  readonly projection?: string;
  readonly consistentRead?: boolean;
}

type Item = Record<string, unknown>;

/**
 * Reads items of one or more tables by key with BatchGetItem (at most 100 keys in all). Keys that
 * DynamoDB leaves unprocessed (throttling) are read again after the shared backoff; if some are
 * still unread when its budget is spent, a {@link TryAgainError} says so — never a partial answer
 * that would make an existing item look missing. Items that do not exist are absent from the result.
 *
 * @example
 * ```ts
 * const found = await batchGetTables(documents, { catalog: { keys: [{ product: 'Mug' }] }, inventory: { keys: [{ product: 'Mug' }] } });
 * found.catalog; // [{ product: 'Mug', … }] or []
 * ```
 */
export async function batchGetTables<Table extends string>(
  documents: DynamoDBDocumentClient,
  reads: Readonly<Record<Table, TableRead>>,
  backoffOptions?: BackoffOptions,
): Promise<Record<Table, Item[]>> {
  const tables = Object.keys(reads) as Table[];
  const found = Object.fromEntries(tables.map((table) => [table, [] as Item[]])) as Record<Table, Item[]>;
  let pending = new Map(tables.map((table) => [table, [...reads[table].keys]] as const));
  const backoff = new Backoff(backoffOptions);
  for (;;) {
    const requestItems = Object.fromEntries(
      [...pending].filter(([, keys]) => keys.length > 0).map(([table, keys]) => [table, requestOf(reads[table], keys)]),
    );
    if (Object.keys(requestItems).length === 0) return found;
    const { Responses = {}, UnprocessedKeys = {} } = await documents.send(new BatchGetCommand({ RequestItems: requestItems }));
    for (const table of tables) found[table].push(...(Responses[table] ?? []));
    pending = new Map(tables.map((table) => [table, UnprocessedKeys[table]?.Keys ?? []] as const));
    const unread = [...pending.values()].reduce((count, keys) => count + keys.length, 0);
    if (unread > 0 && !(await backoff.wait())) {
      throw new TryAgainError(1, `The store is busy: ${unread} items could not be read yet; try again`);
    }
  }
}

function requestOf(read: TableRead, keys: ReadonlyArray<Item>) {
  return {
    Keys: [...keys],
    ...(read.projection === undefined ? {} : { ProjectionExpression: read.projection }),
    ...(read.consistentRead ? { ConsistentRead: true } : {}),
  };
}

/**
 * Reads up to 100 items of one table by key ({@link batchGetTables} for one table).
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
  projection?: string,
  consistentRead = false,
): Promise<Item[]> {
  if (keys.length === 0) return [];
  const found = await batchGetTables(documents, { [tableName]: { keys, ...(projection ? { projection } : {}), consistentRead } });
  return found[tableName]!;
}
