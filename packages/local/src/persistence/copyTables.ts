import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item as the emulator writes it: DynamoDB JSON, binary values in base64. */
export type JsonItem = Record<string, Record<string, unknown>>;

/** A DynamoDB stream record as the emulator keeps it (the JSON shape GetRecords answers with). */
export interface JsonStreamRecord {
  readonly eventID: string;
  readonly eventName: string;
  readonly dynamodb: { readonly SequenceNumber: string; readonly ApproximateCreationDateTime?: number } & Record<string, unknown>;
  readonly [field: string]: unknown;
}

/** One moment of the store's tables. */
export interface TablesCopy {
  /** Items by table name; a table that does not exist is absent. */
  readonly tables: Record<string, JsonItem[]>;
  /** Every record of each requested table's stream, oldest first. */
  readonly streams: Record<string, JsonStreamRecord[]>;
}

/**
 * Copies tables (and the records of some tables' streams) in one request to the local emulator,
 * which answers while holding the lock every DynamoDB request takes (`emulator_snapshot.py`): no
 * write lands between two tables, so an order is in both the inventory and the orders copy or in
 * neither. Only the stack's own launcher (`startEmulator`) offers this; another endpoint is refused
 * with a clear error rather than copied table by table.
 *
 * @example
 * ```ts
 * const { tables } = await copyTablesAtOnce(endpoint, 'us-east-1', ['inventory', 'orders']);
 * ```
 */
export async function copyTablesAtOnce(endpoint: string, region: string, tables: readonly string[], streams: readonly string[] = []): Promise<TablesCopy> {
  const response = await fetch(new URL('/_storefront/snapshot', endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ region, tables, streams }),
  });
  if (!response.ok || !response.headers.get('content-type')?.startsWith('application/json')) {
    throw new Error(
      `${endpoint} cannot copy tables consistently (HTTP ${response.status}): data snapshots need the local emulator started by the stack`,
    );
  }
  return (await response.json()) as TablesCopy;
}

/** An item of a {@link TablesCopy} as the AWS SDK writes it (binary values as bytes). */
export function toAttributeValues(item: JsonItem): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toAttributeValue(value)]));
}

function toAttributeValue(value: Record<string, unknown>): AttributeValue {
  if ('B' in value) return { B: Buffer.from(value.B as string, 'base64') };
  if ('BS' in value) return { BS: (value.BS as string[]).map((entry) => Buffer.from(entry, 'base64')) };
  if ('M' in value) return { M: toAttributeValues(value.M as JsonItem) };
  if ('L' in value) return { L: (value.L as Record<string, unknown>[]).map(toAttributeValue) };
  return value as unknown as AttributeValue;
}
