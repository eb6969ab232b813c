/*
 * `npm start`: the whole store on one machine (see docs/local-development.md). A thin CLI over
 * startLocalStack: settings come from the environment, Ctrl-C stops everything it started.
 */
import { relative } from 'node:path';
import { buildStorefrontWeb } from '@store-front/storefront-web/build';
import { localBackgroundServices } from './backgroundServices.js';
import { stackFileOf, writeStackFile } from './stackFile.js';
import { startLocalStack, type LocalStack } from './startLocalStack.js';
import { watchParent } from './watchParent.js';

/** The start-up banner: where everything is. */
function banner(stack: LocalStack): string {
  const { admin } = stack;
  const where =
    admin.source === 'env'
      ? 'from STOREFRONT_ADMIN_ACCESS_KEY_ID / STOREFRONT_ADMIN_SECRET_ACCESS_KEY'
      : `${relative(process.cwd(), admin.file!)}${admin.source === 'generated' ? ' (generated now)' : ''}`;
  return [
    '',
    '  Store Front is running',
    '',
    `  Storefront   ${stack.url}/`,
    `  API          ${stack.url}  (GET /catalog, POST /order, …)`,
    `  OpenAPI      ${stack.url}/openapi.json`,
    `  API docs     ${stack.url}/docs/api  (the OpenAPI document as a page)`,
    `  AWS (moto)   ${stack.endpoint}${stack.startedEmulator ? '  (started here)' : '  (STOREFRONT_AWS_ENDPOINT)'}`,
    `  Admin keys   ${where}`,
    `               access key id ${admin.credentials.accessKeyId}; sign admin calls with SigV4, service execute-api, region ${stack.store.config.region}`,
    `  Data         ${stack.snapshotFile ? `kept in ${relative(process.cwd(), stack.snapshotFile)}` : 'lives in the given AWS endpoint'}${stack.seeded ? `; demo catalog seeded (${stack.seeded} products)` : ''}`,
    `  Stack file   ${relative(process.cwd(), stackFileOf(stack.dataDir))}  (read by npm run partner, npm run admin)`,
    `  Background   ${localBackgroundServices.map((entry) => entry.name).join('; ')}`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  // Whatever ends us — Ctrl-C, a process manager's TERM, a closed terminal's HUP, or npm (our parent)
  // killed outright — everything stops the same way: drain, final snapshot, emulator down, port free.
  let stack: LocalStack | undefined;
  let stopRequested: string | undefined;
  let removeStackFile = async () => undefined as void;
  const shutdown = (reason: string) => {
    if (stopRequested) return;
    stopRequested = reason;
    if (!stack) return; // still starting: stopped as soon as it is up
    console.log(`\n${reason}: stopping…`);
    Promise.all([removeStackFile(), stack.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  watchParent(() => shutdown('parent process gone'));

  const pages = Object.fromEntries(await buildStorefrontWeb());
  stack = await startLocalStack({ backgroundServices: localBackgroundServices, pages });
  removeStackFile = await writeStackFile(stack.dataDir, {
    version: 1,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    apiUrl: stack.url,
    awsEndpoint: stack.endpoint,
    region: stack.store.config.region,
    prefix: stack.store.config.prefix,
    ...(stack.admin.file ? { adminCredentialsFile: stack.admin.file } : {}),
  });
  console.log(banner(stack));
  if (stopRequested) {
    const reason = stopRequested;
    stopRequested = undefined;
    shutdown(reason);
  }
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
