import type { BrowserOrigins } from '@store-front/sdk/resources';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  createStorefront,
  provisionResources,
  resolveConfig,
  type AwsCredentials,
  type ProvisionedResources,
  type Storefront,
  type StorefrontConfigInput,
} from '@store-front/sdk';
import { createApiHandler } from '@store-front/handlers';
import { loadAdminCredentials, type AdminCredentials } from './adminCredentials.js';
import { loadCursorSecret } from './cursorSecret.js';
import { createLocalApiServer, type LocalApiServerOptions } from './createLocalApiServer.js';
import { demoProducts, seedDemoCatalog } from './demoCatalog.js';
import { seedSalesHistory } from './demoHistory.js';
import { seedDemoImages } from './demoImages.js';
import { startEmulator } from './emulator.js';
import { SigV4Verifier } from './SigV4Verifier.js';
import { mediaFromBucket } from './media.js';
import { LocalPersistence, type RestoredData } from './persistence/LocalPersistence.js';
import { startBackgroundServices, type Stoppable, type BackgroundService } from './backgroundServices.js';

/** Options of {@link startLocalStack}: the store's settings plus how to host it. */
export interface StartLocalStackOptions extends StorefrontConfigInput {
  /** Port on loopback; 0 picks a free one. Default `PORT`, else 3000. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /**
   * Write the demo catalog when the store is empty, and then (in the background, once the stack is up)
   * 30 days of order history and their sales reports. Default: unless `STOREFRONT_SEED=0`.
   */
  readonly seed?: boolean;
  /** With the demo catalog, also seed the 30 days of order history and their reports. Default: `seed`. */
  readonly seedHistory?: boolean;
  /** Admin credentials; default `STOREFRONT_ADMIN_*`, else kept/generated under `dataDir`. */
  readonly adminCredentials?: AwsCredentials;
  /** Where local state lives (credentials, data snapshot, kept files). Default `STOREFRONT_DATA_DIR`, else `.storefront` in the working directory. */
  readonly dataDir?: string;
  /**
   * Keep the store's data across restarts: restored from `<dataDir>/snapshot.json` at start, saved
   * every `snapshotIntervalMs`, after API writes and at stop. Default true when the stack starts its
   * own emulator (a snapshot copies the tables through it).
   */
  readonly persist?: boolean;
  /** How often the data snapshot is saved, in ms. Default 30 000. */
  readonly snapshotIntervalMs?: number;
  /**
   * How long `stop()` lets work already handed over finish — requests in progress, what the pipes
   * and queue consumers have queued — before the final snapshot, in ms. Default
   * `STOREFRONT_DRAIN_SECONDS` × 1000, else 10 000.
   */
  readonly drainTimeoutMs?: number;
  /** Background services (pipes, queue consumers, schedules, alert printer). Default: `localBackgroundServices`. Pass `[]` for none. */
  readonly backgroundServices?: readonly BackgroundService[];
  /** Structured logger of the API and the background services. Default: Powertools, level `POWERTOOLS_LOG_LEVEL` or WARN. */
  readonly logger?: Logger;
  /** Where human-readable lines (alerts, report links) go. Default `console.log`. */
  readonly print?: (line: string) => void;
  /** Files served beside the API, by path (`npm start` hands it the built storefront page). Default: none. */
  readonly pages?: LocalApiServerOptions['pages'];
}

/** A running local stack. */
export interface LocalStack {
  /** `http://127.0.0.1:<port>` — the API, `/openapi.json`, its reference page `/docs/api` and the pages it was given (`npm start`: the storefront page at `/`). */
  readonly url: string;
  /** The AWS endpoint in use (the emulator it started, or the one it was given). */
  readonly endpoint: string;
  /** True when this stack started the emulator (and stops it). */
  readonly startedEmulator: boolean;
  /** The admin credentials the API accepts: sign admin calls with them. */
  readonly admin: AdminCredentials;
  /** The store over the AWS SDK, same settings as the API's. */
  readonly store: Storefront;
  /** What provisioning found or made: queue URLs, topic and stream ARNs. */
  readonly provisioned: ProvisionedResources;
  /** Products written by the demo seed at this start (0 when the store had data). */
  readonly seeded: number;
  /** Where local state lives (`options.dataDir`, resolved). */
  readonly dataDir: string;
  /** Where the data snapshot is kept, when persistence is on. */
  readonly snapshotFile?: string;
  /** What this start restored from that snapshot; absent on a first start and without persistence. */
  readonly restored?: RestoredData;
  /**
   * Stops everything it started, draining first: the server stops taking requests and finishes those
   * in progress, the pipes and queue consumers finish what is queued (within `drainTimeoutMs`), then
   * the final snapshot is written and the emulator stopped.
   */
  stop(): Promise<void>;
}

/**
 * Starts the whole store on one machine: moto (unless an endpoint is given), provisioning from the
 * shared definitions, the demo seed, the API behind an API Gateway-compatible server with the SigV4
 * check on admin routes, and the background services. `npm start` is a thin CLI over this.
 *
 * @example
 * ```ts
 * const stack = await startLocalStack({ port: 0, seed: false });
 * const api = createStorefrontClient({ baseUrl: stack.url, credentials: stack.admin.credentials });
 * await stack.stop();
 * ```
 */
export async function startLocalStack(options: StartLocalStackOptions = {}): Promise<LocalStack> {
  const env = process.env;
  const dataDir = resolve(options.dataDir ?? (env.STOREFRONT_DATA_DIR || '.storefront'));
  const logger = options.logger ?? new Logger({ serviceName: 'storefront-local', logLevel: (env.POWERTOOLS_LOG_LEVEL as never) ?? 'WARN' });
  const print = options.print ?? ((line: string) => console.log(line));
  const drainTimeoutMs = options.drainTimeoutMs ?? Number(env.STOREFRONT_DRAIN_SECONDS ?? 10) * 1000;
  const admin = options.adminCredentials
    ? { credentials: options.adminCredentials, source: 'env' as const }
    : await loadAdminCredentials(dataDir);

  const cleanups: Cleanups = [];
  const stopAll = () => runCleanups(cleanups, Date.now() + drainTimeoutMs, logger);
  try {
    // Listening first: image URLs are absolute, so the store needs its own URL (port 0 picks one) to name /media.
    const api = await listenApi(options, admin.credentials);
    const prepared = await prepareStore({ ...options, mediaUrl: options.mediaUrl ?? `${api.url}/media` }, dataDir, logger, cleanups).catch(
      async (error: unknown) => {
        await closeGracefully(api.server, Date.now());
        throw error;
      },
    );
    const { emulator, endpoint, store, provisioned, persistence, seeded } = prepared;

    let background: Stoppable | undefined;
    cleanups.push((drainUntil) => background?.stop({ drainUntil }) ?? Promise.resolve());
    const writeListeners: Array<() => void> = persistence ? [() => persistence.saveSoon()] : [];
    api.serve(servedStore(store, logger, endpoint, writeListeners));
    cleanups.push((drainUntil) => closeGracefully(api.server, drainUntil));

    background = await startBackgroundServices(options.backgroundServices, {
      store,
      provisioned,
      logger,
      print,
      onWrite: (listener) => writeListeners.push(listener),
      ...(persistence?.restoredFrom ? { missedSince: persistence.restoredFrom } : {}),
    });
    if (seeded > 0) seedDemoExtrasInBackground(store, options, logger, cleanups);

    return {
      url: api.url,
      endpoint,
      startedEmulator: emulator !== undefined,
      admin,
      store,
      provisioned,
      seeded,
      dataDir,
      ...(persistence ? { snapshotFile: persistence.file } : {}),
      ...(persistence?.restored ? { restored: persistence.restored } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

type Cleanups = Array<(drainUntil: number) => Promise<void>>;

/**
 * The demo's sales history and pictures, seeded after the banner, not before it: start-up time stays
 * what it was. The pictures go up the way the admin page uploads them; a stop waits for both.
 */
function seedDemoExtrasInBackground(store: Storefront, options: StartLocalStackOptions, logger: Logger, cleanups: Cleanups): void {
  if (options.seedHistory !== false) {
    const history = seedSalesHistory(store).catch((error: unknown) => logger.warn('demo history not seeded', { error: error as Error }));
    cleanups.push(() => history.then(() => undefined));
  }
  const pictures = seedDemoImages(store, demoProducts).catch((error: unknown) => logger.warn('demo pictures not uploaded', { error: error as Error }));
  cleanups.push(async () => void (await pictures));
}

/** Runs the stop steps in reverse order of registration: the server, the background services, the final snapshot, the emulator. */
async function runCleanups(cleanups: Cleanups, drainUntil: number, logger: Logger): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup(drainUntil);
    } catch (error) {
      logger.error('stop step failed', { error: error as Error });
    }
  }
}

/** The emulator (unless an endpoint is given), the store restored from its snapshot and provisioned, the seed. */
async function prepareStore(options: StartLocalStackOptions, dataDir: string, logger: Logger, cleanups: Cleanups) {
  const env = process.env;
  const given = resolveConfig(options).endpoint;
  const emulator = given === undefined ? await startEmulator() : undefined;
  if (emulator) cleanups.push(() => emulator.stop());
  const endpoint = given ?? emulator!.endpoint;
  const cursorSecret = options.cursorSecret ?? (await loadCursorSecret(dataDir));
  const settings: StorefrontConfigInput = { ...options, endpoint, cursorSecret };
  const store = createStorefront(settings);

  const persistence =
    (options.persist ?? emulator !== undefined)
      ? new LocalPersistence({ store, endpoint, dataDir, intervalMs: options.snapshotIntervalMs ?? 30_000, logger })
      : undefined;
  await persistence?.restoreTables();
  const provisioned = await provisionResources({ ...settings, clients: store.clients });
  const resumed = await persistence?.restoreRest(provisioned);
  if (resumed?.reportJobs || resumed?.stockChanges) logger.info('work in flight at the last stop queued again', { ...resumed });
  const seeded = (options.seed ?? env.STOREFRONT_SEED !== '0') ? await seedDemoCatalog(store) : 0;
  if (persistence) {
    persistence.start();
    cleanups.push(() => persistence.stop());
  }
  return { emulator, endpoint, store, provisioned, persistence, seeded };
}

/** The store's API, its media and its write listeners, as the API server serves them. */
function servedStore(store: Storefront, logger: Logger, endpoint: string, writeListeners: ReadonlyArray<() => void>): Served {
  return {
    handler: createApiHandler({ store, logger }),
    media: mediaFromBucket(store),
    onWrite: () => writeListeners.forEach((listener) => listener()),
    // The admin page uploads pictures straight to the emulator's S3 (a presigned POST), as to S3 in AWS.
    browserOrigins: { upload: [new URL(endpoint).origin] },
  };
}

/** What the API server serves once the store is up. */
type Served = Pick<LocalApiServerOptions, 'handler' | 'media' | 'onWrite'> & { readonly browserOrigins: BrowserOrigins };

/**
 * The API server, listening before the store exists (requests wait until `serve` is called), so the
 * store can be told its own URL.
 */
async function listenApi(options: StartLocalStackOptions, credentials: AwsCredentials) {
  let serve: (served: Served) => void = () => undefined;
  let browserOrigins: BrowserOrigins = {};
  const ready = new Promise<Served>((resolve) => (serve = resolve)).then((served) => {
    browserOrigins = served.browserOrigins;
    return served;
  });
  const server = createLocalApiServer({
    handler: async (event, context) => (await ready).handler(event, context),
    media: async (key) => (await ready).media?.(key),
    onWrite: () => void ready.then((served) => served.onWrite?.()),
    verifier: new SigV4Verifier({ credentials, region: resolveConfig(options).region }),
    browserOrigins: () => browserOrigins,
    ...(options.pages ? { pages: options.pages } : {}),
  });
  server.listen(options.port ?? Number(process.env.PORT ?? 3000), options.host ?? '127.0.0.1');
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, serve };
}

/** Stops taking requests, lets those in progress finish until `drainUntil`, then drops every connection. */
async function closeGracefully(server: Server, drainUntil: number): Promise<void> {
  let closed = false;
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  void done.then(() => (closed = true));
  // A keep-alive connection turns idle when its request is answered: close it then, not at its timeout.
  while (!closed && Date.now() < drainUntil) {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  server.closeAllConnections();
  await done;
}
