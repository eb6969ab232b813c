import { Logger } from '@aws-lambda-powertools/logger';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createStorefront } from '@store-front/sdk';
import { describe, expect, it, vi } from 'vitest';
import { failS3 } from '../../sdk/tests/reportsSupport.js';
import { createTestStore } from '../../sdk/tests/support.js';
import { createReportWorkerHandler } from '../src/reportWorker.js';
import { createScheduledReportHandler } from '../src/scheduledReport.js';
import { pipeMessageFor, sqsEvent } from './reportPipe.js';

const logger = new Logger({ serviceName: 'scheduled-report-test', logLevel: 'SILENT' });

describe('scheduled report handler', () => {
  it("starts yesterday's sales and today's inventory in the store time zone, once per day however often it runs", async () => {
    const t = await createTestStore();
    const tokyo = createStorefront({ ...t.settings, clients: t.clients, timezone: 'Asia/Tokyo' });
    // 00:15 on 2024-05-02 in Tokyo is 15:15 on 2024-05-01 UTC.
    const handler = createScheduledReportHandler({ store: tokyo, logger, now: () => new Date('2024-05-01T15:15:00Z') });

    // The inventory snapshot is of now, whatever the scheduled day: it is named after today.
    const inventoryId = `daily-inventory-${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date())}`;
    const first = await handler({ source: 'daily-reports' });
    expect(first.jobs).toEqual([
      { executionId: 'daily-sales-2024-05-01', status: 'PENDING' },
      { executionId: inventoryId, status: 'PENDING' },
    ]);
    expect(first.retried).toEqual([]);
    expect(await tokyo.reports.get('daily-sales-2024-05-01')).toMatchObject({ type: 'sales', date: '2024-05-01' });

    // The jobs run, then the schedule fires again for the same day (a retry, or a manual run).
    const worker = createReportWorkerHandler({ store: tokyo, logger });
    const messages = await Promise.all(first.jobs.map((job) => pipeMessageFor(t.clients, t.config, job.executionId)));
    await worker(sqsEvent(t.config, messages));
    const completed = await tokyo.reports.get('daily-sales-2024-05-01');
    expect(completed.status).toBe('SUCCEEDED');

    const second = await handler({ source: 'daily-reports' });
    expect(second.jobs).toEqual([
      { executionId: 'daily-sales-2024-05-01', status: 'SUCCEEDED' },
      { executionId: inventoryId, status: 'SUCCEEDED' },
    ]);
    const { Items = [] } = await t.clients.documents.send(new ScanCommand({ TableName: t.config.tables.reportJobs }));
    expect(Items).toHaveLength(2);
    // The finished job was not touched by the second run.
    expect(await tokyo.reports.get('daily-sales-2024-05-01')).toMatchObject({
      status: 'SUCCEEDED',
      completedAt: completed.completedAt,
      s3: completed.s3,
    });

    // The scheduled time in the event wins over the clock.
    const late = await handler({ source: 'daily-reports', scheduledTime: '2024-05-02T15:15:00Z' });
    expect(late.jobs.map((job) => job.executionId)).toEqual(['daily-sales-2024-05-02', inventoryId]);
  });

  it('retries the previous days\' FAILED daily sales reports at the next run, once per run, bounded; a daily failure raises the alarm line', async () => {
    const t = await createTestStore();
    const handler = createScheduledReportHandler({ store: t.store, logger, now: () => new Date('2024-06-10T00:15:00Z') });
    const alarms: unknown[] = [];
    const alarmLogger = new Logger({ serviceName: 'report-worker-test', logLevel: 'SILENT' });
    vi.spyOn(alarmLogger, 'error').mockImplementation((message, ...extra) => void alarms.push({ message, ...(extra[0] as object) }));
    const worker = createReportWorkerHandler({ store: t.store, logger: alarmLogger });

    // The run of 2024-06-09 started the sales report of 2024-06-08, and S3 failed while it ran.
    const day = await createScheduledReportHandler({ store: t.store, logger, now: () => new Date('2024-06-09T00:15:00Z') })({});
    let s3Down = true;
    failS3(t.clients, ['PutObjectCommand', 'CreateMultipartUploadCommand', 'UploadPartCommand'], () => s3Down);
    await worker(sqsEvent(t.config, [await pipeMessageFor(t.clients, t.config, day.jobs[0]!.executionId)]));
    expect(await t.store.reports.get('daily-sales-2024-06-08')).toMatchObject({ status: 'FAILED' });
    expect(alarms).toEqual([
      expect.objectContaining({ message: 'Daily report failed', alarm: 'DailyReportFailed', executionId: 'daily-sales-2024-06-08', type: 'sales', date: '2024-06-08' }),
    ]);

    // The next run starts it again with the next deterministic id; running twice starts it once.
    const next = await handler({});
    expect(next.retried).toEqual([
      { executionId: 'daily-sales-2024-06-08-retry-1', type: 'sales', date: '2024-06-08', status: 'PENDING', retryOf: 'daily-sales-2024-06-08' },
    ]);
    expect((await handler({})).retried).toEqual([]);
    s3Down = false;
    await worker(sqsEvent(t.config, [await pipeMessageFor(t.clients, t.config, 'daily-sales-2024-06-08-retry-1')]));
    expect(await t.store.reports.get('daily-sales-2024-06-08-retry-1')).toMatchObject({ status: 'SUCCEEDED', date: '2024-06-08' });
    expect((await handler({})).retried).toEqual([]);

    // Bounded: a failure older than the window is left alone, and a day is tried at most 4 times.
    await putFailedJob(t, 'daily-sales-2024-06-01', '2024-06-01');
    for (const id of ['daily-sales-2024-06-07', 'daily-sales-2024-06-07-retry-1', 'daily-sales-2024-06-07-retry-2', 'daily-sales-2024-06-07-retry-3']) {
      await putFailedJob(t, id, '2024-06-07');
    }
    expect((await handler({})).retried).toEqual([]);
  });
});

/** Records a daily sales job that FAILED, as the worker leaves it. */
async function putFailedJob(t: Awaited<ReturnType<typeof createTestStore>>, executionId: string, date: string): Promise<void> {
  await t.clients.documents.send(
    new PutCommand({
      TableName: t.config.tables.reportJobs,
      Item: { executionId, type: 'sales', date, timeZone: 'UTC', status: 'FAILED', createdAt: `${date}T00:15:00.000Z`, error: 'injected' },
    }),
  );
}
