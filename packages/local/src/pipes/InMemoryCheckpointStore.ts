import type { CheckpointStore, ShardCheckpoint } from './CheckpointStore.js';

/**
 * Checkpoints in a Map: they survive a runner's stop and start within one process (tests, or a
 * local stack that recreates its emulator on every start), not a process restart.
 *
 * @example
 * ```ts
 * const checkpoints = new InMemoryCheckpointStore();
 * const runner = startPipeRunner({ config, checkpoints });
 * ```
 */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints = new Map<string, ShardCheckpoint>();

  /** {@inheritDoc CheckpointStore.get} */
  async get(key: string): Promise<ShardCheckpoint | undefined> {
    return this.checkpoints.get(key);
  }

  /** {@inheritDoc CheckpointStore.set} */
  async set(key: string, checkpoint: ShardCheckpoint): Promise<void> {
    this.checkpoints.set(key, checkpoint);
  }
}
