import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestStore } from '../../sdk/tests/support.js';
import { createApiHandler } from '../src/api/createApiHandler.js';
import { storeFromEnvironment } from '../src/storeFromEnvironment.js';
import { createInventoryCheckerHandler } from '../src/inventoryChecker.js';
import { createReportWorkerHandler } from '../src/reportWorker.js';
import { createScheduledReportHandler } from '../src/scheduledReport.js';
import { sqsEvent } from './reportPipe.js';

const context = {
  functionName: 'storefront-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:storefront-test',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
} as Context;

const silent = () => new Logger({ serviceName: 'handler-test', logLevel: 'SILENT' });

describe('the four handlers alike', () => {
  const savedPrefix = process.env.STOREFRONT_PREFIX;
  afterEach(() => {
    if (savedPrefix === undefined) delete process.env.STOREFRONT_PREFIX;
    else process.env.STOREFRONT_PREFIX = savedPrefix;
  });

  it("each adds the invocation's Lambda context to its logger", async () => {
    const { store, config } = await createTestStore();
    const notAStreamRecord = sqsEvent(config, ['{"not":"a stream record"}']);
    const invocations: Array<(logger: Logger) => Promise<unknown>> = [
      (logger) => createApiHandler({ store, logger })({ rawPath: '/catalog', requestContext: { http: { method: 'OPTIONS' } } } as never, context),
      (logger) => createInventoryCheckerHandler({ store, logger })(notAStreamRecord, context),
      (logger) => createReportWorkerHandler({ store, logger })(notAStreamRecord, context),
      (logger) => createScheduledReportHandler({ store, logger })({ source: 'test', scheduledTime: '2026-01-02T00:15:00Z' }, context),
    ];
    for (const invoke of invocations) {
      const logger = silent();
      const addContext = vi.spyOn(logger, 'addContext');
      await invoke(logger);
      expect(addContext).toHaveBeenCalledWith(context);
    }
  });

  it('made without a store, they read the environment only when invoked, then share one store', async () => {
    process.env.STOREFRONT_PREFIX = 'Not A Prefix!';
    const logger = silent();
    const logError = vi.spyOn(logger, 'error');
    // Creating the handlers reads nothing: the entry files can be imported anywhere.
    const api = createApiHandler({ logger });
    const checker = createInventoryCheckerHandler({ logger });
    await expect(storeFromEnvironment()).rejects.toThrow(/STOREFRONT_PREFIX/);
    const response = await api({ rawPath: '/catalog', requestContext: { http: { method: 'GET' } } } as never, context);
    expect(response.statusCode).toBe(500);
    expect(logError).toHaveBeenCalled();
    const { batchItemFailures } = await checker(sqsEvent({ queues: { reportRequests: 'q' }, region: 'us-east-1' } as never, ['{}']), context);
    expect(batchItemFailures).toHaveLength(1);

    process.env.STOREFRONT_PREFIX = 'handlers-test';
    const store = await storeFromEnvironment();
    expect(store.config.tables.orders).toBe('handlers-test-orders');
    expect(await storeFromEnvironment()).toBe(store);
  });
});
