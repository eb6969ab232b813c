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
 * A product picture as a page shows it: a default source with its size, and the `srcset` of every variant.
 *
 * @group Catalog
 */
export interface CatalogImage {
  /** Absolute URL of the 640 px variant (or the widest below it). */
  readonly url: string;
  /** Pixel size of `url`: set them on the `<img>` so the page does not shift as it loads. */
  readonly width: number;
  /** Pixel height of `url`. */
  readonly height: number;
  /** `<url> <width>w` for every variant, for the `<img srcset>`. */
  readonly srcset: string;
}

/**
 * Formats a product image may be uploaded in.
 *
 * @group Images
 */
export type ImageContentType = 'image/jpeg' | 'image/png' | 'image/webp';
/**
 * Where an upload is: waiting for its file, processed into variants, or refused.
 *
 * @group Images
 */
export type ImageStatus = 'PENDING' | 'READY' | 'FAILED';

/**
 * Input of `images.request`.
 *
 * @group Images
 */
export interface ImageUploadRequest {
  /** Format of the file: JPEG, PNG or WebP. */
  readonly contentType: ImageContentType;
  /** Bytes the file has, 1 – 5,242,880. */
  readonly contentLength: number;
}

/**
 * One WebP variant of a READY image.
 *
 * @group Images
 */
export interface ImageVariant {
  /** Pixel width (one of 320, 640, 1280, never wider than the original). */
  readonly width: number;
  /** Pixel height, keeping the aspect ratio. */
  readonly height: number;
  /** Absolute, immutable URL. */
  readonly url: string;
}

/**
 * A product image, as the admin sees it.
 *
 * @group Images
 */
export interface ProductImage {
  /** The image's id, unique within its product. */
  readonly imageId: string;
  /** Where the upload is: waiting for its file, ready, or refused. */
  readonly status: ImageStatus;
  /** Why a FAILED upload was refused. */
  readonly error?: string;
  /** The variants of a READY image, narrowest first. */
  readonly variants?: ImageVariant[];
}

/**
 * What `images.request` returns: the new image and the presigned S3 POST that uploads its file.
 *
 * @group Images
 */
export interface ImageUploadTicket {
  /** Id of the new image: poll `images.get` with it until it is READY or FAILED. */
  readonly imageId: string;
  /** Always PENDING: the file is not there yet. */
  readonly status: 'PENDING';
  /** POST `fields`, then the file as `file`, as multipart/form-data to `url`, within 10 minutes. */
  readonly upload: {
    /** The upload bucket's URL, the form's target. */
    readonly url: string;
    /** Form fields of the presigned policy, sent before the file. */
    readonly fields: Record<string, string>;
  };
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

/**
 * A product's details and absolute stock, as written by `inventory.put`.
 *
 * @group Inventory
 */
export interface InventoryItem {
  /** Product name, 1–200 characters: its key. */
  readonly product: string;
  /** Category the storefront filters by. */
  readonly category: string;
  /** Text shown with the product. */
  readonly description: string;
  /** Unit price, a decimal with at most 2 places. */
  readonly cost: number;
  /** Absolute units in stock, 0–1,000,000,000. */
  readonly quantity: number;
  /** Alert when stock falls to this or below (default 5). */
  readonly lowStockThreshold: number;
}

/**
 * Input of `inventory.put`: `lowStockThreshold` may be left out (5 for a new product; an existing product keeps its own).
 *
 * @group Inventory
 */
export type InventoryItemInput = Omit<InventoryItem, 'lowStockThreshold'> & {
  /** Alert when stock falls to this or below. */
  readonly lowStockThreshold?: number;
};

/**
 * Result of `inventory.adjust`.
 *
 * @group Inventory
 */
export interface StockLevel {
  /** The product adjusted. */
  readonly product: string;
  /** Units in stock after the adjustment. */
  readonly quantity: number;
}

/**
 * Options of `inventory.adjust`.
 *
 * @group Inventory
 */
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

/**
 * A product's stock status: `OUT` at 0, `LOW` at or below its threshold, else `OK`.
 *
 * @group Inventory
 */
export type StockStatus = 'OK' | 'LOW' | 'OUT';

/**
 * Options of `inventory.list`.
 *
 * @group Inventory
 */
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

/**
 * A product in the managers' inventory view.
 *
 * @group Inventory
 */
export interface InventoryListItem extends InventoryItem {
  /** Stock status, kept from the inventory stream (lags a stock change by about a second). */
  readonly status: StockStatus;
}

/**
 * One page of the inventory, by product name.
 *
 * @group Inventory
 */
export interface InventoryPage {
  /** Products, sold-out ones included, by product name. */
  readonly items: InventoryListItem[];
  /** Pass to the next `list` call; `null` on the last page. */
  readonly nextCursor: string | null;
}

/**
 * How many products have each status.
 *
 * @group Inventory
 */
export type InventorySummary = { readonly [status in StockStatus]: number };

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
