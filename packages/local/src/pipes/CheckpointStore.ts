/** Where a pipe has got to in one shard. */
export interface ShardCheckpoint {
  /** Sequence number of the last record handled (sent or filtered out); absent before the first. */
  readonly sequenceNumber?: string;
  /** The shard is closed and every record of it handled: its children may be read. */
  readonly finished?: boolean;
}

/**
 * Keeps pipe positions across restarts. Keys are opaque to the store (pipe, stream and shard).
 * The runner saves after each batch is on the queue, so a restart replays at most that batch.
 */
export interface CheckpointStore {
  /** The checkpoint saved under `key`, or `undefined` before the first. */
  get(key: string): Promise<ShardCheckpoint | undefined>;
  /** Saves `checkpoint` under `key`, replacing the previous one. */
  set(key: string, checkpoint: ShardCheckpoint): Promise<void>;
}
