/*
 * The local pipe runner: EventBridge Pipes (DynamoDB stream → filter → SQS) on one machine, for the
 * local stack and the tests. See `PipeRunner` for the guarantees and docs/alerts.md for the path.
 */
import { PipeRunner, type PipeRunnerOptions } from './pipes/PipeRunner.js';

export { PipeRunner, type PipeRunnerOptions } from './pipes/PipeRunner.js';
export { FileCheckpointStore } from './pipes/FileCheckpointStore.js';
export { InMemoryCheckpointStore } from './pipes/InMemoryCheckpointStore.js';
export type { CheckpointStore, ShardCheckpoint } from './pipes/CheckpointStore.js';
export { compileEventPattern, type EventPredicate } from './pipes/compileEventPattern.js';
export { toPipeEvent } from './pipes/toPipeEvent.js';

/**
 * Starts running pipes (default: every entry of `pipeDefinitions`) against the configured
 * endpoint; `stop()` ends them once their current batch is on the queue and checkpointed.
 *
 * @example
 * ```ts
 * const pipes = startPipeRunner({
 *   config: store.config,
 *   checkpoints: new FileCheckpointStore('.storefront/pipe-checkpoints.json'),
 *   onError: (error, pipeId) => console.error(pipeId, error),
 * });
 * process.on('SIGINT', () => void pipes.stop());
 * ```
 */
export function startPipeRunner(options: PipeRunnerOptions): PipeRunner {
  return new PipeRunner(options).start();
}
