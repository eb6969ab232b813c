import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { isTimeZone } from './timeZones.js';
import { ConfigurationError } from './errors.js';

import type { TableNames, QueueNames, StorefrontConfig, StorefrontConfigInput, Env } from './configTypes.js';
export type { TableNames, TopicNames, QueueNames, AwsCredentials, StorefrontConfig, StorefrontConfigInput, Env } from './configTypes.js';

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

  const endpoint = resolveEndpoint(input, env);

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

  const buckets = resolveGroup('buckets') as unknown as StorefrontConfig['buckets'];

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
    ...resolveMediaSettings(input, env, endpoint ?? `https://s3.${region}.amazonaws.com`, buckets.media, endpoint !== undefined),
    schedules: resolveGroup('schedules') as unknown as StorefrontConfig['schedules'],
    timezone,
    alertEmails,
    ...resolveCursorSettings(input, env),
    ...resolveTopicArns(input, env),
  };
}

/** The AWS endpoint (an emulator's), when one is given: `STOREFRONT_AWS_ENDPOINT`, else `AWS_ENDPOINT_URL`. */
function resolveEndpoint(input: StorefrontConfigInput, env: Env): string | undefined {
  let endpointPick = pick(input.endpoint, env, 'STOREFRONT_AWS_ENDPOINT');
  if (endpointPick.value === undefined) endpointPick = pick(undefined, env, 'AWS_ENDPOINT_URL');
  return endpointPick.value === undefined ? undefined : check(endpointRule, endpointPick.value, 'endpoint', endpointPick.envName).replace(/\/+$/, '');
}

/** The topics' ARNs, when given (in AWS); otherwise the store looks the topics up by name. */
function resolveTopicArns(input: StorefrontConfigInput, env: Env): Pick<StorefrontConfig, 'lowStockTopicArn' | 'reportsTopicArn'> {
  const topicArn = (setting: 'lowStockTopicArn' | 'reportsTopicArn', envName: string) => {
    const chosen = pick(input[setting], env, envName);
    return chosen.value === undefined ? undefined : check(topicArnRule, chosen.value, setting, chosen.envName);
  };
  return {
    lowStockTopicArn: topicArn('lowStockTopicArn', 'STOREFRONT_LOW_STOCK_TOPIC_ARN'),
    reportsTopicArn: topicArn('reportsTopicArn', 'STOREFRONT_REPORTS_TOPIC_ARN'),
  };
}

/**
 * Where product images are served and the CDN whose paths a delete invalidates. The default URL is
 * the media bucket's own: path-style on an emulator endpoint, virtual-host style on S3.
 */
function resolveMediaSettings(
  input: StorefrontConfigInput,
  env: Env,
  s3Url: string,
  mediaBucket: string,
  pathStyle: boolean,
): Pick<StorefrontConfig, 'mediaUrl' | 'mediaDistributionId'> {
  const mediaUrlPick = pick(input.mediaUrl, env, 'STOREFRONT_MEDIA_URL');
  const bucketUrl = pathStyle ? `${s3Url}/${mediaBucket}` : s3Url.replace('https://', `https://${mediaBucket}.`);
  const mediaUrl = check(endpointRule, mediaUrlPick.value ?? bucketUrl, 'mediaUrl', mediaUrlPick.envName).replace(/\/+$/, '');
  const distributionPick = pick(input.mediaDistributionId, env, 'STOREFRONT_MEDIA_DISTRIBUTION_ID');
  const mediaDistributionId =
    distributionPick.value === undefined
      ? undefined
      : check(z.string().regex(/^[A-Z0-9]{1,64}$/, 'a CloudFront distribution id'), distributionPick.value, 'mediaDistributionId', distributionPick.envName);
  return { mediaUrl, mediaDistributionId };
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
