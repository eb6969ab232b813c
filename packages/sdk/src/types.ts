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
  /** The product's first READY image, for cards and lists; absent when it has none. */
  readonly image?: CatalogImage;
  /** Every READY image in display order (`catalog.get` only; absent when there is none). */
  readonly images?: CatalogImage[];
}

/** A product picture as a page shows it: a default source with its size, and the `srcset` of every variant. */
export interface CatalogImage {
  /** Absolute URL of the 640 px variant (or the widest below it). */
  readonly url: string;
  /** Pixel size of `url`: set them on the `<img>` so the page does not shift as it loads. */
  readonly width: number;
  readonly height: number;
  /** `<url> <width>w` for every variant, for the `<img srcset>`. */
  readonly srcset: string;
}

/** Formats a product image may be uploaded in. */
export type ImageContentType = 'image/jpeg' | 'image/png' | 'image/webp';
/** Where an upload is: waiting for its file, processed into variants, or refused. */
export type ImageStatus = 'PENDING' | 'READY' | 'FAILED';

/** Input of `images.request`. */
export interface ImageUploadRequest {
  readonly contentType: ImageContentType;
  /** Bytes the file has, 1 – 5,242,880. */
  readonly contentLength: number;
}

/** One WebP variant of a READY image. */
export interface ImageVariant {
  readonly width: number;
  readonly height: number;
  /** Absolute, immutable URL. */
  readonly url: string;
}

/** A product image, as the admin sees it. */
export interface ProductImage {
  readonly imageId: string;
  readonly status: ImageStatus;
  /** Why a FAILED upload was refused. */
  readonly error?: string;
  /** The variants of a READY image, narrowest first. */
  readonly variants?: ImageVariant[];
}

/** What `images.request` returns: the new image and the presigned S3 POST that uploads its file. */
export interface ImageUploadTicket {
  readonly imageId: string;
  readonly status: 'PENDING';
  /** POST `fields`, then the file as `file`, as multipart/form-data to `url`, within 10 minutes. */
  readonly upload: { readonly url: string; readonly fields: Record<string, string> };
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

import type { ReportType, ReportStatus, StartReportRequest, StartReportOptions, ReportStarted, ReportJob, ReportListOptions, ReportPage, DailySalesOptions, DailySales } from './reportTypes.js';
export type { ReportType, ReportStatus, StartReportRequest, StartReportOptions, ReportStarted, ReportJob, ReportListOptions, ReportPage, DailySalesOptions, DailySales } from './reportTypes.js';

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

/** Product images (admin): uploads straight to S3, then the image worker makes the web variants. */
export interface ImagesApi {
  /** Records a PENDING image and returns a presigned POST for its file (at most 8 images a product). */
  request(product: string, upload: ImageUploadRequest): Promise<ImageUploadTicket>;
  /** One image and its status; `NotFoundError` when unknown. */
  get(product: string, imageId: string): Promise<ProductImage>;
  /** The product's images in display order, any status. */
  list(product: string): Promise<{ items: ProductImage[] }>;
  /** Sets the display order: every READY image, each once. Returns the list. */
  reorder(product: string, imageIds: readonly string[]): Promise<{ items: ProductImage[] }>;
  /** Removes an image and its files (and invalidates its CDN paths when there is a CDN). */
  remove(product: string, imageId: string): Promise<void>;
}

/** The store, as both transports present it. */
export interface StorefrontApi {
  readonly catalog: CatalogApi;
  readonly orders: OrdersApi;
  readonly inventory: InventoryApi;
  readonly reports: ReportsApi;
  readonly alerts: AlertsApi;
  readonly images: ImagesApi;
}
