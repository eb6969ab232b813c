/*
 * What `npm start` prints once the stack serves: where everything is, what was restored, and the
 * first calls to copy and paste.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localBackgroundServices } from './backgroundServices.js';
import { demoAlertOrder } from './demoCatalog.js';
import type { RestoredData } from './persistence/LocalPersistence.js';
import { stackFileOf } from './stackFile.js';
import type { LocalStack } from './startLocalStack.js';

/** What the banner tells about a running stack. */
export type BannerFacts = Pick<LocalStack, 'url' | 'endpoint' | 'startedEmulator' | 'admin' | 'seeded' | 'dataDir' | 'snapshotFile' | 'restored'> & {
  /** The region admin calls are signed for. */
  readonly region: string;
};

/** The guide a newcomer reads first. */
export const gettingStartedGuide = fileURLToPath(new URL('../../../docs/getting-started.md', import.meta.url));
/** The README, which links every guide. */
const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "restored from …: 20 products, 3 orders, …" or what happened instead. */
function dataLine(stack: BannerFacts, cwd: string): string {
  if (!stack.snapshotFile) return `lives in the given AWS endpoint${stack.seeded ? `; demo catalog seeded (${stack.seeded} products)` : ''}`;
  const kept = `kept in ${relative(cwd, stack.snapshotFile)}`;
  if (!stack.restored) return `${kept}; first start${stack.seeded ? `, demo catalog seeded (${stack.seeded} products)` : ''}`;
  return `${kept}; ${restoredText(stack.restored)}`;
}

function restoredText(restored: RestoredData): string {
  const counts = [
    plural(restored.products, 'product'),
    plural(restored.orders, 'order'),
    plural(restored.reports, 'report'),
    plural(restored.files, 'file'),
  ].join(', ');
  const { reportJobs, stockChanges } = restored.requeued;
  const requeued = [
    ...(reportJobs ? [`${plural(reportJobs, 'unfinished report')} started again`] : []),
    ...(stockChanges ? [`${plural(stockChanges, 'unchecked stock change')} checked again`] : []),
  ];
  return `restored the snapshot of ${restored.savedAt}: ${counts}${requeued.length ? `; ${requeued.join(', ')}` : ''}`;
}

/**
 * The start-up banner of `npm start`: where everything is, what was restored, and next steps to
 * copy and paste — a shopper's call, a signed admin call, the order that shows a low-stock alert on
 * a fresh demo catalog, and where the guides are. Paths are shown relative to `cwd`.
 *
 * @example
 * ```ts
 * console.log(startBanner({ ...stack, region: stack.store.config.region }));
 * ```
 */
export function startBanner(stack: BannerFacts, cwd: string = process.cwd()): string {
  const { admin } = stack;
  const where =
    admin.source === 'env'
      ? 'from STOREFRONT_ADMIN_ACCESS_KEY_ID / STOREFRONT_ADMIN_SECRET_ACCESS_KEY'
      : `${relative(cwd, admin.file!)}${admin.source === 'generated' ? ' (generated now)' : ''}`;
  const alert = demoAlertOrder();
  const orderBody = JSON.stringify({ product: alert.product, quantity: alert.quantity });
  return [
    '',
    '  Store Front is running',
    '',
    `  Storefront   ${stack.url}/`,
    `  API          ${stack.url}  (GET /catalog, POST /order, …; PORT=8080 npm start for another port)`,
    `  OpenAPI      ${stack.url}/openapi.json`,
    `  API docs     ${stack.url}/docs/api  (the OpenAPI document as a page)`,
    `  AWS (moto)   ${stack.endpoint}${stack.startedEmulator ? '  (started here)' : '  (STOREFRONT_AWS_ENDPOINT)'}`,
    `  Admin keys   ${where}`,
    `               access key id ${admin.credentials.accessKeyId}; sign admin calls with SigV4, service execute-api, region ${stack.region}`,
    `  Data         ${dataLine(stack, cwd)}`,
    `  Stack file   ${relative(cwd, stackFileOf(stack.dataDir))}  (read by npm run partner, npm run admin)`,
    `  Background   ${localBackgroundServices.map((entry) => entry.name).join('; ')}`,
    '',
    '  Next steps (copy and paste into another terminal)',
    '',
    `    curl ${stack.url}/catalog`,
    '        a shopper: the products in stock, no credentials',
    `    npm run admin -- GET /alerts`,
    "        an admin: a call signed with the stack's keys (curl --aws-sigv4 cannot sign paths with spaces)",
    `    curl -X POST ${stack.url}/order -H 'content-type: application/json' -d '${orderBody}'`,
    `        brings ${alert.product} down to its low-stock threshold on the demo catalog: an alert prints here`,
    `    Guides: ${relative(cwd, gettingStartedGuide)}, then the others linked from ${relative(cwd, readme)}`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}
