import {
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  createStorefrontClient,
  type HttpCredentials,
  type ReportJob,
  type StorefrontApi,
} from '@store-front/sdk/http';
import { announce, field, h, money, showMessage } from './dom.js';
import { inventoryPanel } from './inventoryPanel.js';
import { describeError, heading, type ViewContext } from './view.js';
import { imagesPanel } from './adminImages.js';

// Session storage at most: the keys leave with the tab, never persist on the machine.
const credentialsKey = 'storefront-admin-credentials';
const reportPollMs = 1_000;
const alertsRefreshMs = 5_000;

export function storedCredentials(): { accessKeyId: string; secretAccessKey: string } | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(credentialsKey) ?? 'null') as { accessKeyId?: unknown; secretAccessKey?: unknown } | null;
    if (typeof stored?.accessKeyId === 'string' && typeof stored.secretAccessKey === 'string') {
      return { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
    }
  } catch {
    // unreadable: sign in again
  }
  sessionStorage.removeItem(credentialsKey);
  return undefined;
}

/** The admin page: sign-in, then products, stock, reports and low-stock alerts. */
export function adminView(context: ViewContext): void {
  const credentials = storedCredentials();
  if (credentials) dashboard(context, credentials);
  else signIn(context);
}

function signIn(context: ViewContext): void {
  const { root, baseUrl } = context;
  const accessKeyId = h('input', { id: 'access-key-id', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { id: 'secret-access-key', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { class: 'message', hidden: true });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'Use the admin keys of the local stack: ', h('code', {}, '.storefront/admin-credentials.json'), ' or the start-up banner. They are kept in this tab only.'),
    message,
    field('Access key id', accessKeyId),
    field('Secret access key', secret),
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = { accessKeyId: accessKeyId.value.trim(), secretAccessKey: secret.value.trim() };
    submit.disabled = true;
    // A signed call checks the keys before the dashboard shows: wrong keys get a clear message here.
    createStorefrontClient({ baseUrl, credentials: typed })
      .alerts.recent({ limit: 1 })
      .then(() => {
        sessionStorage.setItem(credentialsKey, JSON.stringify(typed));
        root.replaceChildren();
        dashboard(context, typed);
        root.querySelector('h1')?.focus();
        announce('Signed in.');
      })
      .catch((error: unknown) => {
        const rejected = error instanceof UnauthorizedError || error instanceof ForbiddenError;
        showMessage(message, 'error', rejected ? 'These keys were not accepted. Check the access key id and the secret.' : describeError(error));
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  root.append(heading('Admin'), h('p', {}, apiReferenceLink(baseUrl)), form);
}

function dashboard(context: ViewContext, credentials: HttpCredentials & { accessKeyId: string }): void {
  const { root, baseUrl } = context;
  const admin = createStorefrontClient({ baseUrl, credentials });
  const signOut = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(credentialsKey);
    root.replaceChildren();
    signIn(context);
    root.querySelector<HTMLInputElement>('#access-key-id')?.focus();
    announce('Signed out.');
  });
  // The product list reloads after every change; its Edit buttons fill the product form.
  const products = inventoryPanel(admin, (product) => editor.edit(product));
  const editor = productForm(admin, products.reload);
  const changed = products.reload;
  root.append(
    heading('Admin'),
    h('p', { class: 'signed-in' }, `Signed in as ${credentials.accessKeyId} `, signOut, h('a', { href: '#/sales' }, 'Sales dashboard'), apiReferenceLink(baseUrl)),
    h('div', { class: 'admin-grid' }, editor.form, stockForm(admin, changed), reportsPanel(admin, context.signal), alertsPanel(admin, context.signal), products.panel, imagesPanel(admin, context.signal)),
  );
  void products.reload();
}

/**
 * The API's reference: the page the local stack serves at `/docs/api` when the API shares this page's
 * origin (`npm start`); elsewhere (in AWS the page is on CloudFront and the API on API Gateway, which
 * serves no reference page) the API's machine-readable OpenAPI document.
 */
function apiReferenceLink(baseUrl: string): HTMLAnchorElement {
  const local = new URL(baseUrl, location.href).origin === location.origin;
  return local ? h('a', { href: '/docs/api' }, 'API reference') : h('a', { href: `${baseUrl}/openapi.json` }, 'API reference (OpenAPI)');
}

/** Add a product, or load one by name and change it; `edit` loads a product into the form. */
function productForm(admin: StorefrontApi, changed: () => Promise<void>): { form: HTMLElement; edit: (product: string) => void } {
  const inputs = {
    product: h('input', { id: 'product-name', required: true, maxlength: 200 }),
    category: h('input', { id: 'product-category', required: true, maxlength: 100 }),
    description: h('textarea', { id: 'product-description', maxlength: 2000, rows: 2 }),
    cost: h('input', { id: 'product-cost', type: 'number', min: 0, step: '0.01', required: true, inputmode: 'decimal' }),
    quantity: h('input', { id: 'product-quantity', type: 'number', min: 0, step: 1, required: true, inputmode: 'numeric' }),
    threshold: h('input', { id: 'product-threshold', type: 'number', min: 0, step: 1, inputmode: 'numeric' }),
  };
  const message = h('div', { class: 'message', hidden: true });
  const load = h('button', { type: 'button', class: 'secondary' }, 'Load');
  const edit = (product: string) => {
    inputs.product.value = product;
    admin.catalog.get(product).then(
      (item) => {
        inputs.category.value = item.category;
        inputs.description.value = item.description;
        inputs.cost.value = String(item.cost);
        inputs.quantity.value = String(item.available);
        // The catalog does not show thresholds: left empty, saving keeps the product's own.
        inputs.threshold.value = '';
        inputs.category.focus();
        announce(`${item.product} loaded for editing.`);
      },
      (error: unknown) =>
        showMessage(message, 'error', error instanceof NotFoundError ? `No product called “${product}” yet: fill in the rest to add it.` : describeError(error)),
    );
  };
  load.addEventListener('click', () => (inputs.product.value ? edit(inputs.product.value) : inputs.product.focus()));
  const form = h(
    'form',
    { class: 'panel', id: 'product-form', 'aria-labelledby': 'product-form-title' },
    h('h2', { id: 'product-form-title' }, 'Add or edit a product'),
    message,
    h('div', { class: 'inline' }, field('Product name', inputs.product), load),
    field('Category', inputs.category),
    field('Description', inputs.description),
    h('div', { class: 'row' }, field('Price', inputs.cost), field('Stock', inputs.quantity), field('Low-stock threshold', inputs.threshold, 'Empty: 5 when new, else unchanged')),
    h('button', { type: 'submit' }, 'Save product'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    admin.inventory
      .put({
        product: inputs.product.value,
        category: inputs.category.value,
        description: inputs.description.value,
        cost: inputs.cost.valueAsNumber,
        quantity: inputs.quantity.valueAsNumber,
        ...(inputs.threshold.value === '' ? {} : { lowStockThreshold: inputs.threshold.valueAsNumber }),
      })
      .then(async ({ items: [saved] }) => {
        showMessage(message, 'ok', `Saved ${saved!.product}: ${saved!.quantity} in stock at ${money(saved!.cost)}.`);
        await changed();
      })
      .catch((error: unknown) => showMessage(message, 'error', describeError(error)));
  });
  return { form, edit };
}

/** Add or remove stock of one product (atomic against concurrent orders). */
function stockForm(admin: StorefrontApi, changed: () => Promise<void>): HTMLElement {
  const product = h('input', { id: 'adjust-product', required: true, list: 'product-names' });
  const delta = h('input', { id: 'adjust-delta', type: 'number', step: 1, required: true, inputmode: 'numeric' });
  const reason = h('input', { id: 'adjust-reason', maxlength: 200 });
  const message = h('div', { class: 'message', hidden: true });
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'stock-form-title' },
    h('h2', { id: 'stock-form-title' }, 'Adjust stock'),
    message,
    field('Product', product),
    h('div', { class: 'row' }, field('Change', delta, 'e.g. 10 received, -2 damaged'), field('Reason', reason)),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    admin.inventory
      .adjust(product.value, delta.valueAsNumber, reason.value ? { reason: reason.value } : {})
      .then(async (level) => {
        showMessage(message, 'ok', `${level.product} now has ${level.quantity} in stock.`);
        delta.value = '';
        await changed();
      })
      .catch((error: unknown) => showMessage(message, 'error', describeError(error)));
  });
  return form;
}

/** Start a report, then watch its status until the download link appears. */
function reportsPanel(admin: StorefrontApi, signal: AbortSignal): HTMLElement {
  const type = h('select', { id: 'report-type' }, h('option', { value: 'sales' }, 'Sales'), h('option', { value: 'inventory' }, 'Inventory'));
  const date = h('input', { id: 'report-date', type: 'date' });
  const message = h('div', { class: 'message', hidden: true });
  const jobs = h('ul', { class: 'jobs', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'reports-title' },
    h('h2', { id: 'reports-title' }, 'Reports'),
    message,
    h('div', { class: 'row' }, field('Report', type), field('Day (sales)', date, 'Empty: today')),
    h('button', { type: 'submit' }, 'Start report'),
    jobs,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = type.value === 'sales' && date.value ? { type: 'sales' as const, date: date.value } : { type: type.value as 'sales' | 'inventory' };
    admin.reports.start(request).then(
      ({ executionId }) => {
        const line = h('li', { 'data-execution-id': executionId }, `${request.type} report: PENDING`);
        jobs.prepend(line);
        announce(`The ${request.type} report is started.`);
        void watch(admin, executionId, line, signal);
      },
      (error: unknown) => showMessage(message, 'error', describeError(error)),
    );
  });
  return form;
}

async function watch(admin: StorefrontApi, executionId: string, line: HTMLElement, signal: AbortSignal): Promise<void> {
  let job: ReportJob | undefined;
  while (!signal.aborted) {
    try {
      job = await admin.reports.get(executionId);
    } catch (error) {
      line.textContent = `report ${executionId}: ${describeError(error)}`;
      return;
    }
    if (job.status === 'SUCCEEDED' || job.status === 'FAILED') break;
    line.textContent = `${job.type} report for ${job.date}: ${job.status}…`;
    await new Promise((resolve) => setTimeout(resolve, reportPollMs));
  }
  if (!job || signal.aborted) return;
  if (job.status === 'FAILED') {
    line.replaceChildren(`${job.type} report for ${job.date} failed: ${job.error ?? 'no reason given'}`);
  } else {
    line.replaceChildren(
      `${job.type} report for ${job.date}: ${job.rowCount ?? 0} rows. `,
      job.downloadUrl ? h('a', { href: job.downloadUrl, class: 'download', download: true }, 'Download CSV') : 'No download link.',
    );
  }
}

/** The most recent low-stock alerts, refreshed while the page is open. */
function alertsPanel(admin: StorefrontApi, signal: AbortSignal): HTMLElement {
  const list = h('ul', { class: 'alerts', id: 'alerts' });
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  const load = async () => {
    try {
      const { items } = await admin.alerts.recent({ limit: 20 });
      list.replaceChildren(
        ...(items.length === 0
          ? [h('li', { class: 'empty' }, 'No low-stock alerts.')]
          : items.map((alert) =>
              h('li', {}, h('strong', {}, alert.product), `: ${alert.quantity} left (threshold ${alert.threshold}) `, h('time', { datetime: alert.at }, new Date(alert.at).toLocaleString())),
            )),
      );
    } catch (error) {
      // Shown in the list, not as a focused message: a background refresh must not move focus.
      list.replaceChildren(h('li', { class: 'empty' }, describeError(error)));
    }
  };
  refresh.addEventListener('click', () => void load().then(() => announce('Alerts refreshed.')));
  const timer = setInterval(() => void load(), alertsRefreshMs);
  signal.addEventListener('abort', () => clearInterval(timer));
  void load();
  return h('section', { class: 'panel', 'aria-labelledby': 'alerts-title' }, h('div', { class: 'inline' }, h('h2', { id: 'alerts-title' }, 'Low-stock alerts'), refresh), list);
}
