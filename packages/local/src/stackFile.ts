import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `<dataDir>/stack.json`: where a running `npm start` is, for the tools that talk to it (the partner
 * app, scripts). Written once the stack serves, removed when it stops; a file left by a stack that
 * was killed names a `pid` that no longer runs, so readers can tell it is stale.
 */
export interface LocalStackFile {
  readonly version: 1;
  /** The process that serves the stack. */
  readonly pid: number;
  readonly startedAt: string;
  /** Base URL of the API and the storefront page. */
  readonly apiUrl: string;
  /** The AWS endpoint the stack uses (its emulator, or the one it was given). */
  readonly awsEndpoint: string;
  readonly region: string;
  /** The resource prefix (`STOREFRONT_PREFIX`), empty for none. */
  readonly prefix: string;
  /** File with the admin signing credentials, when they are kept in a file (not given by environment). */
  readonly adminCredentialsFile?: string;
}

/** Where the stack file of `dataDir` is. */
export function stackFileOf(dataDir: string): string {
  return join(dataDir, 'stack.json');
}

/**
 * Writes the stack file (atomically) and resolves to a function that removes it.
 *
 * @example
 * ```ts
 * const removeStackFile = await writeStackFile('.storefront', { version: 1, pid: process.pid, … });
 * await removeStackFile();
 * ```
 */
export async function writeStackFile(dataDir: string, info: LocalStackFile): Promise<() => Promise<void>> {
  const file = stackFileOf(dataDir);
  await mkdir(dataDir, { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return () => rm(file, { force: true });
}
