import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { isTimeZone } from './timeZones.js';
import { ConfigurationError } from './errors.js';

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

/** A setting's rule, its environment variable and its default (before the prefix). */
interface Setting {
  readonly env: string;
  readonly fallback: string;
  readonly rule: z.ZodType<string>;
  readonly prefixed: boolean;
}

const tableName = z.string().regex(/^[a-zA-Z0-9_.-]{3,255}$/, '3–255 characters of a-z, A-Z, 0-9, _ . -');
const queueName = z.string().regex(/^[a-zA-Z0-9_-]{1,80}$/, '1–80 characters of a-z, A-Z, 0-9, _ -');
const topicName = z.string().regex(/^[a-zA-Z0-9_-]{1,256}$/, '1–256 characters of a-z, A-Z, 0-9, _ -');
const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '3–63 characters of a-z, 0-9, . - (S3 bucket rules)');
const scheduleName = z.string().regex(/^[0-9a-zA-Z._-]{1,64}$/, '1–64 characters of a-z, A-Z, 0-9, . _ -');

/** Every named resource setting: its environment variable and default. Documented in docs/configuration.md. */
const resourceSettings = {
  tables: {
    productCatalog: { env: 'STOREFRONT_PRODUCT_CATALOG_TABLE', fallback: 'product-catalog', rule: tableName, prefixed: true },
    inventory: { env: 'STOREFRONT_INVENTORY_TABLE', fallback: 'inventory', rule: tableName, prefixed: true },
    orders: { env: 'STOREFRONT_ORDERS_TABLE', fallback: 'orders', rule: tableName, prefixed: true },
    reportJobs: { env: 'STOREFRONT_REPORT_JOBS_TABLE', fallback: 'report-jobs', rule: tableName, prefixed: true },
    alertLog: { env: 'STOREFRONT_ALERT_LOG_TABLE', fallback: 'alert-log', rule: tableName, prefixed: true },
    dailySales: { env: 'STOREFRONT_DAILY_SALES_TABLE', fallback: 'daily-sales', rule: tableName, prefixed: true },
    productImages: { env: 'STOREFRONT_PRODUCT_IMAGES_TABLE', fallback: 'product-images', rule: tableName, prefixed: true },
  },
  queues: {
    inventoryCheck: { env: 'STOREFRONT_INVENTORY_CHECK_QUEUE', fallback: 'inventory-check', rule: queueName, prefixed: true },
    inventoryCheckDlq: { env: 'STOREFRONT_INVENTORY_CHECK_DLQ', fallback: 'inventory-check-dlq', rule: queueName, prefixed: true },
    reportRequests: { env: 'STOREFRONT_REPORT_REQUESTS_QUEUE', fallback: 'report-requests', rule: queueName, prefixed: true },
    reportRequestsDlq: { env: 'STOREFRONT_REPORT_REQUESTS_DLQ', fallback: 'report-requests-dlq', rule: queueName, prefixed: true },
    imageUploads: { env: 'STOREFRONT_IMAGE_UPLOADS_QUEUE', fallback: 'image-uploads', rule: queueName, prefixed: true },
    imageUploadsDlq: { env: 'STOREFRONT_IMAGE_UPLOADS_DLQ', fallback: 'image-uploads-dlq', rule: queueName, prefixed: true },
  },
  topics: {
    lowStockAlerts: { env: 'STOREFRONT_LOW_STOCK_TOPIC', fallback: 'low-stock-alerts', rule: topicName, prefixed: true },
    reports: { env: 'STOREFRONT_REPORTS_TOPIC', fallback: 'reports', rule: topicName, prefixed: true },
  },
  buckets: {
    reports: { env: 'STOREFRONT_REPORTS_BUCKET', fallback: 'storefront-reports', rule: bucketName, prefixed: true },
    uploads: { env: 'STOREFRONT_UPLOADS_BUCKET', fallback: 'storefront-uploads', rule: bucketName, prefixed: true },
    media: { env: 'STOREFRONT_MEDIA_BUCKET', fallback: 'storefront-media', rule: bucketName, prefixed: true },
  },
  schedules: {
    dailyReports: { env: 'STOREFRONT_DAILY_REPORTS_SCHEDULE', fallback: 'daily-reports', rule: scheduleName, prefixed: true },
    group: { env: 'STOREFRONT_SCHEDULE_GROUP', fallback: 'default', rule: scheduleName, prefixed: false },
  },
} as const satisfies Record<string, Record<string, Setting>>;

const regionRule = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as us-east-1');
const endpointRule = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });
const prefixRule = z.string().regex(/^[a-z0-9-]{0,40}$/, '0–40 characters of a-z, 0-9, -');
const emailRule = z.email();
const topicArnRule = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[a-zA-Z0-9_-]{1,256}$/, 'an SNS topic ARN');

function check<T>(rule: z.ZodType<T>, value: unknown, name: string, envName?: string): T {
  const result = rule.safeParse(value);
  if (result.success) return result.data;
  const where = envName ? `${name} (env ${envName})` : name;
  throw new ConfigurationError(
    `Invalid setting ${where}: ${JSON.stringify(value)} — expected ${result.error.issues[0]?.message ?? 'a valid value'}`,
  );
}

/** Where a value came from decides which name an error reports. */
function pick(argument: string | undefined, env: Env, envName: string): { value: string | undefined; envName?: string } {
  if (argument !== undefined) return { value: argument };
  const fromEnv = env[envName];
  return fromEnv === undefined || fromEnv === '' ? { value: undefined } : { value: fromEnv, envName };
}

/**
 * Resolves the store's settings: arguments override the environment, which overrides the defaults.
 * Throws a {@link ConfigurationError} naming the first invalid setting.
 *
 * @example
 * ```ts
 * const config = resolveConfig({ prefix: 'staging' });
 * config.tables.orders; // 'staging-orders'
 * ```
 *
 * @group Configuration
 */
export function resolveConfig(input: StorefrontConfigInput = {}, env: Env = process.env): StorefrontConfig {
  const prefixPick = pick(input.prefix, env, 'STOREFRONT_PREFIX');
  const prefix = check(prefixRule, prefixPick.value ?? '', 'prefix', prefixPick.envName);
  const withPrefix = (name: string) => (prefix ? `${prefix}-${name}` : name);

  const resolveGroup = <K extends keyof typeof resourceSettings>(group: K) => {
    const given = (input[group] ?? {}) as Record<string, string | undefined>;
    const resolved: Record<string, string> = {};
    for (const [key, setting] of Object.entries(resourceSettings[group]) as [string, Setting][]) {
      const chosen = pick(given[key], env, setting.env);
      const value = chosen.value ?? (setting.prefixed ? withPrefix(setting.fallback) : setting.fallback);
      resolved[key] = check(setting.rule, value, `${group}.${key}`, chosen.envName);
    }
    return resolved;
  };

  const regionPick = pick(input.region, env, 'AWS_REGION');
  const region = check(regionRule, regionPick.value ?? 'us-east-1', 'region', regionPick.envName);

  let endpointPick = pick(input.endpoint, env, 'STOREFRONT_AWS_ENDPOINT');
  if (endpointPick.value === undefined) endpointPick = pick(undefined, env, 'AWS_ENDPOINT_URL');
  const endpoint =
    endpointPick.value === undefined
      ? undefined
      : check(endpointRule, endpointPick.value, 'endpoint', endpointPick.envName).replace(/\/+$/, '');

  const timezonePick = pick(input.timezone, env, 'STOREFRONT_TIMEZONE');
  const timezone = check(
    z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    timezonePick.value ?? 'UTC',
    'timezone',
    timezonePick.envName,
  );

  const emailsFromEnv = env.STOREFRONT_ALERT_EMAILS;
  const alertEmails = (input.alertEmails ?? (emailsFromEnv ? emailsFromEnv.split(',') : [])).map((email) =>
    check(emailRule, email.trim(), 'alertEmails', input.alertEmails ? undefined : 'STOREFRONT_ALERT_EMAILS'),
  );

  const topicArn = (setting: 'lowStockTopicArn' | 'reportsTopicArn', envName: string) => {
    const chosen = pick(input[setting], env, envName);
    return chosen.value === undefined ? undefined : check(topicArnRule, chosen.value, setting, chosen.envName);
  };
  const lowStockTopicArn = topicArn('lowStockTopicArn', 'STOREFRONT_LOW_STOCK_TOPIC_ARN');
  const reportsTopicArn = topicArn('reportsTopicArn', 'STOREFRONT_REPORTS_TOPIC_ARN');

  const buckets = resolveGroup('buckets') as unknown as StorefrontConfig['buckets'];
  const mediaUrlPick = pick(input.mediaUrl, env, 'STOREFRONT_MEDIA_URL');
  const mediaUrl = check(
    endpointRule,
    mediaUrlPick.value ?? (endpoint ? `${endpoint}/${buckets.media}` : `https://${buckets.media}.s3.${region}.amazonaws.com`),
    'mediaUrl',
    mediaUrlPick.envName,
  ).replace(/\/+$/, '');
  const distributionPick = pick(input.mediaDistributionId, env, 'STOREFRONT_MEDIA_DISTRIBUTION_ID');
  const mediaDistributionId =
    distributionPick.value === undefined
      ? undefined
      : check(z.string().regex(/^[A-Z0-9]{1,64}$/, 'a CloudFront distribution id'), distributionPick.value, 'mediaDistributionId', distributionPick.envName);

  if (input.credentials) {
    check(z.string().min(1, 'a non-empty access key id'), input.credentials.accessKeyId, 'credentials.accessKeyId');
    check(z.string().min(1, 'a non-empty secret'), input.credentials.secretAccessKey, 'credentials.secretAccessKey');
  }

  return {
    region,
    endpoint,
    credentials: input.credentials,
    prefix,
    tables: resolveGroup('tables') as unknown as TableNames,
    queues: resolveGroup('queues') as unknown as QueueNames,
    topics: resolveGroup('topics') as unknown as StorefrontConfig['topics'],
    buckets,
    mediaUrl,
    mediaDistributionId,
    schedules: resolveGroup('schedules') as unknown as StorefrontConfig['schedules'],
    timezone,
    alertEmails,
    ...resolveCursorSettings(input, env),
    lowStockTopicArn,
    reportsTopicArn,
  };
}

const secretArnRule = z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN');

/** The cursor key: given, else fetched from `cursorSecretArn` by the handler, else random outside Lambda. */
function resolveCursorSettings(input: StorefrontConfigInput, env: Env) {
  const arnPick = pick(input.cursorSecretArn, env, 'STOREFRONT_CURSOR_SECRET_ARN');
  const cursorSecretArn = arnPick.value === undefined ? undefined : check(secretArnRule, arnPick.value, 'cursorSecretArn', arnPick.envName);
  const secretPick = pick(input.cursorSecret, env, 'STOREFRONT_CURSOR_SECRET');
  if (secretPick.value !== undefined) {
    const cursorSecret = check(z.string().min(16, 'at least 16 characters'), secretPick.value, 'cursorSecret', secretPick.envName);
    return { cursorSecret, cursorSecretArn };
  }
  // A random key per Lambda instance would make one instance's cursors invalid on the next.
  const shared = cursorSecretArn !== undefined || Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  return { cursorSecret: shared ? undefined : randomBytes(32).toString('base64url'), cursorSecretArn };
}

/**
 * Every environment variable the SDK reads, with its default — the source of docs/configuration.md.
 *
 * @group Configuration
 */
export const environmentVariables: ReadonlyArray<{
  /** The variable, e.g. `STOREFRONT_PREFIX`. */
  name: string;
  /** Its default, as the docs show it. */
  default: string;
  /** The setting it fills, e.g. `tables.orders`. */
  setting: string;
}> = [
  { name: 'AWS_REGION', default: 'us-east-1', setting: 'region' },
  { name: 'STOREFRONT_AWS_ENDPOINT', default: '(none)', setting: 'endpoint' },
  { name: 'AWS_ENDPOINT_URL', default: '(none)', setting: 'endpoint, when STOREFRONT_AWS_ENDPOINT is unset' },
  { name: 'STOREFRONT_PREFIX', default: '(empty)', setting: 'prefix' },
  ...Object.entries(resourceSettings).flatMap(([group, settings]) =>
    Object.entries(settings as Record<string, Setting>).map(([key, setting]) => ({
      name: setting.env,
      default: setting.prefixed ? `[prefix-]${setting.fallback}` : setting.fallback,
      setting: `${group}.${key}`,
    })),
  ),
  { name: 'STOREFRONT_TIMEZONE', default: 'UTC', setting: 'timezone' },
  { name: 'STOREFRONT_ALERT_EMAILS', default: '(none)', setting: 'alertEmails' },
  { name: 'STOREFRONT_CURSOR_SECRET', default: '(random per process; none in Lambda)', setting: 'cursorSecret' },
  { name: 'STOREFRONT_CURSOR_SECRET_ARN', default: '(none)', setting: 'cursorSecretArn' },
  { name: 'STOREFRONT_LOW_STOCK_TOPIC_ARN', default: '(none: looked up by name)', setting: 'lowStockTopicArn' },
  { name: 'STOREFRONT_MEDIA_URL', default: "(the media bucket's URL)", setting: 'mediaUrl' },
  { name: 'STOREFRONT_MEDIA_DISTRIBUTION_ID', default: '(none)', setting: 'mediaDistributionId' },
  { name: 'STOREFRONT_REPORTS_TOPIC_ARN', default: '(none: looked up by name)', setting: 'reportsTopicArn' },
];
