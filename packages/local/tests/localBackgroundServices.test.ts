import { createStorefrontClient } from '@store-front/sdk/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../src/startLocalStack.js';
import { localBackgroundServices } from '../src/backgroundServices.js';
import { startTestStack, testAdmin, waitFor } from './localStackSupport.js';

// The local stack with the background services `npm start` runs: the async paths work end to end through HTTP.
describe('the local stack, fully wired', () => {
  const printed: string[] = [];
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startTestStack({ backgroundServices: localBackgroundServices, print: (line) => printed.push(line) });
  });
  afterAll(() => stack?.stop());

  it('turns an order that crosses the threshold into one alert: GET /alerts and the terminal', async () => {
    const admin = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    const shop = createStorefrontClient({ baseUrl: stack.url });
    await admin.inventory.put({ product: 'Lantern', category: 'Outdoor', description: 'LED', cost: 19.99, quantity: 7, lowStockThreshold: 5 });
    await shop.orders.place({ product: 'Lantern', quantity: 1 }); // 6: still above
    await shop.orders.place({ product: 'Lantern', quantity: 2 }); // 4: crosses
    await shop.orders.place({ product: 'Lantern', quantity: 1 }); // 3: already below, no new alert

    const alerts = await waitFor(async () => {
      const { items } = await admin.alerts.recent();
      return items.length > 0 ? items : undefined;
    });
    expect(alerts).toEqual([{ product: 'Lantern', quantity: 4, threshold: 5, at: expect.any(String) }]);
    await waitFor(async () => (printed.some((line) => line.includes('Lantern')) ? true : undefined));
    // Give a would-be duplicate time to show up, then check there is still exactly one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await admin.alerts.recent()).items).toHaveLength(1);
  });

  it('runs a report started through the API to SUCCEEDED, with a download link to the CSV', async () => {
    const admin = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    await admin.inventory.put({ product: 'Compass', category: 'Outdoor', description: 'Brass', cost: 24.5, quantity: 10 });
    const order = await admin.orders.place({ items: [{ product: 'Compass', quantity: 3 }] });
    const { executionId, status } = await admin.reports.start({ type: 'sales', date: order.orderDate.slice(0, 10) });
    expect(status).toBe('PENDING');

    const job = await waitFor(async () => {
      const current = await admin.reports.get(executionId);
      return current.status === 'SUCCEEDED' || current.status === 'FAILED' ? current : undefined;
    });
    // The day's four order lines: three from the alert test above, and this one.
    expect(job).toMatchObject({ status: 'SUCCEEDED', type: 'sales', rowCount: 4 });
    const csv = await (await fetch(job.downloadUrl!)).text();
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('orderId,orderDate,product,category,quantity,unitCost,lineTotal');
    expect(rows).toHaveLength(5);
    expect(rows).toContain(`${order.orderId},${order.orderDate},Compass,Outdoor,3,24.5,73.5`);
    await waitFor(async () => (printed.some((line) => line.includes('sales report') && line.includes('4 rows')) ? true : undefined));
  });
});
