/*
 * Inventory's public shapes: stock items, adjustments, the managers' listing. Browser-safe: types only.
 */

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
