import { once } from 'node:events';
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
import { seedDemoCatalog } from './demoCatalog.js';
import { startEmulator } from './emulator.js';
import { SigV4Verifier } from './SigV4Verifier.js';
import { loadSnapshot, restoreAfterProvisioning, restoreTables, saveSnapshot } from './snapshot.js';
import { startBackgroundServices, type Stoppable, type BackgroundService } from './backgroundServices.js';

/** Options of {@link startLocalStack}: the store's settings plus how to host it. */
export interface StartLocalStackOptions extends StorefrontConfigInput {
  /** Port on loopback; 0 picks a free one. Default `PORT`, else 3000. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Write the demo catalog when the store is empty. Default: unless `STOREFRONT_SEED=0`. */
  readonly seed?: boolean;
  /** Admin credentials; default `STOREFRONT_ADMIN_*`, else kept/generated under `dataDir`. */
  readonly adminCredentials?: AwsCredentials;
  /** Where local state lives (credentials, data snapshot). Default `.storefront` in the working directory. */
  readonly dataDir?: string;
  /**
   * Keep the store's data across restarts: restored from `<dataDir>/snapshot.json` at start, saved
   * every `snapshotIntervalMs` and at stop. Default true when the stack starts its own emulator.
   */
  readonly persist?: boolean;
  /** How often the data snapshot is saved, in ms. Default 30 000. */
  readonly snapshotIntervalMs?: number;
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
  /** `http://127.0.0.1:<port>` — the API, `/openapi.json` and the pages it was given (`npm start`: the storefront page at `/`). */
  readonly url: string;
  /** The AWS endpoint in use (the emulator it started, or the one it was given). */
  readonly endpoint: string;
  /** True when this stack started the emulator (and stops it). */
  readonly startedEmulator: boolean;
  readonly admin: AdminCredentials;
  /** The store over the AWS SDK, same settings as the API's. */
  readonly store: Storefront;
  readonly provisioned: ProvisionedResources;
  /** Products written by the demo seed at this start (0 when the store had data). */
  readonly seeded: number;
  /** Where the data snapshot is kept, when persistence is on. */
  readonly snapshotFile?: string;
  /** Stops everything it started: background services, the server, a final snapshot, the emulator. */
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
  const dataDir = resolve(options.dataDir ?? '.storefront');
  const logger = options.logger ?? new Logger({ serviceName: 'storefront-local', logLevel: (env.POWERTOOLS_LOG_LEVEL as never) ?? 'WARN' });
  const print = options.print ?? ((line: string) => console.log(line));
  const admin = options.adminCredentials
    ? { credentials: options.adminCredentials, source: 'env' as const }
    : await loadAdminCredentials(dataDir);

  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error('stop step failed', { error: error as Error });
      }
    }
  };
  try {
    const given = resolveConfig(options).endpoint;
    const emulator = given === undefined ? await startEmulator() : undefined;
    if (emulator) cleanups.push(() => emulator.stop());
    const endpoint = given ?? emulator!.endpoint;
    const cursorSecret = options.cursorSecret ?? (await loadCursorSecret(dataDir));
    const settings: StorefrontConfigInput = { ...options, endpoint, cursorSecret };

    const persist = options.persist ?? emulator !== undefined;
    const snapshotFile = persist ? resolve(dataDir, 'snapshot.json') : undefined;
    const store = createStorefront(settings);
    const snapshot = snapshotFile ? await loadSnapshot(snapshotFile) : undefined;
    if (snapshot) await restoreTables(store.clients, store.config, snapshot);
    const provisioned = await provisionResources({ ...settings, clients: store.clients });
    if (snapshot) await restoreAfterProvisioning(store, snapshot);
    const seeded = (options.seed ?? env.STOREFRONT_SEED !== '0') ? await seedDemoCatalog(store) : 0;

    // Saved after writes (debounced) and periodically (background changes), so little is lost when
    // the emulator dies with the terminal's Ctrl-C before the final save at stop.
    let saveSoon: (() => void) | undefined;
    if (snapshotFile) {
      let pending: NodeJS.Timeout | undefined;
      let saving = Promise.resolve();
      const save = () => {
        saving = saving
          .then(() => saveSnapshot(store, snapshotFile))
          .then(
            () => undefined,
            (error: unknown) => logger.warn('snapshot failed', { error: error as Error }),
          );
        return saving;
      };
      saveSoon = () => {
        clearTimeout(pending);
        pending = setTimeout(() => void save(), 1_000);
      };
      const timer = setInterval(() => void save(), options.snapshotIntervalMs ?? 30_000);
      timer.unref();
      cleanups.push(async () => {
        clearInterval(timer);
        clearTimeout(pending);
        await saving;
        await saveSnapshot(store, snapshotFile).catch(() =>
          // moto may be gone already if it was stopped from outside the stack.
          logger.warn('final snapshot skipped: the emulator has already stopped; the last saved snapshot is kept'),
        );
      });
    }

    const server = createLocalApiServer({
      handler: createApiHandler({ store, logger }),
      verifier: new SigV4Verifier({ credentials: admin.credentials, region: store.config.region }),
      ...(options.pages ? { pages: options.pages } : {}),
      ...(saveSoon ? { onWrite: saveSoon } : {}),
    });
    server.listen(options.port ?? Number(env.PORT ?? 3000), options.host ?? '127.0.0.1');
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
    cleanups.push(
      () =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
    );
    const { port } = server.address() as AddressInfo;

    const background: Stoppable = await startBackgroundServices(options.backgroundServices, { store, provisioned, logger, print });
    cleanups.push(() => background.stop());

    return {
      url: `http://127.0.0.1:${port}`,
      endpoint,
      startedEmulator: emulator !== undefined,
      admin,
      store,
      provisioned,
      seeded,
      ...(snapshotFile ? { snapshotFile } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
