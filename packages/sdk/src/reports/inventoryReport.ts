import type { S3Client } from '@aws-sdk/client-s3';
import { BatchGetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InternalError } from '../errors.js';
import { toCents } from '../money.js';
import { stockStatus } from '../stockStatus.js';
import { CsvUpload } from './CsvUpload.js';
import { formatCents } from './moneyText.js';

/** Columns of the inventory report (DESIGN.md). */
export const inventoryColumns = [
  'product',
  'category',
  'description',
  'cost',
  'quantity',
  'lowStockThreshold',
  'status',
  'stockValue',
] as const;

/** What an inventory report needs. */
export interface InventoryReportInput {
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly inventoryTable: string;
  readonly catalogTable: string;
  readonly bucket: string;
  readonly key: string;
  /** Inventory items per Scan page (at most 100: one BatchGet per page). */
  readonly pageSize: number;
  /** Called before each row; throws to stop the report (the worker's deadline). */
  readonly checkpoint: () => void;
}

// Same default as `inventory.put`, for stock items written before thresholds existed.
const defaultThreshold = 5;
// BatchGet may leave keys unprocessed under throttling; they are retried this often.
const maxBatchGetAttempts = 5;

/**
 * Streams a snapshot of the inventory joined with the catalog to `key`: the inventory is scanned a
 * page at a time and each page's details come from one BatchGet on the catalog. `stockValue` is
 * `cost × quantity`, exact. A stock item with no catalog entry keeps empty details and value.
 * Returns the number of products written.
 *
 * @example
 * ```ts
 * const rows = await writeInventoryReport({ documents, s3, inventoryTable: 'inventory', catalogTable: 'product-catalog',
 *   bucket: 'reports', key: 'reports/inventory/2024-05-01/x.csv', pageSize: 100, checkpoint: () => {} });
 * ```
 */
export async function writeInventoryReport(input: InventoryReportInput): Promise<number> {
  const csv = new CsvUpload(input.s3, { bucket: input.bucket, key: input.key, columns: inventoryColumns });
  let rows = 0;
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await input.documents.send(
        new ScanCommand({
          TableName: input.inventoryTable,
          Limit: input.pageSize,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      startKey = page.LastEvaluatedKey;
      const stock = page.Items ?? [];
      const details = await readCatalog(input, stock.map((item) => item.product as string));
      for (const item of stock) {
        input.checkpoint();
        const product = item.product as string;
        const quantity = item.quantity as number;
        const threshold = (item.lowStockThreshold as number | undefined) ?? defaultThreshold;
        const entry = details.get(product);
        await csv.write({
          product,
          category: entry?.category ?? '',
          description: entry?.description ?? '',
          cost: entry?.cost ?? '',
          quantity,
          lowStockThreshold: threshold,
          status: stockStatus(quantity, threshold),
          stockValue: entry ? formatCents(BigInt(toCents(entry.cost)) * BigInt(quantity)) : '',
        });
        rows += 1;
      }
    } while (startKey);
    await csv.finish();
  } catch (error) {
    await csv.abort();
    throw error;
  }
  return rows;
}

/** Catalog details of `products`, in one BatchGet (plus retries of unprocessed keys). */
async function readCatalog(
  input: InventoryReportInput,
  products: string[],
): Promise<Map<string, { category: string; description: string; cost: number }>> {
  const details = new Map<string, { category: string; description: string; cost: number }>();
  let keys = products.map((product) => ({ product }));
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt === maxBatchGetAttempts) throw new InternalError('The catalog could not be read (throttled)');
    const { Responses, UnprocessedKeys } = await input.documents.send(
      new BatchGetCommand({ RequestItems: { [input.catalogTable]: { Keys: keys } } }),
    );
    for (const item of Responses?.[input.catalogTable] ?? []) {
      details.set(item.product as string, {
        category: item.category as string,
        description: item.description as string,
        cost: item.cost as number,
      });
    }
    keys = (UnprocessedKeys?.[input.catalogTable]?.Keys ?? []) as { product: string }[];
  }
  return details;
}
