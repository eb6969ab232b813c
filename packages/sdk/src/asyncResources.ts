/*
 * The store's asynchronous side as data: the topics, the report retention, the daily schedule, the
 * stream → queue pipes and the report jobs' limits (see resources.ts for the tables and queues).
 */
import type { QueueNames, TableNames, TopicNames } from './config.js';

/**
 * An SQS queue, optionally with a dead-letter queue.
 *
 * @group Resources
 */
export interface QueueDefinition {
  /** The config key that names it (`config.queues[id]`). */
  readonly id: keyof QueueNames;
  /** How long a received message stays hidden from other consumers. */
  readonly visibilityTimeoutSeconds: number;
  /** How long an unconsumed message is kept. */
  readonly messageRetentionSeconds: number;
  /** Messages received this many times move to the DLQ. */
  readonly deadLetter?: {
    /** The config key of the dead-letter queue. */
    readonly queue: keyof QueueNames;
    /** Receives before a message moves there. */
    readonly maxReceiveCount: number;
  };
}

/**
 * Every queue; DLQs first so their redrive targets exist when the main queues are created.
 *
 * @group Resources
 */
export const queueDefinitions: readonly QueueDefinition[] = [
  { id: 'inventoryCheckDlq', visibilityTimeoutSeconds: 30, messageRetentionSeconds: 1_209_600 },
  {
    id: 'inventoryCheck',
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 345_600,
    deadLetter: { queue: 'inventoryCheckDlq', maxReceiveCount: 5 },
  },
  { id: 'reportRequestsDlq', visibilityTimeoutSeconds: 900, messageRetentionSeconds: 1_209_600 },
  {
    id: 'reportRequests',
    visibilityTimeoutSeconds: 900,
    messageRetentionSeconds: 345_600,
    deadLetter: { queue: 'reportRequestsDlq', maxReceiveCount: 3 },
  },
  { id: 'imageUploadsDlq', visibilityTimeoutSeconds: 120, messageRetentionSeconds: 1_209_600 },
  {
    id: 'imageUploads',
    // Six times the image worker's timeout, as AWS advises for a Lambda's source queue.
    visibilityTimeoutSeconds: 120,
    messageRetentionSeconds: 345_600,
    deadLetter: { queue: 'imageUploadsDlq', maxReceiveCount: 3 },
  },
];

/**
 * An SNS topic and the config setting holding its e-mail subscribers (CDK props in AWS).
 *
 * @group Resources
 */
export interface TopicDefinition {
  /** The config key that names it (`config.topics[id]`). */
  readonly id: keyof TopicNames;
  /** What its messages are, for the subscriber's confirmation and the docs. */
  readonly purpose: string;
}

/**
 * Every topic.
 *
 * @group Resources
 */
export const topicDefinitions: readonly TopicDefinition[] = [
  { id: 'lowStockAlerts', purpose: 'Low-stock alerts: a product fell to its threshold.' },
  { id: 'reports', purpose: "The morning digest: yesterday's sales figures, once per day." },
];

/**
 * How long report files are kept: an S3 lifecycle rule on `reports/` deletes them after `days`.
 * A job whose file is older than that lists as `expired` instead of offering a dead link.
 *
 * @group Resources
 */
export const reportRetention = {
  /** Key prefix of report files in the reports bucket. */
  prefix: 'reports/',
  /** Days a report file is kept. */
  days: 90,
} as const;

/**
 * The daily reports schedule: yesterday's sales and an inventory snapshot.
 *
 * @group Resources
 */
export const dailyReportsSchedule = {
  /** Default expression, in the store's time zone. */
  expression: 'cron(15 0 * * ? *)',
  /** Name of the Lambda function it invokes (prefixed like other resources). */
  targetFunction: 'scheduled-report',
  /**
   * The target's input. The scheduled time (Scheduler's context attribute, not the time of running)
   * decides which day is "yesterday", also on a late retry.
   */
  input: {
    /** Tells the scheduled-report function what fired it. */
    source: 'daily-reports',
    /** Filled by EventBridge Scheduler with the run's scheduled time. */
    scheduledTime: '<aws.scheduler.scheduled-time>',
  },
} as const;

/**
 * Seconds an idempotency record is kept; a retry after that places a new order.
 *
 * @group Resources
 */
export const idempotencyRetentionSeconds = 7 * 24 * 3600;

/**
 * A stream → queue hand-off: an EventBridge Pipe in AWS, the local pipe runner on one machine.
 * Each record that matches a filter pattern is sent to the queue as the pipe sends it: the DynamoDB
 * stream record as JSON (`eventID`, `eventName`, `dynamodb.{Keys,NewImage,OldImage,SequenceNumber}`).
 *
 * @group Resources
 */
export interface PipeDefinition {
  /** Stable name of the pipe (prefixed like other resources). */
  readonly id: string;
  /** The table whose stream is the source. */
  readonly sourceTable: keyof TableNames;
  /** The queue records are sent to. */
  readonly targetQueue: keyof QueueNames;
  /** EventBridge Pipes filter patterns (any one matching passes the record). */
  readonly filterPatterns: readonly Readonly<Record<string, unknown>>[];
  /** Records read per batch. */
  readonly batchSize: number;
  /** Where a new pipe starts reading. */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
}

/**
 * Every pipe.
 *
 * @group Resources
 */
export const pipeDefinitions: readonly PipeDefinition[] = [
  {
    id: 'inventory-changes',
    sourceTable: 'inventory',
    targetQueue: 'inventoryCheck',
    // Patterns cannot compare OldImage with NewImage, so the pipe passes inserts and updates that
    // carry a quantity and the checker ignores records whose quantity and threshold did not change.
    filterPatterns: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { quantity: { N: [{ exists: true }] } } } }],
    batchSize: 10,
    startingPosition: 'TRIM_HORIZON',
  },
  {
    id: 'report-requests',
    sourceTable: 'reportJobs',
    targetQueue: 'reportRequests',
    filterPatterns: [{ eventName: ['INSERT'] }],
    batchSize: 10,
    startingPosition: 'TRIM_HORIZON',
  },
];

/**
 * Report jobs. A job RUNNING longer than `runningTimeoutSeconds` counts as failed and may be claimed
 * again: it is shorter than the report-requests queue's visibility timeout (900 s), so a delivery
 * that comes back after a worker crashed finds the job stale and re-runs it; the worker gives up by
 * itself at the same deadline (deploy it with a Lambda timeout no longer than this).
 *
 * @group Resources
 */
export const reportJobLimits = {
  /** Seconds after which a RUNNING job counts as failed and may be claimed again. */
  runningTimeoutSeconds: 600,
  /** Lifetime of the presigned `downloadUrl` (the contract allows at most 15 minutes). */
  downloadUrlSeconds: 900,
  /**
   * Items per day-index Query page in the sales report. The report merges the shards by `orderDate`,
   * holding one page per shard (8 × 2,000 lines at most), so this bounds its memory whatever the day's
   * size. Smaller pages only add round trips (and on moto each Query walks the whole table).
   */
  salesPageSize: 2000,
  /** Inventory items per Scan page, joined with the catalog in one BatchGet (at most 100 keys). */
  inventoryPageSize: 100,
} as const;
