import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../packages/local/src/startLocalStack.js';
import { localBackgroundServices } from '../../../packages/local/src/backgroundServices.js';
import { writeStackFile } from '../../../packages/local/src/stackFile.js';
import { startTestStack, testAdmin } from '../../../packages/local/tests/localStackSupport.js';
import { partnerFeed } from '../src/feed.js';

const run = promisify(execFile);

/** The environment without any setting that says where a store is. */
function withoutStoreSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STOREFRONT_') && name !== 'AWS_ENDPOINT_URL'));
}
const partnerApp = fileURLToPath(new URL('..', import.meta.url));

// The partner app as a partner runs it (`npm run partner`), against a local stack with its background services.
describe('the partner app', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack({ backgroundServices: localBackgroundServices });
  });
  afterAll(() => stack?.stop());

  it('syncs its feed, lists it, orders once per key and gets the sales report, over HTTP and directly', async () => {
    // Everything it needs comes from the stack file `npm start` writes.
    const dataDir = await mkdtemp(join(tmpdir(), 'partner-'));
    const adminCredentialsFile = join(dataDir, 'admin-credentials.json');
    await writeFile(adminCredentialsFile, JSON.stringify(testAdmin));
    await writeStackFile(dataDir, {
      version: 1,
      pid: process.pid,
      startedAt: new Date().toISOString(),
      apiUrl: stack.url,
      awsEndpoint: stack.endpoint,
      region: 'us-east-1',
      prefix: stack.store.config.prefix,
      adminCredentialsFile,
    });
    const { stdout } = await run('npx', ['tsx', '--conditions=store-front-source', 'src/main.ts'], {
      cwd: partnerApp,
      env: { ...withoutStoreSettings(), STOREFRONT_DATA_DIR: dataDir, PARTNER_RUN_ID: 'test-run' },
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

  it('without a running stack or an endpoint stops with a clear message and never reaches for real AWS', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'partner-none-'));
    // A stack file left by a stack that was killed names a process that no longer runs: it is ignored.
    await writeStackFile(dataDir, { version: 1, pid: 2 ** 22 + 1, startedAt: '', apiUrl: stack.url, awsEndpoint: stack.endpoint, region: 'us-east-1', prefix: '' });
    const failure = await run('npx', ['tsx', '--conditions=store-front-source', 'src/main.ts'], {
      cwd: partnerApp,
      env: { ...withoutStoreSettings(), STOREFRONT_DATA_DIR: dataDir },
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      'npm run partner: no local stack is running: start it with `npm start` (it writes .storefront/stack.json), or set STOREFRONT_URL and STOREFRONT_AWS_ENDPOINT. Nothing was sent anywhere.',
    );
    expect(failure?.stdout).toBe('');
  });
});
