import type { ReportJob, StorefrontApi } from '@store-front/sdk/http';
import { announce, h } from './dom.js';
import { describeError } from './view.js';

/**
 * The report history (newest first) with a download button per succeeded report: the button asks
 * for a fresh presigned link (valid 15 minutes) and puts it in its place. An expired report says so.
 */
export function reportHistoryPanel(admin: StorefrontApi): HTMLElement {
  const body = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show older reports');
  const message = h('p', { class: 'muted', hidden: true });
  let cursor: string | undefined;
  const load = async () => {
    try {
      const page = await admin.reports.list({ limit: 20, ...(cursor ? { cursor } : {}) });
      body.append(...page.items.map((job) => row(admin, job)));
      cursor = page.nextCursor ?? undefined;
      more.hidden = !cursor;
      if (body.childElementCount === 0) Object.assign(message, { hidden: false, textContent: 'No reports yet.' });
    } catch (error) {
      Object.assign(message, { hidden: false, textContent: describeError(error) });
    }
  };
  more.addEventListener('click', () => void load());
  void load();
  const head = ['Report', 'Day', 'Status', 'Rows', 'File'].map((name) => h('th', { scope: 'col', class: name === 'Rows' ? 'number' : undefined }, name));
  return h(
    'section',
    { class: 'panel wide', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'Report history'),
    message,
    h('div', { class: 'table-scroll' }, h('table', { id: 'report-history' }, h('thead', {}, h('tr', {}, ...head)), body)),
    more,
  );
}

function row(admin: StorefrontApi, job: ReportJob): HTMLTableRowElement {
  const file = h('td', {});
  if (job.expired) file.append('Expired (past the retention)');
  else if (job.status === 'SUCCEEDED') file.append(downloadButton(admin, job, file));
  else file.append(job.status === 'FAILED' ? job.error ?? 'Failed' : '–');
  return h(
    'tr',
    { 'data-execution-id': job.executionId },
    h('th', { scope: 'row' }, job.type === 'sales' ? 'Sales' : 'Inventory'),
    h('td', {}, job.date),
    h('td', {}, job.status),
    h('td', { class: 'number' }, job.rowCount ?? ''),
    file,
  );
}

function downloadButton(admin: StorefrontApi, job: ReportJob, cell: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'link', 'aria-label': `Download the ${job.type} report of ${job.date}` }, 'Download CSV');
  button.addEventListener('click', () => {
    button.disabled = true;
    admin.reports.get(job.executionId).then(
      (fresh) => {
        if (!fresh.downloadUrl) {
          cell.replaceChildren(fresh.expired ? 'Expired (past the retention)' : 'No file');
          return;
        }
        // The presigned link (valid 15 minutes) replaces the button and takes the focus; it opens in a
        // new tab, so the dashboard stays where it is.
        const link = h('a', { href: fresh.downloadUrl, class: 'download', target: '_blank', rel: 'noopener' }, `Open the CSV (${job.date})`);
        cell.replaceChildren(link);
        link.focus();
        announce(`The ${job.type} report of ${job.date} is ready to open.`);
      },
      (error: unknown) => {
        button.disabled = false;
        cell.append(` ${describeError(error)}`);
      },
    );
  });
  return button;
}
