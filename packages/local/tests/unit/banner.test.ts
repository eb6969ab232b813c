import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { crossesThreshold, defaultLowStockThreshold, isLow } from '@store-front/sdk/workers';
import { describe, expect, it } from 'vitest';
import { startBanner, type BannerFacts } from '../../src/banner.js';
import { demoAlertOrder, demoProducts } from '../../src/demoCatalog.js';
import { countSnapshot } from '../../src/persistence/LocalPersistence.js';
import type { Snapshot } from '../../src/snapshot.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

const firstStart: BannerFacts = {
  url: 'http://127.0.0.1:4321',
  endpoint: 'http://127.0.0.1:5555',
  startedEmulator: true,
  admin: { credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret' }, source: 'generated', file: `${root}.storefront/admin-credentials.json` },
  seeded: 20,
  dataDir: `${root}.storefront`,
  snapshotFile: `${root}.storefront/snapshot.json`,
  region: 'us-east-1',
};

describe('the start-up banner', () => {
  it('prints next steps to copy: a shopper call, a signed admin call, the order that alerts, the guides', () => {
    const banner = startBanner(firstStart, root);
    expect(banner).toContain('\n    curl http://127.0.0.1:4321/catalog\n');
    expect(banner).toContain('\n    npm run admin -- GET /alerts\n');
    expect(banner).toContain(
      `curl -X POST http://127.0.0.1:4321/order -H 'content-type: application/json' -d '{"product":"French Press 1L","quantity":1}'`,
    );
    expect(banner).toContain('Guides: docs/getting-started.md, then the others linked from README.md');
    expect(banner).toContain('PORT=8080 npm start');
    expect(banner).toContain('Admin keys   .storefront/admin-credentials.json (generated now)');
    expect(banner).toContain('Data         kept in .storefront/snapshot.json; first start, demo catalog seeded (20 products)');
  });

  it('names paths from where npm start was run', () => {
    const banner = startBanner(firstStart, `${root}packages/local`);
    expect(banner).toContain('Guides: ../../docs/getting-started.md, then the others linked from ../../README.md');
  });

  it('says what was restored, and the work queued again', () => {
    const restored = { savedAt: '2024-05-01T10:00:00.000Z', products: 20, orders: 3, reports: 1, files: 0, requeued: { reportJobs: 1, stockChanges: 0 } };
    const banner = startBanner({ ...firstStart, seeded: 0, admin: { ...firstStart.admin, source: 'file' }, restored }, root);
    expect(banner).toContain(
      'Data         kept in .storefront/snapshot.json; restored the snapshot of 2024-05-01T10:00:00.000Z: 20 products, 3 orders, 1 report, 0 files; 1 unfinished report started again',
    );
    expect(banner).not.toContain('seeded');
    expect(banner).not.toContain('(generated now)');
  });

  it('the guide it names exists', async () => {
    await expect(readFile(`${root}docs/getting-started.md`, 'utf8')).resolves.toContain('# Getting started');
  });
});

describe('the demo order that sends an alert', () => {
  it('brings a demo product from above its threshold to it, with the fewest units of any', () => {
    const { product, quantity } = demoAlertOrder();
    const item = demoProducts.find((entry) => entry.product === product)!;
    const threshold = item.lowStockThreshold ?? defaultLowStockThreshold;
    const before = { quantity: item.quantity, threshold };
    const after = { quantity: item.quantity - quantity, threshold };
    expect(isLow(before)).toBe(false);
    expect(crossesThreshold(before, after)).toBe(true);
    for (const other of demoProducts) {
      const gap = other.quantity - (other.lowStockThreshold ?? defaultLowStockThreshold);
      if (gap > 0) expect(gap).toBeGreaterThanOrEqual(quantity);
    }
  });

  it('is the one the README tells a newcomer to order, beside how to change the port', async () => {
    const readme = await readFile(`${root}README.md`, 'utf8');
    const { product, quantity } = demoAlertOrder();
    expect(readme).toContain(`"product":"${product}","quantity":${quantity}`);
    expect(readme).toMatch(/PORT=\d+ npm start/);
  });
});

describe('what a snapshot restores', () => {
  it('counts products, orders (not idempotency records), report jobs and kept files', () => {
    const snapshot: Snapshot = {
      version: 2,
      savedAt: '2024-05-01T10:00:00.000Z',
      tables: {
        inventory: [{ product: { S: 'Lamp' } }, { product: { S: 'Desk' } }],
        orders: [
          { OrderId: { S: 'o-1' }, product: { S: 'Lamp' }, orderDate: { S: '2024-05-01T09:00:00Z' } },
          { OrderId: { S: 'o-1' }, product: { S: 'Desk' }, orderDate: { S: '2024-05-01T09:00:00Z' } },
          { OrderId: { S: 'o-2' }, product: { S: 'Lamp' }, orderDate: { S: '2024-05-01T09:30:00Z' } },
          { OrderId: { S: 'idem#cart-42' }, product: { S: '#order' }, orderId: { S: 'o-2' } },
        ],
        reportJobs: [{ executionId: { S: 'r-1' } }],
      },
      uncheckedStockChanges: [],
      files: { reports: [{ key: 'a.csv', path: 'a.csv', etag: 'e', size: 1 }], media: [] },
    };
    expect(countSnapshot(snapshot)).toEqual({ savedAt: '2024-05-01T10:00:00.000Z', products: 2, orders: 2, reports: 1, files: 1 });
  });
});
