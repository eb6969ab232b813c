/*
 * The store's public data shapes and the one interface both transports implement
 * (`createStorefront` over the AWS SDK, `createStorefrontClient` over HTTP).
 * Browser-safe: no Node or AWS SDK imports here.
 */

/**
 * A product as the storefront shows it.
 *
 * @group Catalog
 */
export interface CatalogItem {
  /** Product name: its key across catalog, stock and orders. */
  readonly product: string;
  /** Category the storefront filters by. */
  readonly category: string;
  /** Text shown with the product. */
  readonly description: string;
  /** Unit price, a decimal with at most 2 places. */
  readonly cost: number;
  /** Units in stock now. */
  readonly available: number;
  /** The product's first READY image, for cards and lists; absent when it has none. */
  readonly image?: CatalogImage;
  /** Every READY image in display order (`catalog.get` only; absent when there is none). */
  readonly images?: CatalogImage[];
}

/**
 * One page of the catalog.
 *
 * @group Catalog
 */
export interface CatalogPage {
  /** In-stock products, by product name. */
  readonly items: CatalogItem[];
  /** Pass to the next `list` call; `null` on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Options of `catalog.list`.
 *
 * @group Catalog
 */
export interface CatalogListOptions {
  /** Only products of this category. */
  readonly category?: string;
  /** Page size, 1–100 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/**
 * One line of an order request.
 *
 * @group Orders
 */
export interface OrderLineRequest {
  /** Name of the product to buy. */
  readonly product: string;
  /** 1–1000 units. */
  readonly quantity: number;
}

/**
 * An order request: 1–25 lines with distinct products, or the seed's one-product form.
 *
 * @group Orders
 */
export type OrderRequest =
  | {
      /** The lines, each with a distinct product. */
      readonly items: readonly OrderLineRequest[];
    }
  | OrderLineRequest;

/**
 * Per-call options of `orders.place`.
 *
 * @group Orders
 */
export interface PlaceOrderOptions {
  /**
   * 1–255 visible ASCII characters. The same key with the same body returns the first order;
   * with a different body it throws `IdempotencyConflictError`.
   */
  readonly idempotencyKey?: string;
}

/**
 * One line of a placed order.
 *
 * @group Orders
 */
export interface OrderLine {
  /** The product bought. */
  readonly product: string;
  /** Units bought. */
  readonly quantity: number;
  /** Price of one unit when the order was placed. */
  readonly unitCost: number;
  /** `unitCost × quantity`, exact. */
  readonly lineTotal: number;
}

/**
 * A placed order.
 *
 * @group Orders
 */
export interface Order {
  /** Id of the order (a UUID), for `orders.get`. */
  readonly orderId: string;
  /** ISO-8601 UTC timestamp. */
  readonly orderDate: string;
  /** The lines, one per product. */
  readonly items: OrderLine[];
  /** Sum of the line totals, exact. */
  readonly total: number;
}

import type { CatalogImage, ImageUploadRequest, ProductImage, ImageUploadTicket } from './imageTypes.js';
export type { CatalogImage, ImageContentType, ImageStatus, ImageUploadRequest, ImageVariant, ProductImage, ImageUploadTicket } from './imageTypes.js';
import type { InventoryItem, InventoryItemInput, StockLevel, AdjustOptions, InventoryListOptions, InventoryPage, InventorySummary } from './inventoryTypes.js';
export type { InventoryItem, InventoryItemInput, StockLevel, AdjustOptions, StockStatus, InventoryListOptions, InventoryListItem, InventoryPage, InventorySummary } from './inventoryTypes.js';
import type { StartReportRequest, StartReportOptions, ReportStarted, ReportJob, ReportListOptions, ReportPage, DailySalesOptions, DailySales } from './reportTypes.js';
export type { ReportType, ReportStatus, StartReportRequest, StartReportOptions, ReportStarted, ReportJob, ReportListOptions, ReportPage, DailySalesOptions, DailySales } from './reportTypes.js';

/**
 * The daily report schedule.
 *
 * @group Reports
 */
export interface ReportSchedule {
  /** EventBridge Scheduler expression, e.g. `cron(15 0 * * ? *)`. */
  readonly cron: string;
  /** IANA time zone the expression runs in. */
  readonly timezone: string;
}

/**
 * A low-stock alert that was sent.
 *
 * @group Alerts
 */
export interface LowStockAlert {
  /** The product that ran low. */
  readonly product: string;
  /** Units in stock after the change that crossed the threshold. */
  readonly quantity: number;
  /** The product's low-stock threshold at the time. */
  readonly threshold: number;
  /** ISO-8601 UTC time of the stock change. */
  readonly at: string;
}

/**
 * Catalog: in-stock products for shoppers.
 *
 * @group Catalog
 */
export interface CatalogApi {
  /** One page of in-stock products. */
  list(options?: CatalogListOptions): Promise<CatalogPage>;
  /** Every in-stock product, following cursors (pages of 100). */
  listAll(options?: { readonly category?: string }): AsyncIterable<CatalogItem>;
  /** One product, also when out of stock; `NotFoundError` when unknown. */
  get(product: string): Promise<CatalogItem>;
}

/**
 * Orders: placing and reading.
 *
 * @group Orders
 */
export interface OrdersApi {
  /** Places an order atomically: every line or none. */
  place(request: OrderRequest, options?: PlaceOrderOptions): Promise<Order>;
  /** A placed order; `NotFoundError` when unknown. */
  get(orderId: string): Promise<Order>;
}

/**
 * Inventory administration.
 *
 * @group Inventory
 */
export interface InventoryApi {
  /** Creates or replaces products' details and sets their absolute stock. */
  put(items: InventoryItemInput | readonly InventoryItemInput[]): Promise<{
    /** The products as written, in request order. */
    items: InventoryItem[];
  }>;
  /** Adds `delta` (may be negative) to a product's stock atomically; never below zero. */
  adjust(product: string, delta: number, options?: AdjustOptions): Promise<StockLevel>;
  /** One page of every product (sold-out ones included), by product name. */
  list(options?: InventoryListOptions): Promise<InventoryPage>;
  /** How many products are `OK`, `LOW` and `OUT`. */
  summary(): Promise<InventorySummary>;
}

/**
 * Reports: CSV to S3.
 *
 * @group Reports
 */
export interface ReportsApi {
  /** Records a report job and returns at once. */
  start(request: StartReportRequest, options?: StartReportOptions): Promise<ReportStarted>;
  /** A report job's status; `NotFoundError` when unknown. */
  get(executionId: string): Promise<ReportJob>;
  /** Report history, newest report date first. */
  list(options?: ReportListOptions): Promise<ReportPage>;
  /** The kept sales figures of each day from `from` to `to`, oldest first. */
  dailySales(options: DailySalesOptions): Promise<{
    /** Every day of the range, oldest first (`reported: false` where no sales report has covered it). */
    items: DailySales[];
  }>;
}

/**
 * Low-stock alerts.
 *
 * @group Alerts
 */
export interface AlertsApi {
  /** The most recent alerts, newest first (`limit` 1–100, default 20). */
  recent(options?: { readonly limit?: number }): Promise<{
    /** The alerts, newest first. */
    items: LowStockAlert[];
  }>;
}

/**
 * Product images (admin): uploads straight to S3, then the image worker makes the web variants.
 *
 * @group Images
 */
export interface ImagesApi {
  /** Records a PENDING image and returns a presigned POST for its file (at most 8 images a product). */
  request(product: string, upload: ImageUploadRequest): Promise<ImageUploadTicket>;
  /** One image and its status; `NotFoundError` when unknown. */
  get(product: string, imageId: string): Promise<ProductImage>;
  /** The product's images in display order, any status. */
  list(product: string): Promise<{
    /** The images, in display order. */
    items: ProductImage[];
  }>;
  /** Sets the display order: every READY image, each once. Returns the list. */
  reorder(product: string, imageIds: readonly string[]): Promise<{
    /** The images, in their new display order. */
    items: ProductImage[];
  }>;
  /** Removes an image and its files (and invalidates its CDN paths when there is a CDN). */
  remove(product: string, imageId: string): Promise<void>;
}

/**
 * The store, as both transports present it.
 *
 * @group Store
 */
export interface StorefrontApi {
  /** Catalog: browsing in-stock products. */
  readonly catalog: CatalogApi;
  /** Orders: placing and reading them. */
  readonly orders: OrdersApi;
  /** Inventory administration: products, stock, listing. */
  readonly inventory: InventoryApi;
  /** Reports: CSV jobs, history and daily sales figures. */
  readonly reports: ReportsApi;
  /** Low-stock alerts that were sent. */
  readonly alerts: AlertsApi;
  /** Product images: uploads and display order. */
  readonly images: ImagesApi;
}
