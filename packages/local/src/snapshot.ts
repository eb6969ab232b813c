import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  paginateScan,
  waitUntilTableExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { GetScheduleCommand } from '@aws-sdk/client-scheduler';
import { createTableInput, tableDefinitions, type AwsClients, type Storefront, type StorefrontConfig } from '@store-front/sdk';

/*
 * Local persistence. moto keeps everything in memory; its recorder (MOTO_ENABLE_RECORDING) replays
 * every request, including each queue poll and stream read of the background services, so a day of
 * `npm start` would take minutes to replay and re-deliver every stream record. Instead the stack
 * snapshots the state that matters — every table's items, the report files, the daily schedule —
 * and restores it into a fresh emulator before provisioning, with table streams switched on only
 * after the restore, so restored rows are history and never flow through the pipes again.
 */

/** What a snapshot holds. */
export interface Snapshot {
  readonly version: 1;
  readonly savedAt: string;
  /** Items per table, by table definition id, in DynamoDB JSON. */
  readonly tables: Record<string, Record<string, AttributeValue>[]>;
  /** Objects of the reports bucket, base64. */
  readonly reports: { readonly key: string; readonly contentType?: string; readonly body: string }[];
  readonly schedule?: { readonly expression: string; readonly timezone?: string };
}

/**
 * Writes the store's state to `file` (atomically: a temporary file renamed over the old one).
 *
 * @example
 * ```ts
 * await saveSnapshot(store, '.storefront/snapshot.json');
 * ```
 */
export async function saveSnapshot(store: { clients: AwsClients; config: StorefrontConfig }, file: string): Promise<Snapshot> {
  const { clients, config } = store;
  const tables: Snapshot['tables'] = {};
  for (const definition of tableDefinitions) {
    const items: Record<string, AttributeValue>[] = [];
    for await (const page of paginateScan({ client: clients.dynamodb }, { TableName: config.tables[definition.id] })) {
      items.push(...(page.Items ?? []));
    }
    tables[definition.id] = items;
  }
  const reports: Snapshot['reports'][number][] = [];
  for await (const page of paginateListObjectsV2({ client: clients.s3 }, { Bucket: config.buckets.reports })) {
    for (const object of page.Contents ?? []) {
      const { Body, ContentType } = await clients.s3.send(new GetObjectCommand({ Bucket: config.buckets.reports, Key: object.Key! }));
      const bytes = await Body!.transformToByteArray();
      reports.push({ key: object.Key!, ...(ContentType ? { contentType: ContentType } : {}), body: Buffer.from(bytes).toString('base64') });
    }
  }
  const { ScheduleExpression, ScheduleExpressionTimezone } = await clients.scheduler.send(
    new GetScheduleCommand({ Name: config.schedules.dailyReports, GroupName: config.schedules.group }),
  );
  const snapshot: Snapshot = {
    version: 1,
    savedAt: new Date().toISOString(),
    tables,
    reports,
    ...(ScheduleExpression
      ? { schedule: { expression: ScheduleExpression, ...(ScheduleExpressionTimezone ? { timezone: ScheduleExpressionTimezone } : {}) } }
      : {}),
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
  await rename(`${file}.tmp`, file);
  return snapshot;
}

/**
 * Reads a snapshot; `undefined` when there is none yet.
 *
 * @example
 * ```ts
 * const snapshot = await loadSnapshot('.storefront/snapshot.json');
 * ```
 */
export async function loadSnapshot(file: string): Promise<Snapshot | undefined> {
  try {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
    if (snapshot.version !== 1) throw new Error(`unsupported snapshot version ${String(snapshot.version)}`);
    return snapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the data snapshot ${file}: ${(error as Error).message}`);
  }
}

/**
 * Creates the snapshot's tables that do not exist yet and loads their items, then switches their
 * streams on. Run before `provisionResources`, which then finds the tables and leaves them be.
 *
 * @example
 * ```ts
 * await restoreTables(clients, config, snapshot);
 * await provisionResources(config);
 * await restoreAfterProvisioning(store, snapshot);
 * ```
 */
export async function restoreTables(clients: AwsClients, config: StorefrontConfig, snapshot: Snapshot): Promise<void> {
  for (const definition of tableDefinitions) {
    const items = snapshot.tables[definition.id] ?? [];
    const TableName = config.tables[definition.id];
    try {
      await clients.dynamodb.send(new DescribeTableCommand({ TableName }));
      continue; // the emulator already has it: its data is newer than the snapshot
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
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

/**
 * Puts back the report files and the daily schedule (run after provisioning, which creates the
 * bucket and a default schedule). The schedule goes through `reports.setSchedule`, so it is
 * validated and keeps every other setting of the schedule, as any change of schedule does.
 *
 * @example
 * ```ts
 * await restoreAfterProvisioning(store, snapshot);
 * ```
 */
export async function restoreAfterProvisioning(store: Storefront, snapshot: Snapshot): Promise<void> {
  const { clients, config } = store;
  for (const report of snapshot.reports) {
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.reports,
        Key: report.key,
        Body: Buffer.from(report.body, 'base64'),
        ...(report.contentType ? { ContentType: report.contentType } : {}),
      }),
    );
  }
  if (snapshot.schedule) await store.reports.setSchedule({ cron: snapshot.schedule.expression, timezone: snapshot.schedule.timezone ?? 'UTC' });
}
