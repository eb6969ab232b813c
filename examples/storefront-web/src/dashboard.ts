import { createStorefrontClient, type DailySales, type StorefrontApi } from '@store-front/sdk/http';
import { adminView, storedCredentials } from './admin.js';
import { barChart } from './chart.js';
import { h, money } from './dom.js';
import { reportHistoryPanel } from './reportHistory.js';
import { describeError, heading, type ViewContext } from './view.js';

const days = 30;

/** `YYYY-MM-DD` of `offset` days from today (UTC, the store's default time zone). */
const dayFrom = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The managers' Sales view (`#/sales`): the last 30 days' revenue and orders as charts (each with a
 * table toggle, the text alternative), the period's figures, top products, stock status counts and
 * the report history with downloads. Signed in with the admin page's keys.
 */
export function salesView(context: ViewContext): void {
  const credentials = storedCredentials();
  if (!credentials) {
    adminView(context);
    return;
  }
  const admin = createStorefrontClient({ baseUrl: context.baseUrl, credentials });
  const body = h('div', { class: 'dashboard', 'aria-busy': 'true' }, h('p', {}, 'Loading the figures…'));
  context.root.append(heading('Sales'), h('p', { class: 'signed-in' }, `The ${days} days up to yesterday · `, h('a', { href: '#/admin' }, 'Products and stock')), body);
  void load(admin, body);
}

async function load(admin: StorefrontApi, body: HTMLElement): Promise<void> {
  try {
    const [{ items }, summary] = await Promise.all([admin.reports.dailySales({ from: dayFrom(-days), to: dayFrom(-1) }), admin.inventory.summary()]);
    body.replaceChildren(
      figuresPanel(items, summary),
      chartPanel('revenue-chart', 'Revenue per day', items, (day) => day.revenue, money, (tick) => `$${tick.toLocaleString('en-US')}`),
      chartPanel('orders-chart', 'Orders per day', items, (day) => day.orders, (count) => `${count} orders`, String),
      topProductsPanel(items),
      reportHistoryPanel(admin),
    );
  } catch (error) {
    body.replaceChildren(h('p', { class: 'message error', role: 'alert' }, describeError(error)));
  }
  body.removeAttribute('aria-busy');
}

function figuresPanel(items: readonly DailySales[], summary: { OK: number; LOW: number; OUT: number }): HTMLElement {
  const cents = items.reduce((sum, day) => sum + Math.round(day.revenue * 100), 0);
  const orders = items.reduce((sum, day) => sum + day.orders, 0);
  const unreported = items.filter((day) => !day.reported).length;
  const figure = (label: string, value: string, extra?: string) =>
    h('div', { class: `figure${extra ? ` ${extra}` : ''}` }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'section',
    { class: 'panel wide', 'aria-labelledby': 'figures-title' },
    h('h2', { id: 'figures-title' }, `Last ${days} days`),
    h(
      'dl',
      { class: 'figures' },
      figure('Revenue', money(cents / 100)),
      figure('Orders', String(orders)),
      figure('Average order', orders === 0 ? '–' : money(Math.round(cents / orders) / 100)),
      figure('In stock (OK)', String(summary.OK), 'ok'),
      figure('Low', String(summary.LOW), 'low'),
      figure('Sold out', String(summary.OUT), 'out'),
    ),
    unreported > 0 ? h('p', { class: 'muted' }, `${unreported} of these days have no sales report yet; they show as zero.`) : null,
  );
}

/** A chart and its table (the text alternative), one button switching between them. */
function chartPanel(
  id: string,
  title: string,
  items: readonly DailySales[],
  value: (day: DailySales) => number,
  text: (value: number) => string,
  formatTick: (value: number) => string,
): HTMLElement {
  const chart = barChart({ id, title, points: items.map((day) => ({ label: day.date, value: value(day), text: text(value(day)) })), formatTick });
  const table = h(
    'div',
    { class: 'table-scroll', id: `${id}-table`, hidden: true },
    h(
      'table',
      {},
      h('caption', {}, title),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col', class: 'number' }, title.split(' ')[0]!), h('th', { scope: 'col' }, 'Reported'))),
      h('tbody', {}, ...items.map((day) => h('tr', {}, h('th', { scope: 'row' }, day.date), h('td', { class: 'number' }, text(value(day))), h('td', {}, day.reported ? 'yes' : 'not yet')))),
    ),
  );
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-controls': `${id}-table`, 'aria-expanded': 'false' }, 'Show as table');
  toggle.addEventListener('click', () => {
    const showTable = table.hidden;
    table.hidden = !showTable;
    chart.hidden = showTable;
    toggle.setAttribute('aria-expanded', String(showTable));
    toggle.textContent = showTable ? 'Show as chart' : 'Show as table';
  });
  return h('section', { class: 'panel wide', 'aria-label': title }, h('div', { class: 'inline' }, h('h2', {}, title), toggle), chart, table);
}

function topProductsPanel(items: readonly DailySales[]): HTMLElement {
  const totals = new Map<string, { units: number; cents: number }>();
  for (const day of items) {
    for (const top of day.topProducts) {
      const total = totals.get(top.product) ?? { units: 0, cents: 0 };
      total.units += top.units;
      total.cents += Math.round(top.revenue * 100);
      totals.set(top.product, total);
    }
  }
  const ranked = [...totals].sort((a, b) => b[1].cents - a[1].cents).slice(0, 10);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'top-title' },
    h('h2', { id: 'top-title' }, 'Top products'),
    ranked.length === 0
      ? h('p', { class: 'muted' }, 'No sales in this period.')
      : h('ol', { class: 'top-products' }, ...ranked.map(([product, total]) => h('li', {}, h('strong', {}, product), ` — ${total.units} sold, ${money(total.cents / 100)}`))),
    h('p', { class: 'muted' }, "From each day's top 10."),
  );
}


