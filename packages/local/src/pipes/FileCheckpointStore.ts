import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointStore, ShardCheckpoint } from './CheckpointStore.js';

/**
 * Checkpoints in a JSON file (e.g. `.storefront/pipe-checkpoints.json`), so a local stack that keeps
 * its emulator resumes its pipes where they stopped. Each save replaces the file atomically (write
 * then rename), so a crash leaves the previous or the new positions, never a torn file.
 *
 * @example
 * ```ts
 * const checkpoints = new FileCheckpointStore('.storefront/pipe-checkpoints.json');
 * const runner = startPipeRunner({ config, checkpoints });
 * ```
 */
export class FileCheckpointStore implements CheckpointStore {
  private checkpoints: Promise<Map<string, ShardCheckpoint>> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  /** {@inheritDoc CheckpointStore.get} */
  async get(key: string): Promise<ShardCheckpoint | undefined> {
    return (await this.load()).get(key);
  }

  /** {@inheritDoc CheckpointStore.set} */
  async set(key: string, checkpoint: ShardCheckpoint): Promise<void> {
    const checkpoints = await this.load();
    checkpoints.set(key, checkpoint);
    const content = JSON.stringify({ version: 1, checkpoints: Object.fromEntries(checkpoints) }, null, 2);
    // Saves run one after another so an older snapshot never overwrites a newer one.
    this.writing = this.writing.catch(() => undefined).then(() => this.write(content));
    await this.writing;
  }

  private load(): Promise<Map<string, ShardCheckpoint>> {
    this.checkpoints ??= readFile(this.path, 'utf8').then(
      (text) => new Map(Object.entries((JSON.parse(text) as { checkpoints: Record<string, ShardCheckpoint> }).checkpoints)),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return new Map<string, ShardCheckpoint>();
        throw error;
      },
    );
    return this.checkpoints;
  }

  private async write(content: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, this.path);
  }
}
