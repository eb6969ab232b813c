/*
 * The store's AWS resources, written once as data. `provisionResources` creates them through the AWS
 * APIs (local emulator or a sandbox account) and the CDK stack turns the same data into CloudFormation,
 * so the two cannot drift. Names come from config: each definition points at its config key.
 */
import type { QueueNames, TableNames, TopicNames } from './config.js';

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
 * An SQS queue, optionally with a dead-letter queue.
 *
 * @group Resources
 */
export interface QueueDefinition {
  /** The config key that names it (`config.queues[id]`). */
  readonly id: keyof QueueNames;
  /** How long a received message stays hidden from other consumers. */
  readonly visibilityTimeoutSeconds: number;
  /** How long an unconsumed message is kept. */
  readonly messageRetentionSeconds: number;
  /** Messages received this many times move to the DLQ. */
  readonly deadLetter?: {
    /** The config key of the dead-letter queue. */
    readonly queue: keyof QueueNames;
    /** Receives before a message moves there. */
    readonly maxReceiveCount: number;
  };
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

/**
 * Every queue; DLQs first so their redrive targets exist when the main queues are created.
 *
 * @group Resources
 */
export const queueDefinitions: readonly QueueDefinition[] = [
  { id: 'inventoryCheckDlq', visibilityTimeoutSeconds: 30, messageRetentionSeconds: 1_209_600 },
  {
    id: 'inventoryCheck',
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 345_600,
    deadLetter: { queue: 'inventoryCheckDlq', maxReceiveCount: 5 },
  },
  { id: 'reportRequestsDlq', visibilityTimeoutSeconds: 900, messageRetentionSeconds: 1_209_600 },
  {
    id: 'reportRequests',
    visibilityTimeoutSeconds: 900,
    messageRetentionSeconds: 345_600,
    deadLetter: { queue: 'reportRequestsDlq', maxReceiveCount: 3 },
  },
  { id: 'imageUploadsDlq', visibilityTimeoutSeconds: 120, messageRetentionSeconds: 1_209_600 },
  {
    id: 'imageUploads',
    // Six times the image worker's timeout, as AWS advises for a Lambda's source queue.
    visibilityTimeoutSeconds: 120,
    messageRetentionSeconds: 345_600,
    deadLetter: { queue: 'imageUploadsDlq', maxReceiveCount: 3 },
  },
];

/**
 * An SNS topic and the config setting holding its e-mail subscribers (CDK props in AWS).
 *
 * @group Resources
 */
export interface TopicDefinition {
  /** The config key that names it (`config.topics[id]`). */
  readonly id: keyof TopicNames;
  /** What its messages are, for the subscriber's confirmation and the docs. */
  readonly purpose: string;
}

/**
 * Every topic.
 *
 * @group Resources
 */
export const topicDefinitions: readonly TopicDefinition[] = [
  { id: 'lowStockAlerts', purpose: 'Low-stock alerts: a product fell to its threshold.' },
  { id: 'reports', purpose: "The morning digest: yesterday's sales figures, once per day." },
];

/**
 * How long report files are kept: an S3 lifecycle rule on `reports/` deletes them after `days`.
 * A job whose file is older than that lists as `expired` instead of offering a dead link.
 *
 * @group Resources
 */
export const reportRetention = {
  /** Key prefix of report files in the reports bucket. */
  prefix: 'reports/',
  /** Days a report file is kept. */
  days: 90,
} as const;

/**
 * Product images (docs/images.md): what an upload may be, how long its presigned POST
 * lives, and the web variants the image worker makes.
 *
 * @group Resources
 */
export const imageLimits = {
  /** Formats an upload may be in. */
  contentTypes: ['image/jpeg', 'image/png', 'image/webp'],
  /** 1 B – 5 MiB. */
  maxBytes: 5 * 1024 * 1024,
  /** Images a product may have, any status. */
  maxImagesPerProduct: 8,
  /** Lifetime of the presigned POST; an upload never sent stops counting after it. */
  uploadSeconds: 600,
  /** Larger images are refused before they are decoded (decompression bombs). */
  maxPixels: 40_000_000,
  /** WebP variants, by width; none wider than the original. */
  variantWidths: [320, 640, 1280],
  /** The image worker's time limit (the Lambda timeout; the queue's visibility timeout is six times it). */
  workerTimeoutSeconds: 20,
} as const;

/**
 * Where uploads land and what happens then: the upload bucket notifies the image-uploads queue of
 * every object created under `keyPrefix`; browsers POST to it from any origin (the presigned policy,
 * not the origin, decides what may be sent). Media keys start with `mediaKeyPrefix` and never change
 * (a new image gets a new id), so they are cached for a year.
 *
 * @group Resources
 */
export const imageUploadsBucket: {
  /** The config key of the bucket uploads land in (`config.buckets.uploads`). */
  readonly bucket: 'uploads';
  /** Key prefix of uploaded files; only these notify the queue. */
  readonly keyPrefix: string;
  /** The config key of the queue notified of each upload. */
  readonly notifyQueue: keyof QueueNames;
  /** The bucket's CORS rules (S3's shape), so browsers may POST to it. */
  readonly cors: ReadonlyArray<{
    /** Methods browsers may use. */
    AllowedMethods: string[];
    /** Origins browsers may send from. */
    AllowedOrigins: string[];
    /** Request headers browsers may send. */
    AllowedHeaders: string[];
    /** How long a browser may cache the preflight answer. */
    MaxAgeSeconds: number;
  }>;
  /** Key prefix of the web variants in the media bucket. */
  readonly mediaKeyPrefix: string;
  /** `Cache-Control` of the web variants (their keys never change). */
  readonly mediaCacheControl: string;
} = {
  bucket: 'uploads',
  keyPrefix: 'uploads/',
  notifyQueue: 'imageUploads',
  cors: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }],
  mediaKeyPrefix: 'images/',
  mediaCacheControl: 'public, max-age=31536000, immutable',
};

/**
 * The daily reports schedule: yesterday's sales and an inventory snapshot.
 *
 * @group Resources
 */
export const dailyReportsSchedule = {
  /** Default expression, in the store's time zone. */
  expression: 'cron(15 0 * * ? *)',
  /** Name of the Lambda function it invokes (prefixed like other resources). */
  targetFunction: 'scheduled-report',
  /**
   * The target's input. The scheduled time (Scheduler's context attribute, not the time of running)
   * decides which day is "yesterday", also on a late retry.
   */
  input: {
    /** Tells the scheduled-report function what fired it. */
    source: 'daily-reports',
    /** Filled by EventBridge Scheduler with the run's scheduled time. */
    scheduledTime: '<aws.scheduler.scheduled-time>',
  },
} as const;

/**
 * Seconds an idempotency record is kept; a retry after that places a new order.
 *
 * @group Resources
 */
export const idempotencyRetentionSeconds = 7 * 24 * 3600;

/**
 * A stream → queue hand-off: an EventBridge Pipe in AWS, the local pipe runner on one machine.
 * Each record that matches a filter pattern is sent to the queue as the pipe sends it: the DynamoDB
 * stream record as JSON (`eventID`, `eventName`, `dynamodb.{Keys,NewImage,OldImage,SequenceNumber}`).
 *
 * @group Resources
 */
export interface PipeDefinition {
  /** Stable name of the pipe (prefixed like other resources). */
  readonly id: string;
  /** The table whose stream is the source. */
  readonly sourceTable: keyof TableNames;
  /** The queue records are sent to. */
  readonly targetQueue: keyof QueueNames;
  /** EventBridge Pipes filter patterns (any one matching passes the record). */
  readonly filterPatterns: readonly Readonly<Record<string, unknown>>[];
  /** Records read per batch. */
  readonly batchSize: number;
  /** Where a new pipe starts reading. */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
}

/**
 * Every pipe.
 *
 * @group Resources
 */
export const pipeDefinitions: readonly PipeDefinition[] = [
  {
    id: 'inventory-changes',
    sourceTable: 'inventory',
    targetQueue: 'inventoryCheck',
    // Patterns cannot compare OldImage with NewImage, so the pipe passes inserts and updates that
    // carry a quantity and the checker ignores records whose quantity and threshold did not change.
    filterPatterns: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { quantity: { N: [{ exists: true }] } } } }],
    batchSize: 10,
    startingPosition: 'TRIM_HORIZON',
  },
  {
    id: 'report-requests',
    sourceTable: 'reportJobs',
    targetQueue: 'reportRequests',
    filterPatterns: [{ eventName: ['INSERT'] }],
    batchSize: 10,
    startingPosition: 'TRIM_HORIZON',
  },
];

/**
 * Report jobs. A job RUNNING longer than `runningTimeoutSeconds` counts as failed and may be claimed
 * again: it is shorter than the report-requests queue's visibility timeout (900 s), so a delivery
 * that comes back after a worker crashed finds the job stale and re-runs it; the worker gives up by
 * itself at the same deadline (deploy it with a Lambda timeout no longer than this).
 *
 * @group Resources
 */
export const reportJobLimits = {
  /** Seconds after which a RUNNING job counts as failed and may be claimed again. */
  runningTimeoutSeconds: 600,
  /** Lifetime of the presigned `downloadUrl` (the contract allows at most 15 minutes). */
  downloadUrlSeconds: 900,
  /**
   * Items per day-index Query page in the sales report. The report merges the shards by `orderDate`,
   * holding one page per shard (8 × 2,000 lines at most), so this bounds its memory whatever the day's
   * size. Smaller pages only add round trips (and on moto each Query walks the whole table).
   */
  salesPageSize: 2000,
  /** Inventory items per Scan page, joined with the catalog in one BatchGet (at most 100 keys). */
  inventoryPageSize: 100,
} as const;
