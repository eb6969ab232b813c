/*
 * The store's public data shapes and the one interface both transports implement
 * (`createStorefront` over the AWS SDK, `createStorefrontClient` over HTTP).
 * Browser-safe: no Node or AWS SDK imports here.
 */

/** A product as the storefront shows it. */
export interface CatalogItem {
  readonly product: string;
  readonly category: string;
  readonly description: string;
  /** Unit price, a decimal with at most 2 places. */
  readonly cost: number;
  /** Units in stock now. */
  readonly available: number;
}

/** One page of the catalog. */
export interface CatalogPage {
  readonly items: CatalogItem[];
  /** Pass to the next `list` call; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** Options of `catalog.list`. */
export interface CatalogListOptions {
  /** Only products of this category. */
  readonly category?: string;
  /** Page size, 1–100 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One line of an order request. */
export interface OrderLineRequest {
  readonly product: string;
  /** 1–1000 units. */
  readonly quantity: number;
}

/** An order request: 1–25 lines with distinct products, or the seed's one-product form. */
export type OrderRequest = { readonly items: readonly OrderLineRequest[] } | OrderLineRequest;

/** Per-call options of `orders.place`. */
export interface PlaceOrderOptions {
  /**
   * 1–255 visible ASCII characters. The same key with the same body returns the first order;
   * with a different body it throws `IdempotencyConflictError`.
   */
  readonly idempotencyKey?: string;
}

/** One line of a placed order. */
export interface OrderLine {
  readonly product: string;
  readonly quantity: number;
  readonly unitCost: number;
  /** `unitCost × quantity`, exact. */
  readonly lineTotal: number;
}

/** A placed order. */
export interface Order {
  readonly orderId: string;
  /** ISO-8601 UTC timestamp. */
  readonly orderDate: string;
  readonly items: OrderLine[];
  /** Sum of the line totals, exact. */
  readonly total: number;
}

/** A product's details and absolute stock, as written by `inventory.put`. */
export interface InventoryItem {
  readonly product: string;
  readonly category: string;
  readonly description: string;
  readonly cost: number;
  /** Absolute units in stock, 0–1,000,000,000. */
  readonly quantity: number;
  /** Alert when stock falls to this or below (default 5). */
  readonly lowStockThreshold: number;
}

/** Input of `inventory.put`: `lowStockThreshold` may be left out (5 for a new product; an existing product keeps its own). */
export type InventoryItemInput = Omit<InventoryItem, 'lowStockThreshold'> & { readonly lowStockThreshold?: number };

/** Result of `inventory.adjust`. */
export interface StockLevel {
  readonly product: string;
  readonly quantity: number;
}

/** Options of `inventory.adjust`. */
export interface AdjustOptions {
  /** Why stock changed (audit text, up to 200 characters). */
  readonly reason?: string;
  /**
   * 1–255 visible ASCII characters. The same key with the same adjustment returns the first result
   * without applying it again; with a different one it throws `IdempotencyConflictError`.
   */
  readonly idempotencyKey?: string;
}

/** Kinds of report. */
export type ReportType = 'sales' | 'inventory';
/** Where a report job is. */
export type ReportStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** Input of `reports.start`. */
export interface StartReportRequest {
  readonly type: ReportType;
  /** `YYYY-MM-DD`; sales default to today in the store's time zone. */
  readonly date?: string;
}

/** Per-call options of `reports.start` (direct transport). */
export interface StartReportOptions {
  /**
   * Use this execution id instead of a new random one (1–100 characters of `A-Z a-z 0-9 . _ -`).
   * Starting the same id again returns the existing job instead of a second one — how the daily
   * schedule stays idempotent (`daily-sales-2024-05-01`).
   */
  readonly executionId?: string;
  /**
   * 1–255 visible ASCII characters. The same key with the same request returns the first answer
   * without starting another report; with a different one it throws `IdempotencyConflictError`.
   */
  readonly idempotencyKey?: string;
}

/** What `reports.start` returns at once. */
export interface ReportStarted {
  readonly executionId: string;
  /** `PENDING` for a new job; the existing job's status when a given `executionId` was already started. */
  readonly status: ReportStatus;
}

/** A report job's status. */
export interface ReportJob {
  readonly executionId: string;
  readonly type: ReportType;
  readonly date: string;
  readonly status: ReportStatus;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly rowCount?: number;
  readonly s3?: { readonly bucket: string; readonly key: string };
  /** Presigned, valid at most 15 minutes; present once `SUCCEEDED`. */
  readonly downloadUrl?: string;
  readonly error?: string;
  /**
   * True when the report's files are older than the bucket's retention and have been (or are about
   * to be) deleted: no `downloadUrl` is offered then.
   */
  readonly expired?: boolean;
}

/** Options of `reports.list`. */
export interface ReportListOptions {
  /** Only reports of this type. */
  readonly type?: ReportType;
  /** Reports dated on or after this day (`YYYY-MM-DD`). */
  readonly from?: string;
  /** Reports dated on or before this day (`YYYY-MM-DD`). */
  readonly to?: string;
  /** Page size, 1–100 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of report history, newest report date first (jobs without `downloadUrl`). */
export interface ReportPage {
  readonly items: ReportJob[];
  readonly nextCursor: string | null;
}

/** Options of `reports.dailySales`: a range of at most 366 days. */
export interface DailySalesOptions {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD` (on or after `from`). */
  readonly to: string;
}

/** One day's sales figures, as kept by that day's latest succeeded sales report. */
export interface DailySales {
  /** Local day, `YYYY-MM-DD`. */
  readonly date: string;
  /** False (and every figure zero) when no sales report has succeeded for the day yet. */
  readonly reported: boolean;
  readonly orders: number;
  readonly units: number;
  /** Sum of the day's line totals, exact. */
  readonly revenue: number;
  /** `revenue / orders`, rounded to cents half away from zero (0 without orders). */
  readonly averageOrderValue: number;
  /** Revenue per category, highest first. */
  readonly byCategory: ReadonlyArray<{ readonly category: string; readonly revenue: number }>;
  /** The 10 products with the highest revenue, highest first (ties by name). */
  readonly topProducts: ReadonlyArray<{ readonly product: string; readonly units: number; readonly revenue: number }>;
}

/** A product's stock status: `OUT` at 0, `LOW` at or below its threshold, else `OK`. */
export type StockStatus = 'OK' | 'LOW' | 'OUT';

/** Options of `inventory.list`. */
export interface InventoryListOptions {
  /** Only products with this status (eventually consistent: within about a second of a stock change). */
  readonly status?: StockStatus;
  /** Only products of this category. */
  readonly category?: string;
  /** Page size, 1–100 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** A product in the managers' inventory view. */
export interface InventoryListItem extends InventoryItem {
  readonly status: StockStatus;
}

/** One page of the inventory, by product name. */
export interface InventoryPage {
  readonly items: InventoryListItem[];
  readonly nextCursor: string | null;
}

/** How many products have each status. */
export type InventorySummary = { readonly [status in StockStatus]: number };

/** The daily report schedule. */
export interface ReportSchedule {
  /** EventBridge Scheduler expression, e.g. `cron(15 0 * * ? *)`. */
  readonly cron: string;
  /** IANA time zone the expression runs in. */
  readonly timezone: string;
}

/** A low-stock alert that was sent. */
export interface LowStockAlert {
  readonly product: string;
  readonly quantity: number;
  readonly threshold: number;
  /** ISO-8601 UTC time of the stock change. */
  readonly at: string;
}

/** Catalog: in-stock products for shoppers. */
export interface CatalogApi {
  /** One page of in-stock products. */
  list(options?: CatalogListOptions): Promise<CatalogPage>;
  /** Every in-stock product, following cursors (pages of 100). */
  listAll(options?: { readonly category?: string }): AsyncIterable<CatalogItem>;
  /** One product, also when out of stock; `NotFoundError` when unknown. */
  get(product: string): Promise<CatalogItem>;
}

/** Orders: placing and reading. */
export interface OrdersApi {
  /** Places an order atomically: every line or none. */
  place(request: OrderRequest, options?: PlaceOrderOptions): Promise<Order>;
  /** A placed order; `NotFoundError` when unknown. */
  get(orderId: string): Promise<Order>;
}

/** Inventory administration. */
export interface InventoryApi {
  /** Creates or replaces products' details and sets their absolute stock. */
  put(items: InventoryItemInput | readonly InventoryItemInput[]): Promise<{ items: InventoryItem[] }>;
  /** Adds `delta` (may be negative) to a product's stock atomically; never below zero. */
  adjust(product: string, delta: number, options?: AdjustOptions): Promise<StockLevel>;
  /** One page of every product (sold-out ones included), by product name. */
  list(options?: InventoryListOptions): Promise<InventoryPage>;
  /** How many products are `OK`, `LOW` and `OUT`. */
  summary(): Promise<InventorySummary>;
}

/** Reports: CSV to S3. */
export interface ReportsApi {
  /** Records a report job and returns at once. */
  start(request: StartReportRequest, options?: StartReportOptions): Promise<ReportStarted>;
  /** A report job's status; `NotFoundError` when unknown. */
  get(executionId: string): Promise<ReportJob>;
  /** Report history, newest report date first. */
  list(options?: ReportListOptions): Promise<ReportPage>;
  /** The kept sales figures of each day from `from` to `to`, oldest first. */
  dailySales(options: DailySalesOptions): Promise<{ items: DailySales[] }>;
}

/** Low-stock alerts. */
export interface AlertsApi {
  /** The most recent alerts, newest first (`limit` 1–100, default 20). */
  recent(options?: { readonly limit?: number }): Promise<{ items: LowStockAlert[] }>;
}

/** The store, as both transports present it. */
export interface StorefrontApi {
  readonly catalog: CatalogApi;
  readonly orders: OrdersApi;
  readonly inventory: InventoryApi;
  readonly reports: ReportsApi;
  readonly alerts: AlertsApi;
}
