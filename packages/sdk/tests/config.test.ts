import { describe, expect, it } from 'vitest';
import { ConfigurationError, createStorefront, environmentVariables, resolveConfig } from '../src/index.js';

describe('resolveConfig', () => {
  it('uses the defaults of DESIGN.md when nothing is set', () => {
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
    });
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
