import type { InventoryListItem, StockStatus, StorefrontApi } from '@store-front/sdk/http';
import { field, h, money, showMessage } from './dom.js';
import { describeError } from './view.js';

const statusNames: Record<StockStatus, string> = { OUT: 'Sold out', LOW: 'Low', OK: 'In stock' };

/**
 * Every product (sold-out ones included, from the managers' inventory listing) with its stock and
 * status, OUT and LOW rows marked, a status filter, and an Edit button that fills the product form.
 */
export function inventoryPanel(admin: StorefrontApi, edit: (product: string) => void): { panel: HTMLElement; reload: () => Promise<void> } {
  const body = h('tbody', {});
  const names = h('datalist', { id: 'product-names' });
  const message = h('div', { class: 'message', hidden: true });
  const counts = h('p', { class: 'muted', id: 'status-counts' });
  const filter = h(
    'select',
    { id: 'status-filter' },
    h('option', { value: '' }, 'All products'),
    ...(['OUT', 'LOW', 'OK'] as const).map((status) => h('option', { value: status }, statusNames[status])),
  );
  const columns = ['Product', 'Category', 'Price', 'Stock', 'Status'].map((name) =>
    h('th', { scope: 'col', class: name === 'Price' || name === 'Stock' ? 'number' : undefined }, name),
  );
  const panel = h(
    'section',
    { class: 'panel wide', 'aria-labelledby': 'products-title' },
    h('div', { class: 'inline' }, h('h2', { id: 'products-title' }, 'Products'), h('div', { class: 'filters' }, field('Show', filter))),
    counts,
    message,
    names,
    h('div', { class: 'table-scroll' }, h('table', { id: 'inventory-table' }, h('thead', {}, h('tr', {}, ...columns, h('td', {}))), body)),
  );
  const row = (item: InventoryListItem) =>
    h(
      'tr',
      { class: item.status === 'OK' ? undefined : `status-${item.status.toLowerCase()}`, 'data-status': item.status },
      h('th', { scope: 'row' }, item.product),
      h('td', {}, item.category),
      h('td', { class: 'number' }, money(item.cost)),
      h('td', { class: 'number' }, item.quantity),
      h('td', {}, h('span', { class: `badge ${item.status.toLowerCase()}` }, statusNames[item.status])),
      h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': `Edit ${item.product}`, onclick: () => edit(item.product) }, 'Edit')),
    );
  const reload = async () => {
    try {
      const status = (filter.value || undefined) as StockStatus | undefined;
      const items: InventoryListItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await admin.inventory.list({ limit: 100, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const summary = await admin.inventory.summary();
      counts.textContent = `${summary.OK} in stock · ${summary.LOW} low · ${summary.OUT} sold out`;
      body.replaceChildren(...items.map(row));
      if (!status) names.replaceChildren(...items.map((item) => h('option', { value: item.product })));
    } catch (error) {
      showMessage(message, 'error', describeError(error));
    }
  };
  filter.addEventListener('change', () => void reload());
  return { panel, reload };
}
