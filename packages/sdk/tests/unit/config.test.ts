import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, createStorefront, resolveConfig } from '../../src/index.js';
import { environmentVariables } from '../../src/entries/resources.js';
import { openCursor, sealCursor } from '../../src/cursor.js';

describe('resolveConfig', () => {
  it('reads the low-stock topic ARN from STOREFRONT_LOW_STOCK_TOPIC_ARN, validated, with no default', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:shop-low-stock-alerts';
    expect(resolveConfig({}, { STOREFRONT_LOW_STOCK_TOPIC_ARN: arn }).lowStockTopicArn).toBe(arn);
    expect(resolveConfig({}, {}).lowStockTopicArn).toBeUndefined();
    expect(() => resolveConfig({ lowStockTopicArn: 'low-stock-alerts' }, {})).toThrow(/lowStockTopicArn/);
  });

  it('reads the reports topic ARN from STOREFRONT_REPORTS_TOPIC_ARN, validated, with no default', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:shop-reports';
    expect(resolveConfig({}, { STOREFRONT_REPORTS_TOPIC_ARN: arn }).reportsTopicArn).toBe(arn);
    expect(resolveConfig({}, {}).reportsTopicArn).toBeUndefined();
    expect(() => resolveConfig({}, { STOREFRONT_REPORTS_TOPIC_ARN: 'reports' })).toThrow(/reportsTopicArn \(env STOREFRONT_REPORTS_TOPIC_ARN\)/);
  });

  it('uses the documented defaults (docs/configuration.md) when nothing is set', () => {
    const config = resolveConfig({}, {});
    expect(config.region).toBe('us-east-1');
    expect(config.endpoint).toBeUndefined();
    expect(config.tables).toEqual({
      productCatalog: 'product-catalog',
      inventory: 'inventory',
      orders: 'orders',
      reportJobs: 'report-jobs',
      alertLog: 'alert-log',
      dailySales: 'daily-sales',
      productImages: 'product-images',
    });
    expect(config.buckets).toEqual({ reports: 'storefront-reports', uploads: 'storefront-uploads', media: 'storefront-media' });
    expect(config.mediaUrl).toBe('https://storefront-media.s3.us-east-1.amazonaws.com');
    expect(resolveConfig({ endpoint: 'http://127.0.0.1:5000' }, {}).mediaUrl).toBe('http://127.0.0.1:5000/storefront-media');
    expect(resolveConfig({ mediaUrl: 'https://d111.cloudfront.net/' }, {}).mediaUrl).toBe('https://d111.cloudfront.net');
    expect(config.queues.inventoryCheck).toBe('inventory-check');
    expect(config.topics.lowStockAlerts).toBe('low-stock-alerts');
    expect(config.timezone).toBe('UTC');
  });

  it('lets the environment override defaults and arguments override the environment', () => {
    const env = {
      AWS_REGION: 'eu-west-1',
      STOREFRONT_PREFIX: 'staging',
      STOREFRONT_ORDERS_TABLE: 'orders-from-env',
      STOREFRONT_AWS_ENDPOINT: 'http://127.0.0.1:4566/',
      STOREFRONT_TIMEZONE: 'Europe/Berlin',
    };
    const fromEnv = resolveConfig({}, env);
    expect(fromEnv.region).toBe('eu-west-1');
    expect(fromEnv.tables.orders).toBe('orders-from-env');
    expect(fromEnv.tables.inventory).toBe('staging-inventory');
    expect(fromEnv.endpoint).toBe('http://127.0.0.1:4566');
    expect(fromEnv.timezone).toBe('Europe/Berlin');

    const fromArgs = resolveConfig({ region: 'ap-south-1', tables: { orders: 'mine' }, prefix: '' }, env);
    expect(fromArgs.region).toBe('ap-south-1');
    expect(fromArgs.tables.orders).toBe('mine');
    expect(fromArgs.tables.inventory).toBe('inventory');
  });

  it('falls back to AWS_ENDPOINT_URL when STOREFRONT_AWS_ENDPOINT is unset', () => {
    expect(resolveConfig({}, { AWS_ENDPOINT_URL: 'http://localhost:5000' }).endpoint).toBe('http://localhost:5000');
  });

  it.each([
    [{ region: 'mars' }, {}, /region/],
    [{}, { AWS_REGION: 'nowhere' }, /region \(env AWS_REGION\)/],
    [{ endpoint: 'ftp://x' }, {}, /endpoint/],
    [{ tables: { orders: 'a b' } }, {}, /tables\.orders/],
    [{}, { STOREFRONT_INVENTORY_TABLE: 'x' }, /tables\.inventory \(env STOREFRONT_INVENTORY_TABLE\)/],
    [{ buckets: { reports: 'Upper_Case' } }, {}, /buckets\.reports/],
    [{ timezone: 'Mars/Olympus' }, {}, /timezone/],
    [{}, { STOREFRONT_ALERT_EMAILS: 'ops@example.com,not-an-email' }, /alertEmails \(env STOREFRONT_ALERT_EMAILS\)/],
    [{ cursorSecret: 'short' }, {}, /cursorSecret/],
    [{ prefix: 'UPPER' }, {}, /prefix/],
  ])('rejects an invalid setting %j / env %j with an error naming it', (input, env, name) => {
    expect(() => resolveConfig(input, env)).toThrow(ConfigurationError);
    expect(() => resolveConfig(input, env)).toThrow(name);
  });

  it('fails at construction of the store', () => {
    expect(() => createStorefront({ region: 'bad' })).toThrow(/Invalid setting region/);
  });

  it('documents every environment variable it reads', () => {
    const names = environmentVariables.map((variable) => variable.name);
    const env: Record<string, string> = Object.fromEntries(names.map((name) => [name, 'x']));
    // Every documented variable is read: setting it to an invalid value makes resolution fail (or change).
    for (const name of names.filter((n) => n.startsWith('STOREFRONT_') && n !== 'STOREFRONT_PREFIX')) {
      expect(() => resolveConfig({}, { [name]: 'bad value!' }), name).toThrow(ConfigurationError);
    }
    expect(names).toContain('AWS_REGION');
    expect(Object.keys(env).length).toBe(names.length);
  });
});

describe('the cursor-signing key', () => {
  const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:storefront-cursor-AbCdEf';
  afterEach(() => vi.unstubAllEnvs());

  it('defaults to a random key outside Lambda', () => {
    expect(resolveConfig({}, {}).cursorSecret).toMatch(/^[\w-]{43}$/);
  });

  it('has no default in Lambda or when a secret ARN is set, so sealing and opening fail with ConfigurationError', () => {
    for (const env of [{ AWS_LAMBDA_FUNCTION_NAME: 'api' }, { STOREFRONT_CURSOR_SECRET_ARN: secretArn }]) {
      const config = resolveConfig({}, env);
      expect(config.cursorSecret).toBeUndefined();
      expect(() => sealCursor({ after: 'x' }, config.cursorSecret)).toThrow(ConfigurationError);
      expect(() => openCursor(sealCursor({ after: 'x' }, 'a-key-of-sixteen-chars'), config.cursorSecret)).toThrow(ConfigurationError);
    }
  });

  it('reads STOREFRONT_CURSOR_SECRET_ARN and rejects what is not a secret ARN', () => {
    expect(resolveConfig({}, { STOREFRONT_CURSOR_SECRET_ARN: secretArn }).cursorSecretArn).toBe(secretArn);
    expect(() => resolveConfig({}, { STOREFRONT_CURSOR_SECRET_ARN: 'arn:aws:s3:::bucket' })).toThrow(/cursorSecretArn/);
  });

  it('keeps a given key in Lambda', () => {
    const env = { AWS_LAMBDA_FUNCTION_NAME: 'api', STOREFRONT_CURSOR_SECRET: 'a-key-of-sixteen-chars' };
    expect(resolveConfig({}, env).cursorSecret).toBe('a-key-of-sixteen-chars');
  });

  it('makes the catalog refuse a cursor in Lambda without a key, before any AWS call', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'storefront-api');
    vi.stubEnv('STOREFRONT_CURSOR_SECRET', '');
    const store = createStorefront({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
    const cursor = sealCursor({ category: null, after: { product: 'Mug' } }, 'a-key-of-sixteen-chars');
    await expect(store.catalog.list({ cursor })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
