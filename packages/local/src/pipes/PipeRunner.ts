import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOptions, pipeDefinitions, type PipeDefinition } from '@store-front/sdk/resources';
import { type StorefrontConfig } from '@store-front/sdk';
import type { CheckpointStore, ShardCheckpoint } from './CheckpointStore.js';
import { compileEventPattern, type EventPredicate } from './compileEventPattern.js';
import { InMemoryCheckpointStore } from './InMemoryCheckpointStore.js';
import { sendInOrder } from './sendInOrder.js';
import { toPipeEvent } from './toPipeEvent.js';

/** Options of {@link PipeRunner}. */
export interface PipeRunnerOptions {
  /** The store's settings: table and queue names, endpoint, region. */
  readonly config: StorefrontConfig;
  /** Pipes to run; default: every entry of `pipeDefinitions`. */
  readonly pipes?: readonly PipeDefinition[];
  /** Clients to use (e.g. with middleware); default: created from `config`. */
  readonly clients?: {
    /** Reads the tables' streams. */
    readonly streams?: DynamoDBStreamsClient;
    /** Sends to the target queues. */
    readonly sqs?: SQSClient;
  };
  /** Where positions are kept; default in memory. Use a `FileCheckpointStore` to survive a restart. */
  readonly checkpoints?: CheckpointStore;
  /**
   * Pause after a pass that read nothing, in ms (default 200). A pass that read records is followed at
   * once; each further empty pass doubles the pause, up to `maxIdlePollMs`, so an idle stack stays quiet.
   */
  readonly pollIntervalMs?: number;
  /** Longest pause between passes while nothing happens, in ms (default: 5 × `pollIntervalMs`). `wake()` cuts it short. */
  readonly maxIdlePollMs?: number;
  /** How often the shard list of a stream is read again, in ms (default 10 000; at once when a shard ends). */
  readonly shardRefreshMs?: number;
  /** Called with every failed pass (the pass is retried after `pollIntervalMs`); default: `console.error`. */
  readonly onError?: (error: unknown, pipeId: string) => void;
}

/** One pipe's resolved source and target, and what the runner knows of its shards. */
interface PipeState {
  readonly pipe: PipeDefinition;
  readonly matches: EventPredicate;
  streamArn?: string;
  queueUrl?: string;
  shards: Shard[];
  shardsReadAt: number;
  /**
   * The next iterator of each shard, kept between passes (also empty ones), so an idle shard costs one
   * GetRecords a pass. Dropped when a batch fails, expires or the runner restarts: the next read starts
   * again from the checkpoint.
   */
  readonly iterators: Map<string, string>;
}

/**
 * Runs pipes on one machine the way EventBridge Pipes runs them in AWS: reads every shard of each
 * pipe's DynamoDB stream, keeps the records that match the pipe's filter patterns, and sends them
 * to its queue in the JSON shape Pipes sends. A parent shard is read to its end before its children,
 * so the changes of one item stay in order.
 *
 * Each shard's next iterator is kept from one read to the next; an expired or failed one is replaced
 * by a fresh iterator from the checkpoint (after the last record handled), so it never stalls a pipe.
 * A checkpoint is saved only once its batch is on the queue: a restart neither skips a record nor
 * replays more than one batch per shard.
 *
 * @example
 * ```ts
 * const runner = new PipeRunner({ config: store.config, checkpoints: new FileCheckpointStore('.storefront/pipes.json') }).start();
 * // … later
 * await runner.stop();
 * ```
 */
export class PipeRunner {
  private readonly streams: DynamoDBStreamsClient;
  private readonly sqs: SQSClient;
  private readonly checkpoints: CheckpointStore;
  private readonly states: PipeState[];
  private readonly pollIntervalMs: number;
  private readonly maxIdlePollMs: number;
  private readonly shardRefreshMs: number;
  private readonly onError: (error: unknown, pipeId: string) => void;
  private loops: Promise<void>[] = [];
  private stopped = true;
  private readonly wakeUps = new Set<() => void>();
  private drainUntil = 0;

  constructor(private readonly options: PipeRunnerOptions) {
    const shared = clientOptions(options.config);
    this.streams = options.clients?.streams ?? new DynamoDBStreamsClient(shared);
    this.sqs = options.clients?.sqs ?? new SQSClient({ ...shared, useQueueUrlAsEndpoint: !options.config.endpoint });
    this.checkpoints = options.checkpoints ?? new InMemoryCheckpointStore();
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.maxIdlePollMs = Math.max(this.pollIntervalMs, options.maxIdlePollMs ?? 5 * this.pollIntervalMs);
    this.shardRefreshMs = options.shardRefreshMs ?? 10_000;
    this.onError = options.onError ?? ((error, pipeId) => console.error(`pipe ${pipeId}:`, error));
    this.states = (options.pipes ?? pipeDefinitions).map((pipe) => {
      const patterns = pipe.filterPatterns.map((pattern) => compileEventPattern(pattern));
      return {
        pipe,
        matches: (event: unknown) => patterns.length === 0 || patterns.some((matches) => matches(event)),
        shards: [],
        shardsReadAt: 0,
        iterators: new Map(),
      };
    });
  }

  /** Starts polling every pipe in the background; returns the runner. */
  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.loops = this.states.map((state) => this.run(state));
    return this;
  }

  /**
   * Stops polling; resolves once each pipe's current pass (and its checkpoint) is done. With
   * `drainUntil` (epoch ms) each pipe first keeps reading until a pass finds nothing new or that time
   * has come, so what is already in the streams reaches the queues.
   */
  async stop(options: { readonly drainUntil?: number } = {}): Promise<void> {
    this.drainUntil = options.drainUntil ?? 0;
    this.stopped = true;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Ends the current pause of every pipe: a change was just written, read it now. */
  wake(): void {
    for (const wake of this.wakeUps) wake();
  }

  /**
   * Runs one pass over every pipe (one batch per readable shard) and resolves to the number of
   * records read. For tests and benchmarks that drive the runner step by step; do not mix with `start`.
   */
  async pollOnce(): Promise<number> {
    const counts = await Promise.all(this.states.map((state) => this.pass(state)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  private async run(state: PipeState): Promise<void> {
    let pause = this.pollIntervalMs;
    for (;;) {
      let read = 0;
      let failed = false;
      try {
        read = await this.pass(state);
      } catch (error) {
        failed = true;
        this.onError(error, state.pipe.id);
      }
      const drained = read === 0 && !failed;
      if (this.stopped && (drained || Date.now() >= this.drainUntil)) return;
      if (read > 0) {
        pause = this.pollIntervalMs;
        continue;
      }
      await this.sleep(this.stopped ? this.pollIntervalMs : pause);
      pause = Math.min(this.maxIdlePollMs, pause * 2);
      if (this.stopped && Date.now() >= this.drainUntil) return;
    }
  }

  /** One batch from each shard that may be read now. */
  private async pass(state: PipeState): Promise<number> {
    await this.resolveEnds(state);
    if (Date.now() - state.shardsReadAt >= this.shardRefreshMs) await this.readShards(state);
    const known = new Set(state.shards.map((shard) => shard.ShardId));
    let read = 0;
    for (const shard of state.shards) {
      const checkpoint = await this.checkpoints.get(this.key(state, shard.ShardId!));
      if (checkpoint?.finished) continue;
      const parent = shard.ParentShardId;
      // A parent no longer listed has been trimmed: nothing of it is left to read first.
      if (parent && known.has(parent) && !(await this.checkpoints.get(this.key(state, parent)))?.finished) continue;
      read += await this.readShard(state, shard, checkpoint, Boolean(parent && known.has(parent)));
    }
    return read;
  }

  private async readShard(state: PipeState, shard: Shard, checkpoint: ShardCheckpoint | undefined, hasParent: boolean): Promise<number> {
    const shardId = shard.ShardId!;
    const key = this.key(state, shardId);
    const iterator = state.iterators.get(shardId) ?? (await this.iterator(state, shardId, checkpoint, hasParent));
    // Taken out while in use: a failure below leaves none, so the next pass starts from the checkpoint.
    state.iterators.delete(shardId);
    let page;
    try {
      page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: state.pipe.batchSize }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException) return 0; // the next pass takes a fresh one
      if (error instanceof TrimmedDataAccessException) {
        // The checkpoint is older than the stream's retention: those records are gone; resume at the oldest left.
        await this.checkpoints.set(key, {});
      }
      throw error;
    }
    const records = page.Records ?? [];
    if (records.length > 0) {
      await sendInOrder(this.sqs, state.queueUrl!, `pipe ${state.pipe.id}`, records.map((record) => toPipeEvent(record, state.streamArn!)).filter(state.matches));
    }
    const last = records.at(-1)?.dynamodb?.SequenceNumber ?? checkpoint?.sequenceNumber;
    const finished = !page.NextShardIterator;
    if (records.length > 0 || finished) {
      await this.checkpoints.set(key, { ...(last ? { sequenceNumber: last } : {}), ...(finished ? { finished } : {}) });
    }
    if (page.NextShardIterator) state.iterators.set(shardId, page.NextShardIterator);
    if (finished) state.shardsReadAt = 0; // its children may be listed by now
    return records.length;
  }

  private async iterator(state: PipeState, shardId: string, checkpoint: ShardCheckpoint | undefined, hasParent: boolean): Promise<string> {
    const type: ShardIteratorType = checkpoint?.sequenceNumber
      ? 'AFTER_SEQUENCE_NUMBER'
      : startsAtLatest(state, checkpoint, hasParent)
        ? 'LATEST'
        : 'TRIM_HORIZON';
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: state.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        ...(checkpoint?.sequenceNumber ? { SequenceNumber: checkpoint.sequenceNumber } : {}),
      }),
    );
    return ShardIterator!;
  }

  /** Finds the pipe's stream and queue (once). */
  private async resolveEnds(state: PipeState): Promise<void> {
    const { config } = this.options;
    if (!state.streamArn) {
      const table = config.tables[state.pipe.sourceTable];
      const { Streams = [] } = await this.streams.send(new ListStreamsCommand({ TableName: table }));
      const latest = Streams.at(-1)?.StreamArn;
      if (!latest) throw new Error(`pipe ${state.pipe.id}: table ${table} has no stream`);
      state.streamArn = latest;
    }
    if (!state.queueUrl) {
      const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: config.queues[state.pipe.targetQueue] }));
      state.queueUrl = QueueUrl!;
    }
  }

  private async readShards(state: PipeState): Promise<void> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: state.streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    state.shards = shards;
    state.shardsReadAt = Date.now();
  }

  private key(state: PipeState, shardId: string): string {
    return `${state.pipe.id}|${state.streamArn}|${shardId}`;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeUps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakeUps.add(wake);
    });
  }
}

/** A shard is read from LATEST only when the pipe says so and nothing of it was read before; a child shard, or one whose checkpoint was trimmed, holds only records new to the pipe. */
function startsAtLatest(state: PipeState, checkpoint: ShardCheckpoint | undefined, hasParent: boolean): boolean {
  return state.pipe.startingPosition === 'LATEST' && !checkpoint && !hasParent;
}
