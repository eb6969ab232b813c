import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createStorefront } from '@store-front/sdk';
import { describe, expect, it } from 'vitest';
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

    const first = await handler({ source: 'daily-reports' });
    expect(first.jobs).toEqual([
      { executionId: 'daily-sales-2024-05-01', status: 'PENDING' },
      { executionId: 'daily-inventory-2024-05-02', status: 'PENDING' },
    ]);
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
      { executionId: 'daily-inventory-2024-05-02', status: 'SUCCEEDED' },
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
    expect(late.jobs.map((job) => job.executionId)).toEqual(['daily-sales-2024-05-02', 'daily-inventory-2024-05-03']);
  });
});
