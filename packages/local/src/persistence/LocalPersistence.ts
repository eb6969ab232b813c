import type { Logger } from '@aws-lambda-powertools/logger';
import type { ProvisionedResources, Storefront } from '@store-front/sdk';
import { loadSnapshot, restoreAfterProvisioning, restoreTables, saveSnapshot, snapshotFileOf, type Snapshot } from '../snapshot.js';
import { resumeWork, type ResumedWork } from './resumeWork.js';

/** What a start restored from the data snapshot, for the start-up banner. */
export interface RestoredData {
  /** When the snapshot was taken: the stack last ran then. */
  readonly savedAt: string;
  /** Products in the inventory. */
  readonly products: number;
  /** Orders placed. */
  readonly orders: number;
  /** Report jobs, whatever their status. */
  readonly reports: number;
  /** Files put back into the kept buckets (report files, image variants). */
  readonly files: number;
  /** Work that was in flight at the last stop, handed to the queues again. */
  readonly requeued: ResumedWork;
}

/** What {@link RestoredData} counts in a snapshot: everything but the work queued again. */
export function countSnapshot(snapshot: Snapshot): Omit<RestoredData, 'requeued'> {
  const orderIds = new Set(
    (snapshot.tables.orders ?? []).filter((item) => item.orderDate !== undefined).map((item) => String(item.OrderId?.S)),
  );
  const keptFiles = Object.values(snapshot.files).reduce((sum, files) => sum + (files?.length ?? 0), 0);
  return {
    savedAt: snapshot.savedAt,
    products: snapshot.tables.inventory?.length ?? 0,
    orders: orderIds.size,
    reports: snapshot.tables.reportJobs?.length ?? 0,
    files: keptFiles + (snapshot.legacyReports?.length ?? 0),
  };
}

/** Options of {@link LocalPersistence}. */
export interface LocalPersistenceOptions {
  readonly store: Storefront;
  /** The stack's own emulator (snapshots copy its tables in one request). */
  readonly endpoint: string;
  readonly dataDir: string;
  /** How often the snapshot is saved while running, in ms. */
  readonly intervalMs: number;
  readonly logger: Logger;
}

/**
 * Keeps a local stack's data across restarts (see `snapshot.ts` for what is kept): restores the last
 * snapshot around provisioning, resumes the work that was in flight, then saves 1 s after each API
 * write, every `intervalMs` (changes made in the background) and once more at stop. Saves run one
 * at a time, so an older copy never overwrites a newer one.
 *
 * @example
 * ```ts
 * const persistence = new LocalPersistence({ store, endpoint, dataDir: '.storefront', intervalMs: 30_000, logger });
 * await persistence.restoreTables();
 * const provisioned = await provisionResources(settings);
 * await persistence.restoreRest(provisioned);
 * persistence.start();
 * // …
 * await persistence.stop();
 * ```
 */
export class LocalPersistence {
  private snapshot: Snapshot | undefined;
  private restoredData: RestoredData | undefined;
  private saving: Promise<void> = Promise.resolve();
  private pending: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LocalPersistenceOptions) {}

  /** `<dataDir>/snapshot.json`. */
  get file(): string {
    return snapshotFileOf(this.options.dataDir);
  }

  /** When the restored snapshot was taken: the stack last ran then. `undefined` on a first start. */
  get restoredFrom(): Date | undefined {
    return this.snapshot ? new Date(this.snapshot.savedAt) : undefined;
  }

  /** What this start restored (set by {@link restoreRest}); `undefined` on a first start. */
  get restored(): RestoredData | undefined {
    return this.restoredData;
  }

  /** Reads the snapshot and creates its tables with their items (before provisioning). */
  async restoreTables(): Promise<void> {
    const { store, dataDir } = this.options;
    this.snapshot = await loadSnapshot(dataDir);
    if (this.snapshot) await restoreTables(store.clients, store.config, this.snapshot);
  }

  /** Puts back the kept files and the schedule, and queues the unfinished work again (after provisioning). */
  async restoreRest(provisioned: ProvisionedResources): Promise<ResumedWork | undefined> {
    const { store, dataDir } = this.options;
    if (!this.snapshot) return undefined;
    await restoreAfterProvisioning(store, this.snapshot, dataDir);
    const requeued = await resumeWork(store, provisioned, this.snapshot);
    this.restoredData = { ...countSnapshot(this.snapshot), requeued };
    return requeued;
  }

  /** Starts the periodic saves. */
  start(): void {
    this.timer = setInterval(() => void this.save(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Saves in a second (calls in between are folded into one save). */
  saveSoon(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.save(), 1_000);
  }

  /** Stops the periodic saves and writes the final snapshot. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.pending);
    await this.save();
  }

  private save(): Promise<void> {
    const { store, endpoint, dataDir, logger } = this.options;
    this.saving = this.saving
      .then(async () => {
        this.snapshot = await saveSnapshot(store, endpoint, dataDir, this.snapshot);
      })
      .catch((error: unknown) =>
        // moto may be gone already if it was stopped from outside the stack: the last snapshot is kept.
        logger.warn('snapshot failed; the last saved snapshot is kept', { error: error as Error }),
      );
    return this.saving;
  }
}
