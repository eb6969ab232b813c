/*
 * The shapes of the store's settings: resource names, credentials, the resolved `StorefrontConfig` and
 * what `resolveConfig` accepts. Browser-safe: types only (resolving them is config.ts).
 */

/**
 * Names of the store's DynamoDB tables.
 *
 * @group Configuration
 */
export interface TableNames {
  /** Product details: `product` → category, description, cost. */
  readonly productCatalog: string;
  /** Stock per product; its stream drives low-stock alerts. */
  readonly inventory: string;
  /** One item per order line, plus idempotency records; a write-sharded day index for reports. */
  readonly orders: string;
  /** Report jobs by execution id; its stream drives the report worker. */
  readonly reportJobs: string;
  /** Low-stock alerts sent (dedupe records that double as the alert log). */
  readonly alertLog: string;
  /** Kept daily sales figures, one item per day (written when a sales report succeeds). */
  readonly dailySales: string;
  /** Each product's images (one gallery item per product): status, order, variants. */
  readonly productImages: string;
}

/**
 * Names of the store's SNS topics.
 *
 * @group Configuration
 */
export interface TopicNames {
  /** Low-stock alerts. */
  readonly lowStockAlerts: string;
  /** The morning digest of the daily sales report. */
  readonly reports: string;
}

/**
 * Names of the store's SQS queues.
 *
 * @group Configuration
 */
export interface QueueNames {
  /** Inventory stream records (via the pipe), consumed by the inventory checker: low-stock alerts and the catalog listing. */
  readonly inventoryCheck: string;
  /** Dead letters of `inventoryCheck`: messages received 5 times without success. */
  readonly inventoryCheckDlq: string;
  /** New report jobs (via the pipe from the report-jobs stream), consumed by the report worker. */
  readonly reportRequests: string;
  /** Dead letters of `reportRequests`: messages received 3 times without success. */
  readonly reportRequestsDlq: string;
  /** The upload bucket's ObjectCreated notifications, consumed by the image worker. */
  readonly imageUploads: string;
  /** Dead letters of `imageUploads`: messages received 3 times without success. */
  readonly imageUploadsDlq: string;
}

/**
 * AWS credentials (static), for emulators or tests; in AWS leave them to the default chain.
 *
 * @group Configuration
 */
export interface AwsCredentials {
  /** Access key id. */
  readonly accessKeyId: string;
  /** Secret access key. */
  readonly secretAccessKey: string;
  /** Session token, for temporary credentials. */
  readonly sessionToken?: string;
}

/**
 * Every setting of the store, fully resolved.
 *
 * @group Configuration
 */
export interface StorefrontConfig {
  /** AWS region. Env `AWS_REGION`, default `us-east-1`. */
  readonly region: string;
  /** AWS endpoint (a local emulator). Env `STOREFRONT_AWS_ENDPOINT`, else `AWS_ENDPOINT_URL`; default none. */
  readonly endpoint: string | undefined;
  /** Static credentials; default: the AWS SDK's chain, or dummy ones when an endpoint is set and none are found. */
  readonly credentials: AwsCredentials | undefined;
  /** Prefix of every default resource name. Env `STOREFRONT_PREFIX`, default empty. */
  readonly prefix: string;
  /** DynamoDB tables. Env `STOREFRONT_<NAME>_TABLE` (e.g. `STOREFRONT_ORDERS_TABLE`), default the kebab-case name (`orders`), prefixed. */
  readonly tables: TableNames;
  /** SQS queues. Env `STOREFRONT_<NAME>_QUEUE` / `_DLQ` (e.g. `STOREFRONT_INVENTORY_CHECK_QUEUE`), default the kebab-case name (`inventory-check`), prefixed. */
  readonly queues: QueueNames;
  /** SNS topics. Env `STOREFRONT_LOW_STOCK_TOPIC` (default `low-stock-alerts`), `STOREFRONT_REPORTS_TOPIC` (default `reports`). */
  readonly topics: TopicNames;
  /**
   * S3 buckets. Env `STOREFRONT_REPORTS_BUCKET` (default `storefront-reports`), `STOREFRONT_UPLOADS_BUCKET`
   * (browser uploads of product images, default `storefront-uploads`), `STOREFRONT_MEDIA_BUCKET`
   * (the web variants shoppers load, default `storefront-media`).
   */
  readonly buckets: {
    /** Report CSV files. */
    readonly reports: string;
    /** Browser uploads of product images, before processing. */
    readonly uploads: string;
    /** The web variants of product images, served to shoppers. */
    readonly media: string;
  };
  /**
   * Base URL the media bucket's keys are served under (no trailing slash). Env `STOREFRONT_MEDIA_URL`;
   * default the bucket's own URL (path-style on an emulator endpoint). The CDK stack sets its CloudFront
   * domain; the local stack its own `/media`.
   */
  readonly mediaUrl: string;
  /** CloudFront distribution in front of the media bucket, whose paths a deleted image invalidates. Env `STOREFRONT_MEDIA_DISTRIBUTION_ID`; default none. */
  readonly mediaDistributionId: string | undefined;
  /** EventBridge Scheduler schedules. Env `STOREFRONT_DAILY_REPORTS_SCHEDULE`, default `daily-reports`. */
  readonly schedules: {
    /** The daily reports schedule (prefixed). */
    readonly dailyReports: string;
    /** Its schedule group. Env `STOREFRONT_SCHEDULE_GROUP`, default `default` (not prefixed). */
    readonly group: string;
  };
  /** The store's IANA time zone (what "today" means for reports). Env `STOREFRONT_TIMEZONE`, default `UTC`. */
  readonly timezone: string;
  /** E-mail addresses subscribed to low-stock alerts. Env `STOREFRONT_ALERT_EMAILS` (comma-separated). */
  readonly alertEmails: readonly string[];
  /**
   * Key that signs catalog cursors (tamper-proof). Env `STOREFRONT_CURSOR_SECRET`; default a random
   * per-process key — set it when several processes serve the same store so cursors work across them.
   * No default in Lambda (env `AWS_LAMBDA_FUNCTION_NAME` set) or when {@link cursorSecretArn} is set:
   * there a per-instance key would break cursors across instances, so sealing or opening a cursor
   * without a key is a `ConfigurationError`.
   */
  readonly cursorSecret: string | undefined;
  /**
   * ARN of the Secrets Manager secret holding the cursor-signing key, read once per cold start by the
   * Lambda handlers that seal or open cursors (the API). Env `STOREFRONT_CURSOR_SECRET_ARN`; default none.
   */
  readonly cursorSecretArn: string | undefined;
  /**
   * ARN of the low-stock topic, so alerts publish without looking the topic up by name (the deployed
   * inventory checker gets it). Env `STOREFRONT_LOW_STOCK_TOPIC_ARN`; default none (looked up by name).
   */
  readonly lowStockTopicArn: string | undefined;
  /**
   * ARN of the `reports` topic, so the morning digest publishes without looking the topic up by name
   * (the deployed report worker gets it). Env `STOREFRONT_REPORTS_TOPIC_ARN`; default none (looked up by name).
   */
  readonly reportsTopicArn: string | undefined;
}

/**
 * Deep-partial settings accepted by `createStorefront` and `provisionResources`. Arguments override environment.
 *
 * @group Configuration
 */
export interface StorefrontConfigInput {
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.region} */
  readonly region?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.endpoint} */
  readonly endpoint?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.credentials} */
  readonly credentials?: AwsCredentials;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.prefix} */
  readonly prefix?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.tables} */
  readonly tables?: Partial<TableNames>;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.queues} */
  readonly queues?: Partial<QueueNames>;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.topics} */
  readonly topics?: Partial<StorefrontConfig['topics']>;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.buckets} */
  readonly buckets?: Partial<StorefrontConfig['buckets']>;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.schedules} */
  readonly schedules?: Partial<StorefrontConfig['schedules']>;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.timezone} */
  readonly timezone?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.alertEmails} */
  readonly alertEmails?: readonly string[];
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.cursorSecret} */
  readonly cursorSecret?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.cursorSecretArn} */
  readonly cursorSecretArn?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.lowStockTopicArn} */
  readonly lowStockTopicArn?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.mediaUrl} */
  readonly mediaUrl?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.mediaDistributionId} */
  readonly mediaDistributionId?: string;
  /** {@inheritDoc @store-front/sdk!StorefrontConfig.reportsTopicArn} */
  readonly reportsTopicArn?: string;
}

/**
 * Environment variables, as `process.env` holds them.
 *
 * @group Configuration
 */
export type Env = Readonly<Record<string, string | undefined>>;
