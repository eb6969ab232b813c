import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../packages/local/src/startLocalStack.js';
import { localBackgroundServices } from '../../../packages/local/src/backgroundServices.js';
import { startTestStack, testAdmin } from '../../../packages/local/tests/localStackSupport.js';
import { partnerFeed } from '../src/feed.js';

const run = promisify(execFile);
const partnerApp = fileURLToPath(new URL('..', import.meta.url));

// The partner app as a partner runs it (`npm run partner`), against a local stack with its background services.
describe('the partner app', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack({ backgroundServices: localBackgroundServices });
  });
  afterAll(() => stack?.stop());

  it('syncs its feed, lists it, orders once per key and gets the sales report, over HTTP and directly', async () => {
    const { stdout } = await run('npx', ['tsx', '--conditions=store-front-source', 'src/main.ts'], {
      cwd: partnerApp,
      env: {
        ...process.env,
        STOREFRONT_URL: stack.url,
        STOREFRONT_ADMIN_ACCESS_KEY_ID: testAdmin.accessKeyId,
        STOREFRONT_ADMIN_SECRET_ACCESS_KEY: testAdmin.secretAccessKey,
        STOREFRONT_AWS_ENDPOINT: stack.endpoint,
        STOREFRONT_PREFIX: stack.store.config.prefix,
        PARTNER_RUN_ID: 'test-run',
      },
      timeout: 90_000,
    });

    const orders: Record<string, string> = {};
    for (const transport of ['http', 'direct']) {
      const lines = stdout.split('\n').filter((line) => line.startsWith(`[${transport}] `));
      expect(lines[0]).toBe(`[${transport}] synced ${partnerFeed.length} products from the feed`);
      expect(lines[1]).toContain(`catalog lists ${partnerFeed.length} Outdoor products`);
      const orderId = /order (\S+) placed, total 248\.98$/.exec(lines[2] ?? '')?.[1];
      expect(orderId).toBeDefined();
      expect(lines[3]).toBe(`[${transport}] retry with the same key returned order ${orderId}`);
      expect(lines[5]).toMatch(/report SUCCEEDED: \d+ rows/);
      const csv = await (await fetch(lines[6]!.replace(`[${transport}] download: `, ''))).text();
      expect(csv).toContain(`${orderId},`);
      orders[transport] = orderId!;
    }
    // One order per transport (their keys differ), each placed once; the direct run's sync reset the tents to 14 first.
    expect(orders.http).not.toBe(orders.direct);
    expect((await stack.store.orders.get(orders.http!)).total).toBe(248.98);
    expect((await stack.store.catalog.get('Trail Tent 2P')).available).toBe(13);
  });
});
