import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { multiplyMoney } from '../money.js';
import type { DailySales } from '../types.js';
import { CsvUpload } from './CsvUpload.js';
import { formatCents } from './moneyText.js';
import { reportColumns } from './reportFiles.js';
import { salesOfDay } from './salesOfDay.js';
import { SalesTally } from './SalesTally.js';


/** What a sales report needs. */
export interface SalesReportInput {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly ordersTable: string;
  readonly bucket: string;
  readonly key: string;
  readonly summaryKey: string;
  readonly date: string;
  readonly timeZone: string;
  readonly pageSize: number;
  /** Called before each row; throws to stop the report (the worker's deadline). */
  readonly checkpoint: () => void;
}

/**
 * Streams a local day's order lines to `key` (one row per line, in `orderDate` order) and writes the
 * per-product summary to `summaryKey`. The day's figures are added up in the same pass; only their
 * totals (one entry per product and category sold) are kept in memory. Returns the number of order
 * lines written and the figures.
 *
 * @example
 * ```ts
 * const { rows, figures } = await writeSalesReport({ dynamodb, s3, ordersTable: 'orders', bucket: 'reports',
 *   key: 'reports/sales/2024-05-01/x.csv', summaryKey: 'reports/sales/2024-05-01/x-summary.csv',
 *   date: '2024-05-01', timeZone: 'UTC', pageSize: 2000, checkpoint: () => {} });
 * ```
 */
export async function writeSalesReport(input: SalesReportInput): Promise<{ rows: number; figures: DailySales }> {
  const tally = new SalesTally();
  const csv = new CsvUpload(input.s3, { bucket: input.bucket, key: input.key, columns: reportColumns.sales });
  let rows = 0;
  try {
    const lines = salesOfDay(input.dynamodb, {
      ordersTable: input.ordersTable,
      date: input.date,
      timeZone: input.timeZone,
      pageSize: input.pageSize,
    });
    for await (const line of lines) {
      input.checkpoint();
      await csv.write({ ...line, lineTotal: multiplyMoney(line.unitCost, line.quantity) });
      rows += 1;
      tally.add(line);
    }
    await csv.finish();
  } catch (error) {
    await csv.abort();
    throw error;
  }

  const summary = new CsvUpload(input.s3, { bucket: input.bucket, key: input.summaryKey, columns: reportColumns.salesSummary });
  const products = [...tally.products.keys()].sort();
  for (const product of products) {
    const total = tally.products.get(product)!;
    await summary.write({ product, category: total.category, units: total.units, revenue: formatCents(total.revenueCents) });
  }
  await summary.finish();
  return { rows, figures: tally.figures(input.date) };
}
