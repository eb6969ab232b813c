import type { S3Client } from '@aws-sdk/client-s3';
import { paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../batchGet.js';
import { multiplyToCents } from '../money.js';
import { defaultLowStockThreshold } from '../lowStockThreshold.js';
import { normalizeName } from '../schemas.js';
import { stockStatus } from '../stockStatus.js';
import { CsvUpload } from './CsvUpload.js';
import { formatCents } from './moneyText.js';
import { reportColumns } from './reportFiles.js';

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
  const csv = new CsvUpload(input.s3, { bucket: input.bucket, key: input.key, columns: reportColumns.inventory });
  let rows = 0;
  try {
    const pages = paginateScan({ client: input.documents, pageSize: input.pageSize }, { TableName: input.inventoryTable });
    for await (const page of pages) {
      const stock = page.Items ?? [];
      const details = await readCatalog(input, stock.map((item) => item.product as string));
      for (const item of stock) {
        input.checkpoint();
        const product = item.product as string;
        const quantity = item.quantity as number;
        const threshold = (item.lowStockThreshold as number | undefined) ?? defaultLowStockThreshold;
        const entry = details.get(product);
        await csv.write({
          // Names as every input path normalizes them, also for products stored before that rule.
          product: normalizeName(product),
          category: normalizeName(entry?.category ?? ''),
          description: entry?.description ?? '',
          cost: entry?.cost ?? '',
          quantity,
          lowStockThreshold: threshold,
          status: stockStatus(quantity, threshold),
          stockValue: entry ? formatCents(multiplyToCents(entry.cost, quantity)) : '',
        });
        rows += 1;
      }
    }
    await csv.finish();
  } catch (error) {
    await csv.abort();
    throw error;
  }
  return rows;
}

/** Catalog details of `products`, in one BatchGet (unprocessed keys read again after a pause). */
async function readCatalog(
  input: InventoryReportInput,
  products: string[],
): Promise<Map<string, { category: string; description: string; cost: number }>> {
  const items = await batchGetItems(input.documents, input.catalogTable, products.map((product) => ({ product })));
  return new Map(
    items.map((item) => [
      item.product as string,
      { category: item.category as string, description: item.description as string, cost: item.cost as number },
    ]),
  );
}
