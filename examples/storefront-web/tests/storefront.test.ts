import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStorefrontClient, type StorefrontApi } from '@store-front/sdk/http';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../../packages/local/src/startLocalStack.js';
import { localBackgroundServices } from '../../../packages/local/src/backgroundServices.js';
import { startTestStack, storefrontPages, testAdmin, waitFor } from '../../../packages/local/tests/localStackSupport.js';
import { jpegWithGps } from '../../../packages/sdk/tests/imagesSupport.js';

// Debian's Chromium (`.ci/run` installs it); nothing here downloads a browser.
const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
// Screenshots are test artifacts (test-artifacts/screenshots, not committed); with
// STOREFRONT_UPDATE_SCREENSHOTS=1 they refresh the copies in docs/screenshots that the README shows.
const screenshots = fileURLToPath(
  new URL(process.env.STOREFRONT_UPDATE_SCREENSHOTS === '1' ? '../../../docs/screenshots/' : '../../../test-artifacts/screenshots/', import.meta.url),
);
const desktop = { width: 1200, height: 900 };
/** The context's page, with console errors and uncaught exceptions collected into `errors`. */
async function pageCollectingErrors(browser: BrowserContext, errors: string[]): Promise<Page> {
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await mkdir(screenshots, { recursive: true });
  return page;
}
const launchChromium = (userDataDir: string) =>
  chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath, args: chromiumArgs, headless: true, viewport: desktop });
const phone = { width: 390, height: 844 };

// The page, in a real browser, against the local stack with everything `npm start` runs in the background.
describe('the storefront web page in Chromium', () => {
  let stack: LocalStack;
  let browser: BrowserContext;
  let userDataDir: string;
  let page: Page;
  let shop: StorefrontApi;
  let admin: StorefrontApi;
  let placedOrderId: string;
  const consoleErrors: string[] = [];
  // Chromium logs every 4xx answer to fetch as a console error; a test that provokes one names it here.
  let expectedNetworkErrors: string[] = [];

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'storefront-chromium-'));
    [stack, browser] = await Promise.all([
      // The demo history's background reports would slow this file's first minute: the dashboard's own block has them.
      storefrontPages().then((pages) => startTestStack({ backgroundServices: localBackgroundServices, seed: true, seedHistory: false, pages })),
      launchChromium(userDataDir),
    ]);
    shop = createStorefrontClient({ baseUrl: stack.url });
    admin = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    page = await pageCollectingErrors(browser, consoleErrors);
    await mkdir(screenshots, { recursive: true });
    // The demo pictures go up in the background after start-up: the shop is shown once they are READY.
    await waitFor(async () => ((await shop.catalog.list({ limit: 100 })).items.every((entry) => entry.image) ? true : undefined), 110_000);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    const unexpected = consoleErrors.splice(0).filter((text) => !expectedNetworkErrors.some((status) => text === `Failed to load resource: the server responded with a status of ${status}`));
    expectedNetworkErrors = [];
    expect(unexpected).toEqual([]);
  });

  const card = (product: string) => page.locator('.card', { has: page.getByRole('link', { name: product, exact: true }) });
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

  it('browses, fills a cart with two products and places one order; the stock shown goes down', async () => {
    await page.goto(stack.url);
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(8);
    await expect.poll(() => page.locator('.card img.picture').evaluateAll((images) => images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await page.screenshot({ path: join(screenshots, 'shop.png'), fullPage: true });

    // "Load more" follows the cursor, and focus moves to the first product it brought.
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.locator('.card').count()).toBe(16);
    expect(await focusedText()).toBe('Espresso Beans 1kg');

    await page.getByLabel('Category').selectOption('Kitchen');
    await expect.poll(() => page.locator('.card .category').allTextContents()).toEqual(['Kitchen', 'Kitchen', 'Kitchen', 'Kitchen']);
    await page.getByLabel('Category').selectOption('');
    await expect.poll(() => page.locator('.card').count()).toBe(8);

    await expect.poll(() => card('Ceramic Coffee Mug').locator('.stock').textContent()).toBe('120 in stock');
    await page.getByRole('button', { name: 'Add Ceramic Coffee Mug to cart' }).click();
    await page.getByRole('link', { name: 'Chef Knife 20cm' }).click();
    await expect.poll(() => page.locator('.detail .stock').textContent()).toBe('25 in stock');
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    expect(await page.locator('#cart-link').textContent()).toBe('Cart (3)');

    await page.getByRole('link', { name: 'Cart (3)' }).click();
    await page.getByLabel('Quantity of Ceramic Coffee Mug').fill('3');
    await page.getByLabel('Quantity of Ceramic Coffee Mug').press('Tab');
    await expect.poll(() => page.locator('#cart-total').textContent()).toBe('$195.50');
    await page.screenshot({ path: join(screenshots, 'cart.png'), fullPage: true });

    // A double click sends one order: the button is disabled in flight and the attempt has one key.
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await expect.poll(() => focusedText()).toBe('Thank you — your order is placed');
    expect(await page.locator('#order-total').textContent()).toBe('$195.50');
    placedOrderId = (await page.locator('#order-id').textContent())!;
    expect((await admin.orders.get(placedOrderId)).total).toBe(195.5);
    expect((await shop.catalog.get('Ceramic Coffee Mug')).available).toBe(117);

    await page.getByRole('link', { name: 'Continue shopping' }).click();
    await expect.poll(() => card('Ceramic Coffee Mug').locator('.stock').textContent()).toBe('117 in stock');
    expect(await card('Chef Knife 20cm').locator('.stock').textContent()).toBe('23 in stock');
    expect(await page.locator('#cart-link').textContent()).toBe('Cart (0)');
  });

  it('says which line is short and how many are left, and places nothing', async () => {
    expectedNetworkErrors = ['409 (Conflict)'];
    await page.goto(`${stack.url}/#/product/${encodeURIComponent('Fountain Pen')}`);
    await page.getByLabel('Quantity').fill('4');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.goto(`${stack.url}/#/`);
    await page.getByRole('button', { name: 'Add Bamboo Cutting Board to cart' }).click();
    await page.getByRole('link', { name: /^Cart/ }).click();
    // Someone else buys two pens while this shopper looks at the cart.
    await shop.orders.place({ product: 'Fountain Pen', quantity: 2 });

    await page.getByRole('button', { name: 'Place order' }).click();
    const problem = page.getByRole('alert');
    await expect.poll(() => problem.textContent()).toContain('Only 2 of Fountain Pen left (you asked for 4).');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await page.getByLabel('Quantity of Fountain Pen').getAttribute('aria-invalid')).toBe('true');
    expect((await shop.catalog.get('Bamboo Cutting Board')).available).toBe(40);
    await page.screenshot({ path: join(screenshots, 'cart-out-of-stock.png'), fullPage: true });

    await page.getByLabel('Quantity of Fountain Pen').fill('2');
    await page.getByLabel('Quantity of Fountain Pen').press('Tab');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.locator('#order-total').textContent()).toBe('$80.99');
    expect((await shop.catalog.get('Fountain Pen')).available).toBe(0);
  });

  it('admin: rejects wrong keys, then adds a product that appears in the shop and adjusts its stock', async () => {
    expectedNetworkErrors = ['403 (Forbidden)'];
    await page.goto(`${stack.url}/#/admin`);
    await page.getByLabel('Access key id').fill(testAdmin.accessKeyId);
    await page.getByLabel('Secret access key').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
    await page.getByLabel('Secret access key').fill(testAdmin.secretAccessKey);
    await page.getByLabel('Secret access key').press('Enter');
    await expect.poll(() => focusedText()).toBe('Admin');

    await page.getByLabel('Product name').fill('Aurora Teapot');
    await page.getByLabel('Category').fill('Kitchen');
    await page.getByLabel('Description').fill('1 l cast iron teapot.');
    await page.getByLabel('Price').fill('24.5');
    await page.getByLabel('Stock', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect.poll(() => page.locator('#product-form .message').textContent()).toBe('Saved Aurora Teapot: 12 in stock at $24.50.');

    await page.getByLabel('Product', { exact: true }).fill('Aurora Teapot');
    await page.getByLabel('Change').fill('3');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByText('Aurora Teapot now has 15 in stock.').count()).toBe(1);

    // Editing a product loaded by name keeps its own low-stock threshold (the catalog does not show it).
    await stack.store.inventory.put({ product: 'Brass Lamp', category: 'Home', description: 'Desk lamp.', cost: 60, quantity: 20, lowStockThreshold: 9 });
    await page.getByLabel('Product name').fill('Brass Lamp');
    await page.getByRole('button', { name: 'Load' }).click();
    await expect.poll(() => page.getByLabel('Category').inputValue()).toBe('Home');
    await page.getByLabel('Price').fill('65');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect.poll(() => page.locator('#product-form .message').textContent()).toBe('Saved Brass Lamp: 20 in stock at $65.00.');
    const { items } = await stack.store.inventory.put({ product: 'Brass Lamp', category: 'Home', description: 'Desk lamp.', cost: 65, quantity: 20 });
    expect(items[0]!.lowStockThreshold).toBe(9);

    await page.getByRole('link', { name: 'Shop' }).click();
    await expect.poll(() => card('Aurora Teapot').locator('.stock').textContent()).toBe('15 in stock');
    expect(await card('Aurora Teapot').locator('.price').textContent()).toBe('$24.50');

    // The admin page links to the API reference, which the stack serves under the same CSP (its stylesheet applies; a violation would be a console error).
    await page.goto(`${stack.url}/#/admin`);
    await page.getByRole('link', { name: 'API reference' }).click();
    await expect.poll(() => page.title()).toBe('Store Front HTTP API — reference');
    expect(new URL(page.url()).pathname).toBe('/docs/api');
    expect(await page.locator('#op-placeOrder .method').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(11, 92, 173)');
  });

  it('admin: a low-stock alert shows up after an order crosses the threshold', async () => {
    await shop.orders.place({ product: 'Rain Jacket', quantity: 2 }); // 9 → 7, threshold 8
    await page.goto(`${stack.url}/#/admin`);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.locator('#alerts').textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('Rain Jacket: 7 left (threshold 8)');
  });

  it('admin: a sales report runs to a download link whose CSV holds the order', async () => {
    await page.getByLabel('Report', { exact: true }).selectOption('sales');
    await page.getByRole('button', { name: 'Start report' }).click();
    const link = page.getByRole('link', { name: 'Download CSV' });
    await link.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'admin.png'), fullPage: true });
    const csv = await (await fetch((await link.getAttribute('href'))!)).text();
    expect(csv.split('\r\n')[0]).toBe('orderId,orderDate,product,category,quantity,unitCost,lineTotal');
    expect(csv).toContain(`${placedOrderId},`);
    expect(csv).toMatch(new RegExp(`${placedOrderId},[^,]+,Chef Knife 20cm,Kitchen,2,79,158`));
  });

  it('shows each product picture lazily, responsive and sized up front: nothing shifts as they arrive', async () => {
    await page.setViewportSize(desktop);
    // Media answers are held back until the layout-shift observer runs, so every picture arrives under it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/media/**', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(stack.url);
    await expect.poll(() => page.locator('.card').count()).toBe(8);
    const pictures = page.locator('.card img.picture');
    const attributes = await pictures.evaluateAll((images) =>
      images.map((image) => ({ alt: image.getAttribute('alt'), loading: image.getAttribute('loading'), width: image.getAttribute('width'), height: image.getAttribute('height'), variants: image.getAttribute('srcset')!.split(', ').length, sizes: image.getAttribute('sizes') })),
    );
    const names = await page.locator('.card:has(img.picture) h2').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(attributes).toEqual(names.map((name) => ({ alt: name, loading: 'lazy', width: '640', height: '480', variants: 3, sizes: '(max-width: 30rem) 50vw, 15rem' })));
    await page.evaluate(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) (window as unknown as { shift: number }).shift += (entry as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift' });
    });
    release();
    await page.locator('.bottom').scrollIntoViewIfNeeded();
    await expect.poll(() => pictures.evaluateAll((images) => images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
    await page.unroute('**/media/**');

    // The product page shows its pictures; a product without one shows a placeholder in the shop.
    await page.goto(`${stack.url}/#/product/${encodeURIComponent('Ceramic Coffee Mug')}`);
    await expect.poll(() => page.locator('.gallery img.picture').getAttribute('alt')).toBe('Ceramic Coffee Mug');
    await page.goto(`${stack.url}/#/`);
    await expect.poll(() => page.locator('.card').count()).toBe(8);
    await page.getByLabel('Category').selectOption('Kitchen');
    await expect.poll(() => card('Aurora Teapot').locator('.picture.placeholder').getAttribute('aria-label')).toBe('Aurora Teapot: no picture yet');
    await page.getByLabel('Category').selectOption('');
  });

  it('admin: uploads a picture with a progress bar; the worker makes it READY and the shop shows it', async () => {
    await page.goto(`${stack.url}/#/admin`);
    await page.getByLabel('Pictures of product').fill('Aurora Teapot');
    await page.locator('#image-file').setInputFiles({ name: 'teapot.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(1024, 768) });
    // The progress bar shows while the file goes to storage and reaches the end.
    await page.evaluate(() => {
      const bar = document.getElementById('upload-progress') as HTMLProgressElement;
      const seen: Array<{ hidden: boolean; value: number }> = ((window as unknown as { progress: typeof seen }).progress = []);
      new MutationObserver(() => seen.push({ hidden: bar.hidden, value: bar.value })).observe(bar, { attributes: true });
    });
    await page.getByRole('button', { name: 'Add picture' }).click();
    await expect.poll(() => page.locator('#images-panel .message').textContent(), { timeout: 30_000 }).toBe('The picture of Aurora Teapot is ready.');
    await expect.poll(() => page.locator('#images-list li[data-status="READY"] img').count()).toBe(1);
    const progress = await page.evaluate(() => (window as unknown as { progress: Array<{ hidden: boolean; value: number }> }).progress);
    expect(progress.some((state) => !state.hidden && state.value === 1)).toBe(true);
    const [image] = (await admin.images.list('Aurora Teapot')).items;
    expect(image!.variants!.map((variant) => variant.width)).toEqual([320, 640]);

    await page.goto(`${stack.url}/#/`);
    await expect.poll(() => page.locator('.card').count()).toBe(8);
    await page.getByLabel('Category').selectOption('Kitchen');
    await expect.poll(() => card('Aurora Teapot').locator('img.picture').getAttribute('src')).toBe(image!.variants![1]!.url);
    await page.getByLabel('Category').selectOption('');
  });

  it('fits a phone-sized screen', async () => {
    await page.setViewportSize(phone);
    // Measured once the view's data is drawn: the widest content (the admin's product table) comes last.
    for (const [hash, drawn, name] of [['#/', '.card', 'shop-phone.png'], ['#/admin', '.panel.wide tbody tr', 'admin-phone.png']] as const) {
      await page.goto(`${stack.url}/${hash}`);
      await page.locator(drawn).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
      await page.screenshot({ path: join(screenshots, name), fullPage: name === 'shop-phone.png' });
    }
  });
});

// The managers' Sales view over a freshly started stack: the demo history's reports run in its background.
describe('the Sales dashboard in Chromium', () => {
  let stack: LocalStack;
  let browser: BrowserContext;
  let userDataDir: string;
  let page: Page;
  let admin: StorefrontApi;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    userDataDir = await mkdtemp(join(tmpdir(), 'storefront-chromium-'));
    [stack, browser] = await Promise.all([storefrontPages().then((pages) => startTestStack({ backgroundServices: localBackgroundServices, seed: true, pages })), launchChromium(userDataDir)]);
    admin = createStorefrontClient({ baseUrl: stack.url, credentials: testAdmin });
    page = await pageCollectingErrors(browser, consoleErrors);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('sales dashboard: 30 days charted from real reports, a table toggle, and report downloads', async () => {
    // The demo history's reports run in the background after start; the dashboard shows what they kept.
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const reported = async () => (await admin.reports.dailySales({ from, to: yesterday })).items.filter((day) => day.reported).length;
    await expect.poll(reported, { timeout: 240_000, interval: 2_000 }).toBe(30);
    const { items: days } = await admin.reports.dailySales({ from, to: yesterday });

    await page.goto(`${stack.url}/#/admin`);
    await page.getByLabel('Access key id').fill(testAdmin.accessKeyId);
    await page.getByLabel('Secret access key').fill(testAdmin.secretAccessKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Sales dashboard' }).click();
    await expect.poll(() => page.locator('#revenue-chart rect.bar').count(), { timeout: 20_000 }).toBe(30);
    expect(await page.locator('#orders-chart rect.bar').count()).toBe(30);
    expect(await page.locator('#revenue-chart rect.bar').last().getAttribute('aria-label')).toBe(`${yesterday}: $${days[29]!.revenue.toFixed(2)}`);
    // Focus (keyboard) shows the exact figure, as hovering does.
    await page.locator('#orders-chart rect.bar').first().focus();
    expect(await page.locator('#orders-chart .chart-readout').textContent()).toBe(`${from}: ${days[0]!.orders} orders`);
    await page.locator('#report-history tbody tr').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });

    // Its name changes with what it shows, so the button is found by what it controls.
    const toggle = page.locator('button[aria-controls="revenue-chart-table"]');
    expect(await toggle.textContent()).toBe('Show as table');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#revenue-chart').isHidden()).toBe(true);
    expect(await page.locator('#revenue-chart-table tbody tr').count()).toBe(30);
    expect(await page.locator('#revenue-chart-table tbody tr').last().locator('td').first().textContent()).toBe(`$${days[29]!.revenue.toFixed(2)}`);
    expect(await toggle.textContent()).toBe('Show as chart');
    await toggle.click();
    expect(await page.locator('#revenue-chart').isVisible()).toBe(true);

    await page.getByRole('button', { name: `Download the sales report of ${yesterday}` }).click();
    const link = page.locator('#report-history a.download');
    await link.waitFor();
    const csv = await (await fetch((await link.getAttribute('href'))!)).text();
    expect(csv.split('\r\n')[0]).toBe('orderId,orderDate,product,category,quantity,unitCost,lineTotal');
    const revenue = csv.split('\r\n').slice(1, -1).reduce((sum, line) => sum + Math.round(Number(line.split(',').at(-1)) * 100), 0);
    expect(revenue / 100).toBe(days[29]!.revenue);

    await page.setViewportSize(phone);
    await page.reload();
    await page.locator('#revenue-chart rect.bar').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.screenshot({ path: join(screenshots, 'dashboard-phone.png') });
    expect(consoleErrors).toEqual([]);
  }, 300_000);

});
