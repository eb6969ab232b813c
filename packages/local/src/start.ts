/*
 * `npm start`: the whole store on one machine (see docs/local-development.md). A thin CLI over
 * startLocalStack: settings come from the environment, Ctrl-C stops everything it started.
 */
import { buildStorefrontWeb } from '@store-front/storefront-web/build';
import { localBackgroundServices } from './backgroundServices.js';
import { startBanner } from './banner.js';
import { writeStackFile } from './stackFile.js';
import { startLocalStack, type LocalStack } from './startLocalStack.js';
import { watchParent } from './watchParent.js';

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
  console.log(startBanner({ ...stack, region: stack.store.config.region }));
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
