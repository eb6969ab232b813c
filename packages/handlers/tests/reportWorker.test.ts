import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsClients } from '@store-front/sdk';
import { ReportWorker } from '@store-front/sdk/workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, product } from '../../sdk/tests/support.js';
import { failS3, parseCsv, readObject } from '../../sdk/tests/reportsSupport.js';
import { createReportWorkerHandler } from '../src/reportWorker.js';
import { pipeMessageFor, sqsEvent } from './reportPipe.js';

type TestStore = Awaited<ReturnType<typeof createTestStore>>;
let t: TestStore;
const logger = new Logger({ serviceName: 'report-worker-test', logLevel: 'SILENT' });

beforeAll(async () => {
  t = await createTestStore();
});

describe('report worker handler', () => {
  it('runs the job carried by the pipe message and the status follows it', async () => {
    await t.store.inventory.put([product('Mug', 10, 12.5), product('Pen', 0, 1.2)]);
    const { executionId } = await t.store.reports.start({ type: 'inventory' });
    const handler = createReportWorkerHandler({ store: t.store, logger });
    const response = await handler(sqsEvent(t.config, [await pipeMessageFor(t.clients, t.config, executionId)]));
    expect(response).toEqual({ batchItemFailures: [] });

    const job = await t.store.reports.get(executionId);
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowCount: 2 });
    const rows = parseCsv(await readObject(t.clients, job.s3!.bucket, job.s3!.key));
    expect(rows.map((row) => [row.product, row.status, row.stockValue]).sort()).toEqual([
      ['Mug', 'OK', '125'],
      ['Pen', 'OUT', '0'],
    ]);
  });

  it('runs a job once when its message is delivered twice, in one batch and again later', async () => {
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2020-02-02' });
    const message = await pipeMessageFor(t.clients, t.config, executionId);
    const handler = createReportWorkerHandler({ store: t.store, logger });
    t.calls.reset();
    expect(await handler(sqsEvent(t.config, [message, message]))).toEqual({ batchItemFailures: [] });
    expect(await handler(sqsEvent(t.config, [message]))).toEqual({ batchItemFailures: [] });
    expect(t.calls.counts.get('PutObjectCommand')).toBe(2); // one report + one summary
    expect(await t.store.reports.get(executionId)).toMatchObject({ status: 'SUCCEEDED', rowCount: 0 });
  });

  it('reports poison messages as partial batch failures and still runs the good ones', async () => {
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2020-02-03' });
    const good = await pipeMessageFor(t.clients, t.config, executionId);
    const event = sqsEvent(t.config, ['not json', JSON.stringify({ eventName: 'INSERT', dynamodb: {} }), good]);
    const handler = createReportWorkerHandler({ store: t.store, logger });
    const response = await handler(event);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [event.Records[0]!.messageId, event.Records[1]!.messageId].sort(),
    );
    expect((await t.store.reports.get(executionId)).status).toBe('SUCCEEDED');
  });

  it('records FAILED with the reason when S3 fails, without failing the message', async () => {
    let failing = true;
    const clients = createAwsClients(t.config);
    failS3(clients, ['PutObjectCommand', 'CreateMultipartUploadCommand', 'UploadPartCommand'], () => failing);
    const { executionId } = await t.store.reports.start({ type: 'sales', date: '2020-02-04' });
    const handler = createReportWorkerHandler({ store: t.store, worker: new ReportWorker(clients, t.config), logger });
    const response = await handler(sqsEvent(t.config, [await pipeMessageFor(t.clients, t.config, executionId)]));
    failing = false;
    expect(response).toEqual({ batchItemFailures: [] });
    const job = await t.store.reports.get(executionId);
    expect(job).toMatchObject({ status: 'FAILED', error: 'Could not write the report to S3 (InternalError, HTTP 500)' });
    expect(job.error).not.toMatch(/secret|\n\s+at /);
  });
});
