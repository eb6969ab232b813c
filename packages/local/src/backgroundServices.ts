import type { Logger } from '@aws-lambda-powertools/logger';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { ProvisionedResources, QueueNames, Storefront, TopicNames } from '@store-front/sdk';
import { executionIdFromPipeMessage, isDailyExecutionId } from '@store-front/sdk/workers';
import { createInventoryCheckerHandler } from '@store-front/handlers';
import { createReportWorkerHandler, dailyReportFailedAlarm } from '@store-front/handlers';
import { createImageWorkerHandler } from '@store-front/handlers';
import { createScheduledReportHandler, type ScheduledReportEvent } from '@store-front/handlers';
import { demoReportPrefix } from './demoHistory.js';
import { startPipeRunner } from './pipes/startPipeRunner.js';
import { ScheduleRunner, type ScheduledHandler } from './ScheduleRunner.js';
import { startQueueConsumer, type SqsBatchHandler } from './startQueueConsumer.js';

/*
 * The local stack's background services as one declarative list (`localBackgroundServices`): what AWS does
 * with EventBridge Pipes, Lambda event source mappings, EventBridge Scheduler and SNS, done on one
 * machine against the emulator. Each entry is made by one of the factories below.
 */

/** What a background service gets to start with. */
export interface BackgroundServiceContext {
  /** The stack's store (its prefix and endpoint). */
  readonly store: Storefront;
  /** What provisioning found or made: queue URLs, stream ARNs. */
  readonly provisioned: ProvisionedResources;
  /** Structured log output. */
  readonly logger: Logger;
  /** Human-readable output (the terminal of `npm start`). */
  readonly print: (line: string) => void;
  /** When the stack last ran before this start (its restored snapshot's time): schedules due since then fire once. */
  readonly missedSince?: Date;
  /** Registers a listener called after each API request that changed data (pipes read at once instead of at their next poll). */
  readonly onWrite?: (listener: () => void) => void;
}

/** Something that runs until stopped. */
export interface Stoppable {
  /**
   * Stops. With `drainUntil` (epoch ms) a service first finishes the work already handed to it
   * (what is in its stream or queue), until then at the latest.
   */
  stop(options?: { readonly drainUntil?: number }): Promise<void>;
}

/** One background service of the local stack. */
export interface BackgroundService {
  /** Shown in logs and the start-up banner. */
  readonly name: string;
  /** Starts the service; resolves once it runs, with what stops it. */
  start(context: BackgroundServiceContext): Promise<Stoppable>;
}

/**
 * A queue polled like a Lambda event source mapping (batches, partial failures, the queue's
 * visibility timeout and redrive to its DLQ). The handler is made from the context, so it runs over
 * the stack's own store (its prefix and endpoint), not one built from the environment.
 *
 * @example
 * ```ts
 * queueConsumer('inventoryCheck', 'inventory-checker', ({ store }) => createInventoryChecker({ store }))
 * ```
 */
export function queueConsumer(
  queue: keyof QueueNames,
  functionName: string,
  makeHandler: (context: BackgroundServiceContext) => SqsBatchHandler,
  batchSize = 10,
): BackgroundService {
  return {
    name: `queue ${queue} → ${functionName}`,
    start: async (context) => {
      const { store, provisioned, logger } = context;
      return startQueueConsumer({
        sqs: store.clients.sqs,
        queueUrl: provisioned.queueUrls[queue]!,
        queueArn: provisioned.queueArns[queue]!,
        region: store.config.region,
        functionName,
        handler: makeHandler(context),
        batchSize,
        onError: (error) => logger.warn(`${functionName}: batch failed`, { error }),
      });
    },
  };
}

/**
 * The store's EventBridge Scheduler schedules, read back from the Scheduler API and fired on
 * their expression in their time zone, each invoking the handler of its target function (by
 * unprefixed function name; handlers are made from the context, like queue handlers).
 *
 * @example
 * ```ts
 * schedules({ 'scheduled-report': ({ store }) => createScheduledReport({ store }) })
 * ```
 */
export function schedules(
  makeHandlers: Readonly<Record<string, (context: BackgroundServiceContext) => ScheduledHandler>>,
  refreshMs?: number,
): BackgroundService {
  return {
    name: `schedules → ${Object.keys(makeHandlers).join(', ') || '(no targets yet)'}`,
    start: async (context) => {
      const { store, logger, print, missedSince } = context;
      const handlers = Object.fromEntries(Object.entries(makeHandlers).map(([name, make]) => [name, make(context)]));
      const runner = new ScheduleRunner({
        scheduler: store.clients.scheduler,
        group: store.config.schedules.group,
        prefix: store.config.prefix,
        handlers,
        ...(refreshMs === undefined ? {} : { refreshMs }),
        ...(missedSince ? { missedSince } : {}),
        onFire: (schedule) => print(`⏰ schedule ${schedule.name} fired → ${schedule.functionName}`),
        onError: (error, schedule) => logger.warn(`schedule ${schedule?.name ?? ''} failed`, { error }),
      });
      await runner.start();
      return runner;
    },
  };
}

/**
 * Subscribes a local queue to an SNS topic (as an e-mail subscriber would be) and prints each
 * message, so alerts and digests show up in the terminal. With `rawDelivery` (the default) `format`
 * gets the message itself; without, SNS's JSON envelope (`Subject`, `Message`, …).
 *
 * @example
 * ```ts
 * topicPrinter('low-stock', (message) => `⚠ ${message}`)
 * ```
 */
export function topicPrinter(name: string, format: (message: string) => string, topic: keyof TopicNames = 'lowStockAlerts', rawDelivery = true): BackgroundService {
  return {
    name: `topic ${name} → terminal`,
    start: async ({ store, provisioned, logger, print }) => {
      const queueName = `${store.config.prefix ? `${store.config.prefix}-` : ''}local-${name}-printer`;
      const { QueueUrl } = await store.clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
      const { Attributes } = await store.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      await store.clients.sns.send(
        new SubscribeCommand({
          TopicArn: provisioned.topicArns[topic],
          Protocol: 'sqs',
          Endpoint: Attributes!.QueueArn!,
          Attributes: { RawMessageDelivery: String(rawDelivery) },
        }),
      );
      return startQueueConsumer({
        sqs: store.clients.sqs,
        queueUrl: QueueUrl!,
        queueArn: Attributes!.QueueArn!,
        region: store.config.region,
        functionName: `${name}-printer`,
        handler: async (event) => {
          for (const record of event.Records) print(format(record.body));
        },
        onError: (error) => logger.warn(`${name} printer failed`, { error }),
      });
    },
  };
}

/** A low-stock alert message (JSON from the inventory checker, or plain text) as one terminal line. */
function formatLowStockAlert(message: string): string {
  try {
    const alert = JSON.parse(message) as { product?: string; quantity?: number; threshold?: number };
    if (alert.product !== undefined) return `⚠ LOW STOCK ${alert.product}: ${alert.quantity} left (threshold ${alert.threshold})`;
  } catch {
    // plain-text message: printed as it is
  }
  return `⚠ ${message}`;
}

/** The morning digest as the terminal shows it: its subject, then its text, set off by rules. */
export function formatDigest(envelope: string): string {
  const { Subject = '', Message = envelope } = (() => {
    try {
      return JSON.parse(envelope) as { Subject?: string; Message?: string };
    } catch {
      return {};
    }
  })();
  const rule = '─'.repeat(72);
  return [`📬 ${Subject || 'Morning digest'}`, rule, Message, rule].join('\n');
}

/**
 * Every pipe of `pipeDefinitions` (DynamoDB stream → filter → queue), as EventBridge Pipes runs them.
 * Positions are kept in memory: a restored snapshot comes back on fresh streams, read from their start.
 *
 * @example
 * ```ts
 * const background = await startBackgroundServices([pipes(), …], context);
 * ```
 */
export function pipes(pollIntervalMs = 100): BackgroundService {
  return {
    name: 'pipes (table streams → queues)',
    start: async ({ store, logger, onWrite }) => {
      const runner = startPipeRunner({
        config: store.config,
        pollIntervalMs,
        onError: (error, pipeId) => logger.warn(`pipe ${pipeId} failed; retrying`, { error: error as Error }),
      });
      onWrite?.(() => runner.wake());
      return runner;
    },
  };
}

/**
 * The report worker over the stack's store, printing each finished report's status and link, so a
 * report started from the page or the API shows up in the terminal too.
 */
function reportWorkerPrintingLinks({ store, logger, print }: BackgroundServiceContext): SqsBatchHandler {
  const work = createReportWorkerHandler({ store, logger: logger.createChild({ serviceName: 'report-worker' }) });
  return async (event, context) => {
    const result = await work(event, context);
    for (const record of event.Records) {
      try {
        const executionId = executionIdFromPipeMessage(record.body);
        // The demo history's thirty reports would bury everything else; the dashboard shows them.
        if (executionId.startsWith(demoReportPrefix)) continue;
        const job = await store.reports.get(executionId);
        if (job.status === 'SUCCEEDED') print(`📄 ${job.type} report ${job.date}: ${job.rowCount} rows → ${job.downloadUrl}`);
        else if (job.status === 'FAILED' && isDailyExecutionId(job.executionId)) {
          print(`🚨 ALARM ${dailyReportFailedAlarm}: daily ${job.type} report ${job.date} (${job.executionId}) failed: ${job.error}`);
        } else if (job.status === 'FAILED') print(`✖ ${job.type} report ${job.date} failed: ${job.error}`);
      } catch {
        // a poison message: the worker has already logged and reported it
      }
    }
    return result;
  };
}

/** Everything `npm start` runs in the background. */
export const localBackgroundServices: readonly BackgroundService[] = [
  pipes(),
  queueConsumer('inventoryCheck', 'inventory-checker', ({ store, logger }) =>
    createInventoryCheckerHandler({ store, logger: logger.createChild({ serviceName: 'inventory-checker' }) }),
  ),
  // One report per invocation, as the deployed worker runs (a report may take minutes).
  queueConsumer('reportRequests', 'report-worker', reportWorkerPrintingLinks, 1),
  // The upload bucket notifies this queue (moto sends S3 notifications to SQS as AWS does).
  queueConsumer('imageUploads', 'image-worker', ({ store, logger }) =>
    createImageWorkerHandler({ store, logger: logger.createChild({ serviceName: 'image-worker' }) }),
  ),
  schedules({
    'scheduled-report': ({ store, logger }) => {
      const startDailyReports = createScheduledReportHandler({ store, logger: logger.createChild({ serviceName: 'scheduled-report' }) });
      return (event, context) => startDailyReports(event as ScheduledReportEvent, context);
    },
  }),
  topicPrinter('low-stock-alerts', formatLowStockAlert),
  topicPrinter('reports', formatDigest, 'reports', false),
];

/**
 * Starts every entry in order. Stops them in the same order — the pipes first, so with a drain what
 * they move reaches the consumers after them (and those already started if one fails).
 *
 * @example
 * ```ts
 * const background = await startBackgroundServices(localBackgroundServices, context);
 * await background.stop();
 * ```
 */
export async function startBackgroundServices(entries: readonly BackgroundService[] = localBackgroundServices, context: BackgroundServiceContext): Promise<Stoppable> {
  const started: Stoppable[] = [];
  const stop = async (options?: { readonly drainUntil?: number }) => {
    for (const service of started.splice(0)) await service.stop(options);
  };
  try {
    for (const entry of entries) {
      started.push(await entry.start(context));
      context.logger.info('started', { service: entry.name });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
