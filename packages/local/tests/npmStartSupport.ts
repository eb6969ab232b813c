import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalStackFile } from '../src/stackFile.js';
import { waitFor } from './localStackSupport.js';

const repository = fileURLToPath(new URL('../../..', import.meta.url));

/** A running `npm start` child process (npm → node → moto) and what it wrote to its stack file. */
export interface NpmStartRun {
  readonly npm: ChildProcess;
  readonly dataDir: string;
  readonly stack: LocalStackFile;
  /** Everything it printed so far. */
  output(): string;
}

/**
 * Runs a real `npm start` at the repository root on a free port, with its data under `dataDir`
 * (default: a new temporary directory), and resolves once it serves (its stack.json is written).
 */
export async function startNpmStart(dataDir?: string, extraEnv: Record<string, string> = {}): Promise<NpmStartRun> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'storefront-npm-start-')));
  // No endpoint from the caller's environment: npm start runs its own emulator.
  const { STOREFRONT_AWS_ENDPOINT: _endpoint, AWS_ENDPOINT_URL: _sdkEndpoint, ...env } = process.env;
  let output = '';
  const npm = spawn('npm', ['start'], {
    cwd: repository,
    env: { ...env, PORT: '0', STOREFRONT_DATA_DIR: dir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  npm.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  npm.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const stack = await waitFor(async () => {
    if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    try {
      return JSON.parse(await readFile(join(dir, 'stack.json'), 'utf8')) as LocalStackFile;
    } catch {
      return undefined;
    }
  }, 90_000);
  return { npm, dataDir: dir, stack, output: () => output };
}
