import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  waitUntilTableExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import {
  createTableInput,
  crossesThreshold,
  readStockChange,
  tableDefinitions,
  type AwsClients,
  type Storefront,
  type StorefrontConfig,
} from '@store-front/sdk';
import { copyTablesAtOnce, toAttributeValues, type JsonItem, type JsonStreamRecord } from './persistence/copyTables.js';
import { KeptFiles, type KeptFile } from './persistence/KeptFiles.js';

/*
 * Local persistence. moto keeps everything in memory; its recorder (MOTO_ENABLE_RECORDING) replays
 * every request, including each queue poll and stream read of the background services, so a day of
 * `npm start` would take minutes to replay and re-deliver every stream record. Instead the stack
 * snapshots the state that matters — every table's items (copied at one moment), the stock changes
 * not yet checked for alerts, the files of the kept buckets, the daily schedule — and restores it into
 * a fresh emulator before provisioning, with table streams switched on only after the restore, so
 * restored rows are history and never flow through the pipes again. Work that was in flight (report
 * jobs not finished, stock changes not checked) is handed to the queues again by `resumeWork`.
 */

/** Buckets whose objects are kept across restarts, each as files under `<dataDir>/files/<bucket id>/`. */
export const keptBuckets: readonly (keyof StorefrontConfig['buckets'])[] = ['reports'];

/** What a snapshot holds (`<dataDir>/snapshot.json`; the kept files live beside it). */
export interface Snapshot {
  readonly version: 2;
  /** When it was taken: the stack was running then (a schedule due later was missed). */
  readonly savedAt: string;
  /** Items per table, by table definition id, in DynamoDB JSON. */
  readonly tables: Record<string, JsonItem[]>;
  /** Inventory stream records that cross a threshold and whose alert was not sent when the copy was taken. */
  readonly uncheckedStockChanges: JsonStreamRecord[];
  /** The kept files, by bucket id. */
  readonly files: Partial<Record<string, KeptFile[]>>;
  readonly schedule?: { readonly expression: string; readonly timezone?: string };
  /** Report files of a version 1 snapshot (base64), put back once and then kept as files. */
  readonly legacyReports?: readonly { readonly key: string; readonly contentType?: string; readonly body: string }[];
}

/** Where a snapshot is kept. */
export function snapshotFileOf(dataDir: string): string {
  return join(dataDir, 'snapshot.json');
}

function keptFiles(store: Pick<Storefront, 'clients' | 'config'>, dataDir: string, bucket: keyof StorefrontConfig['buckets']): KeptFiles {
  return new KeptFiles(store.clients.s3, store.config.buckets[bucket], join(dataDir, 'files', bucket));
}

/**
 * Writes the store's state under `dataDir`: the tables copied at one moment (see `copyTablesAtOnce`),
 * then the kept buckets' new files, then `snapshot.json` (atomically: a temporary file renamed over
 * the old one), then files no longer in a bucket are removed. A crash at any step leaves the previous
 * snapshot whole. Pass the previous snapshot so unchanged files are not downloaded again.
 *
 * @example
 * ```ts
 * let snapshot = await loadSnapshot('.storefront');
 * snapshot = await saveSnapshot(store, endpoint, '.storefront', snapshot);
 * ```
 */
export async function saveSnapshot(
  store: Pick<Storefront, 'clients' | 'config'>,
  endpoint: string,
  dataDir: string,
  previous?: Snapshot,
): Promise<Snapshot> {
  const { config } = store;
  const names = tableDefinitions.map((definition) => config.tables[definition.id]);
  const copy = await copyTablesAtOnce(endpoint, config.region, names, [config.tables.inventory]);
  const tables = Object.fromEntries(tableDefinitions.map((definition) => [definition.id, copy.tables[config.tables[definition.id]] ?? []]));
  // Files after tables: a job the copy shows SUCCEEDED has its file in the bucket by now.
  const files: Record<string, KeptFile[]> = {};
  for (const bucket of keptBuckets) files[bucket] = await keptFiles(store, dataDir, bucket).save(previous?.files[bucket]);
  const { ScheduleExpression, ScheduleExpressionTimezone } = await store.clients.scheduler.send(
    new GetScheduleCommand({ Name: config.schedules.dailyReports, GroupName: config.schedules.group }),
  );
  const snapshot: Snapshot = {
    version: 2,
    savedAt: new Date().toISOString(),
    tables,
    uncheckedStockChanges: uncheckedStockChanges(copy.streams[config.tables.inventory] ?? [], tables.alertLog ?? []),
    files,
    ...(ScheduleExpression
      ? { schedule: { expression: ScheduleExpression, ...(ScheduleExpressionTimezone ? { timezone: ScheduleExpressionTimezone } : {}) } }
      : {}),
  };
  const file = snapshotFileOf(dataDir);
  await mkdir(dataDir, { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
  await rename(`${file}.tmp`, file);
  for (const bucket of keptBuckets) await keptFiles(store, dataDir, bucket).prune(files[bucket]!);
  return snapshot;
}

/** Stream records that cross a threshold and have no sent alert in the alert log of the same copy. */
function uncheckedStockChanges(records: readonly JsonStreamRecord[], alertLog: readonly JsonItem[]): JsonStreamRecord[] {
  const sent = new Set(alertLog.filter((item) => item.status?.S === 'sent').map((item) => item.alertId?.S));
  return records.filter((record) => {
    if (sent.has(record.eventID)) return false;
    try {
      const change = readStockChange(record);
      return change !== undefined && crossesThreshold(change.before, change.after);
    } catch {
      return false; // not a stock change the checker would act on
    }
  });
}

/**
 * Reads the snapshot under `dataDir`; `undefined` when there is none yet. A version 1 snapshot (report
 * files inline) is read too.
 *
 * @example
 * ```ts
 * const snapshot = await loadSnapshot('.storefront');
 * ```
 */
export async function loadSnapshot(dataDir: string): Promise<Snapshot | undefined> {
  const file = snapshotFileOf(dataDir);
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Snapshot | (Omit<Snapshot, 'version'> & { version: 1; reports: Snapshot['legacyReports'] });
    if (saved.version === 2) return saved;
    if (saved.version === 1) return { ...saved, version: 2, uncheckedStockChanges: [], files: {}, legacyReports: saved.reports ?? [] };
    throw new Error(`unsupported snapshot version ${String((saved as { version: unknown }).version)}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the data snapshot ${file}: ${(error as Error).message}`);
  }
}

/**
 * Creates the snapshot's tables that do not exist yet and loads their items, then switches their
 * streams on. Run before `provisionResources`, which then finds the tables and leaves them be. A
 * report job that was RUNNING is loaded PENDING: the worker that ran it is gone (`resumeWork` queues it).
 *
 * @example
 * ```ts
 * await restoreTables(clients, config, snapshot);
 * await provisionResources(config);
 * await restoreAfterProvisioning(store, snapshot, '.storefront');
 * ```
 */
export async function restoreTables(clients: AwsClients, config: StorefrontConfig, snapshot: Snapshot): Promise<void> {
  for (const definition of tableDefinitions) {
    const TableName = config.tables[definition.id];
    try {
      await clients.dynamodb.send(new DescribeTableCommand({ TableName }));
      continue; // the emulator already has it: its data is newer than the snapshot
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const stored = snapshot.tables[definition.id] ?? [];
    const items = (definition.id === 'reportJobs' ? stored.map(interruptedJobAsPending) : stored).map(toAttributeValues);
    const { StreamSpecification, ...withoutStream } = createTableInput(TableName, definition);
    await clients.dynamodb.send(new CreateTableCommand(withoutStream));
    await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 60, minDelay: 1 }, { TableName });
    for (let start = 0; start < items.length; start += 25) {
      let pending: Record<string, { PutRequest: { Item: Record<string, AttributeValue> } }[]> | undefined = {
        [TableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      while (pending && Object.keys(pending).length > 0) {
        const { UnprocessedItems } = await clients.dynamodb.send(new BatchWriteItemCommand({ RequestItems: pending }));
        pending = UnprocessedItems as typeof pending;
      }
    }
    if (StreamSpecification) await clients.dynamodb.send(new UpdateTableCommand({ TableName, StreamSpecification }));
  }
}

function interruptedJobAsPending(item: JsonItem): JsonItem {
  if (item.status?.S !== 'RUNNING') return item;
  const { claimToken: _claimToken, startedAt: _startedAt, ...rest } = item;
  return { ...rest, status: { S: 'PENDING' } };
}

/**
 * Puts back the kept files and the daily schedule (run after provisioning, which creates the buckets
 * and a default schedule). The schedule goes through `reports.setSchedule`, so it is validated and
 * keeps every other setting of the schedule, as any change of schedule does.
 *
 * @example
 * ```ts
 * await restoreAfterProvisioning(store, snapshot, '.storefront');
 * ```
 */
export async function restoreAfterProvisioning(store: Storefront, snapshot: Snapshot, dataDir: string): Promise<void> {
  for (const bucket of keptBuckets) await keptFiles(store, dataDir, bucket).restore(snapshot.files[bucket] ?? []);
  for (const report of snapshot.legacyReports ?? []) {
    await store.clients.s3.send(
      new PutObjectCommand({
        Bucket: store.config.buckets.reports,
        Key: report.key,
        Body: Buffer.from(report.body, 'base64'),
        ...(report.contentType ? { ContentType: report.contentType } : {}),
      }),
    );
  }
  if (snapshot.schedule) await store.reports.setSchedule({ cron: snapshot.schedule.expression, timezone: snapshot.schedule.timezone ?? 'UTC' });
}
