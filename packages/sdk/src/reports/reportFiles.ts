import { reportKey, summaryKey } from './reportJob.js';

/**
 * The columns of each report file, in order: the one home of the CSV formats. The report writers
 * write exactly these headers, and docs/contract.md is generated from them.
 *
 * @example
 * ```ts
 * reportColumns.sales; // ['orderId', 'orderDate', 'product', 'category', 'quantity', 'unitCost', 'lineTotal']
 * ```
 */
export const reportColumns = {
  /** The sales report: one row per order line of the day. */
  sales: ['orderId', 'orderDate', 'product', 'category', 'quantity', 'unitCost', 'lineTotal'],
  /** The sales report's per-product summary. */
  salesSummary: ['product', 'category', 'units', 'revenue'],
  /** The inventory report: one row per product. */
  inventory: ['product', 'category', 'description', 'cost', 'quantity', 'lowStockThreshold', 'status', 'stockValue'],
} as const;

/** One file a report writes to the reports bucket. */
export interface ReportFile {
  /** Which file: `sales`, `salesSummary` or `inventory`. */
  readonly name: keyof typeof reportColumns;
  /** Its S3 key, with `{date}` and `{executionId}` standing for the job's. */
  readonly key: string;
  /** What one row is, in a sentence. */
  readonly rows: string;
  /** The header row, in order. */
  readonly columns: readonly string[];
}

const salesKey = reportKey('sales', '{date}', '{executionId}');

/**
 * Every file a report writes: where it lands and its columns (RFC 4180 CSV, UTF-8, a header row).
 *
 * @example
 * ```ts
 * const inventory = reportFiles.find((file) => file.name === 'inventory');
 * inventory?.key; // 'reports/inventory/{date}/{executionId}.csv'
 * ```
 */
export const reportFiles: readonly ReportFile[] = [
  {
    name: 'sales',
    key: salesKey,
    rows: 'one order line of the day (store time zone), in `orderDate` order',
    columns: reportColumns.sales,
  },
  {
    name: 'salesSummary',
    key: summaryKey(salesKey),
    rows: 'one product sold that day, by product name',
    columns: reportColumns.salesSummary,
  },
  {
    name: 'inventory',
    key: reportKey('inventory', '{date}', '{executionId}'),
    rows: 'one product, sold-out ones included, as stocked when the report ran',
    columns: reportColumns.inventory,
  },
];
