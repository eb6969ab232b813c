/*
 * The store's AWS resources, written once as data. `provisionResources` creates them through the AWS
 * APIs (local emulator or a sandbox account) and the CDK stack turns the same data into CloudFormation,
 * so the two cannot drift. Names come from config: each definition points at its config key.
 */
import type { TableNames } from './config.js';

/**
 * A DynamoDB key attribute.
 *
 * @group Resources
 */
export interface KeyAttribute {
  /** Attribute name. */
  readonly name: string;
  /** Attribute type: string (`S`) or number (`N`). */
  readonly type: 'S' | 'N';
}

/**
 * A global secondary index.
 *
 * @group Resources
 */
export interface IndexDefinition {
  /** Index name, as queries name it. */
  readonly indexName: string;
  /** Partition key of the index. */
  readonly partitionKey: KeyAttribute;
  /** Sort key of the index, when it has one. */
  readonly sortKey?: KeyAttribute;
  /** Attributes copied into the index: all, the keys only, or the keys and `nonKeyAttributes`. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** With `INCLUDE`: the other attributes copied into the index. */
  readonly nonKeyAttributes?: readonly string[];
}

/**
 * A DynamoDB table (on-demand billing).
 *
 * @group Resources
 */
export interface TableDefinition {
  /** The config key that names it (`config.tables[id]`). */
  readonly id: keyof TableNames;
  /** Partition key of the table. */
  readonly partitionKey: KeyAttribute;
  /** Sort key of the table, when it has one. */
  readonly sortKey?: KeyAttribute;
  /** Its global secondary indexes. */
  readonly globalSecondaryIndexes?: readonly IndexDefinition[];
  /** Change stream view, when the table has a stream. */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  /** Attribute holding an epoch-seconds expiry, when items expire. */
  readonly timeToLiveAttribute?: string;
}


/**
 * The orders table's write-sharded day index: a day's orders spread over `shardCount` partitions.
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const ordersDayIndex = {
  indexName: 'byDay',
  /** `YYYY-MM-DD#<shard>` (UTC day of `orderDate`). */
  partitionKey: { name: 'dayShard', type: 'S' },
  sortKey: { name: 'orderDate', type: 'S' },
  shardCount: 8,
} as const;

/**
 * The catalog listing: two sparse indexes on the inventory table that hold exactly the products in
 * stock, both sorted by product name — all of them (`inStockIndex`), and by category
 * (`inStockByCategoryIndex`). Their partition keys are present together, only while `quantity > 0`:
 *
 * - `inventory.put` sets them (`inStock`, and `inStockCategory` = the category) or removes them with
 *   the quantity it writes, and copies `category`, `description` and `cost` onto the inventory item
 *   (in the same transaction as the catalog item); those are projected, so a page is one Query plus
 *   one consistent BatchGet of the stock. The stock read drops a product that has just sold out even
 *   while it is still indexed. `quantity` is not projected: an order never writes to the indexes.
 * - The catalog listing consumer (`CatalogService.syncListing`, run by the inventory checker on the
 *   inventory stream) removes them once an order or adjustment has taken the stock to 0, and sets
 *   them again when an adjustment restocks a sold-out product.
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const inStockIndex = {
  indexName: 'inStock',
  partitionKey: { name: 'inStock', type: 'S' },
  sortKey: { name: 'product', type: 'S' },
  /** The value of `inStock` on a listed product. */
  inStockValue: 'IN_STOCK',
} as const;

/**
 * The in-stock products of one category (see {@link inStockIndex}): `inStockCategory` is the category.
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const inStockByCategoryIndex = {
  indexName: 'inStockByCategory',
  partitionKey: { name: 'inStockCategory', type: 'S' },
  sortKey: { name: 'product', type: 'S' },
} as const;

/**
 * Every product of one category, sold out or not, sorted by name: the managers' inventory listing
 * filtered by category. Keys only: a category change rewrites one index entry.
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const catalogCategoryIndex = {
  indexName: 'byCategory',
  partitionKey: { name: 'category', type: 'S' },
  sortKey: { name: 'product', type: 'S' },
} as const;

/**
 * The listing's fields, copied onto the inventory item and projected into both in-stock indexes:
 * `inventory.put` copies the first three, the product's gallery its `cover` (the first READY image).
 *
 * @internal Key layout the SDK's own writes use; {@link tableDefinitions} declares the indexes.
 */
export const listingAttributes = ['category', 'description', 'cost', 'cover'] as const;

/**
 * The alert log's newest-first index. Sparse: only sent alerts carry `feed`, so a Query on the one
 * partition lists sent alerts by the time of their stock change. One partition is fine at the
 * volume of low-stock alerts (a handful per product per day).
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const alertLogRecentIndex = {
  indexName: 'recent',
  partitionKey: { name: 'feed', type: 'S' },
  sortKey: { name: 'at', type: 'S' },
  /** The value of `feed` on every sent alert. */
  feedValue: 'sent',
} as const;

/**
 * The managers' inventory listing, sorted by product name. Every stock item carries `inventoryListing`
 * (one constant value, written by `inventory.put`); keys only, so the index is written when a
 * product is created, never when its stock changes (no hot partition under orders).
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const inventoryListingIndex = {
  indexName: 'byProductName',
  partitionKey: { name: 'inventoryListing', type: 'S' },
  sortKey: { name: 'product', type: 'S' },
  /** The value of `inventoryListing` on every stock item. */
  listingValue: 'all',
} as const;

/**
 * Stock items by status (`OK`, `LOW`, `OUT`), sorted by product name. `stockStatus` is kept from the
 * inventory stream (the inventory checker), so the index lags a stock change by the pipe's delay;
 * keys only, so it is written only when a product's status changes.
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const inventoryStatusIndex = {
  indexName: 'byStockStatus',
  partitionKey: { name: 'stockStatus', type: 'S' },
  sortKey: { name: 'product', type: 'S' },
} as const;

/**
 * Report history: jobs by type, newest report date first. `historyKey` is
 * `<date>#<createdAt>#<executionId>`, so a date range is a key condition and ties stay ordered.
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the index.
 */
export const reportHistoryIndex = {
  indexName: 'byTypeAndDate',
  partitionKey: { name: 'type', type: 'S' },
  sortKey: { name: 'historyKey', type: 'S' },
} as const;

/**
 * Kept daily sales figures: one item per local day, in one partition (a year is 366 small items).
 *
 * @internal Key layout the SDK's own queries use; {@link tableDefinitions} declares the table.
 */
export const dailySalesKey = {
  partitionKey: { name: 'figures', type: 'S' },
  sortKey: { name: 'date', type: 'S' },
  /** The value of `figures` on every daily sales item. */
  salesValue: 'sales',
} as const;

/**
 * Every table.
 *
 * @group Resources
 */
export const tableDefinitions: readonly TableDefinition[] = [
  {
    id: 'productCatalog',
    partitionKey: { name: 'product', type: 'S' },
    globalSecondaryIndexes: [{ ...catalogCategoryIndex, projection: 'KEYS_ONLY' }],
  },
  {
    id: 'inventory',
    partitionKey: { name: 'product', type: 'S' },
    globalSecondaryIndexes: [
      { ...inventoryListingIndex, projection: 'KEYS_ONLY' },
      { ...inventoryStatusIndex, projection: 'KEYS_ONLY' },
      ...[inStockIndex, inStockByCategoryIndex].map((index) => ({
        indexName: index.indexName,
        partitionKey: index.partitionKey,
        sortKey: index.sortKey,
        projection: 'INCLUDE' as const,
        nonKeyAttributes: listingAttributes,
      })),
    ],
    stream: 'NEW_AND_OLD_IMAGES',
  },
  {
    id: 'orders',
    partitionKey: { name: 'OrderId', type: 'S' },
    sortKey: { name: 'product', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: ordersDayIndex.indexName,
        partitionKey: ordersDayIndex.partitionKey,
        sortKey: ordersDayIndex.sortKey,
        projection: 'ALL',
      },
    ],
    // Idempotency records expire; order lines carry no expiry.
    timeToLiveAttribute: 'expiresAt',
  },
  {
    id: 'reportJobs',
    partitionKey: { name: 'executionId', type: 'S' },
    globalSecondaryIndexes: [{ ...reportHistoryIndex, projection: 'ALL' }],
    stream: 'NEW_AND_OLD_IMAGES',
  },
  {
    id: 'dailySales',
    partitionKey: dailySalesKey.partitionKey,
    sortKey: dailySalesKey.sortKey,
  },
  {
    id: 'alertLog',
    partitionKey: { name: 'alertId', type: 'S' },
    globalSecondaryIndexes: [
      {
        indexName: alertLogRecentIndex.indexName,
        partitionKey: alertLogRecentIndex.partitionKey,
        sortKey: alertLogRecentIndex.sortKey,
        projection: 'ALL',
      },
    ],
    // Dedupe records double as the alert log; both only need to outlive redeliveries.
    timeToLiveAttribute: 'expiresAt',
  },
  // One gallery item per product: at most 8 images, so one conditional write keeps the limit exact.
  { id: 'productImages', partitionKey: { name: 'product', type: 'S' } },
];


// The rest of the resources, by concept; re-exported so `resources.js` stays the one place to import from.
export * from './asyncResources.js';
export * from './imageResources.js';
