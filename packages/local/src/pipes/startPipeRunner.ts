import { PipeRunner, type PipeRunnerOptions } from './PipeRunner.js';

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
