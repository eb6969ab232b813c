/*
 * `npm start`: the whole store on one machine (see docs/local-development.md). A thin CLI over
 * startLocalStack: settings come from the environment, Ctrl-C stops everything it started.
 */
import { relative } from 'node:path';
import { buildStorefrontWeb } from '@store-front/storefront-web/build';
import { localBackgroundServices } from './backgroundServices.js';
import { startLocalStack, type LocalStack } from './startLocalStack.js';

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
    `  AWS (moto)   ${stack.endpoint}${stack.startedEmulator ? '  (started here)' : '  (STOREFRONT_AWS_ENDPOINT)'}`,
    `  Admin keys   ${where}`,
    `               access key id ${admin.credentials.accessKeyId}; sign admin calls with SigV4, service execute-api, region ${stack.store.config.region}`,
    `  Data         ${stack.snapshotFile ? `kept in ${relative(process.cwd(), stack.snapshotFile)}` : 'lives in the given AWS endpoint'}${stack.seeded ? `; demo catalog seeded (${stack.seeded} products)` : ''}`,
    `  Background   ${localBackgroundServices.map((entry) => entry.name).join('; ')}`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const pages = Object.fromEntries(await buildStorefrontWeb());
  const stack = await startLocalStack({ backgroundServices: localBackgroundServices, pages });
  console.log(banner(stack));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
