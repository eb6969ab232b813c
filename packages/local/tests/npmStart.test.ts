import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './localStackSupport.js';
import { startNpmStart } from './npmStartSupport.js';

/** Whether something accepts connections at the URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start stops cleanly', () => {
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  // npm forwards SIGINT and SIGTERM to the stack; SIGHUP ends npm itself and the stack sees its parent go,
  // as it does when npm is killed outright (the parent's death).
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const)(
    '%s to the npm process stops the API and moto, frees the port and removes stack.json',
    async (signal) => {
      const { npm, dataDir, stack, output } = await startNpmStart(undefined, { STOREFRONT_SEED: '0' });
      dataDirs.push(dataDir);
      expect(stack).toMatchObject({ version: 1, region: 'us-east-1', adminCredentialsFile: join(dataDir, 'admin-credentials.json') });
      expect(await listening(stack.apiUrl)).toBe(true);
      expect(await listening(stack.awsEndpoint)).toBe(true);
      expect((await fetch(`${stack.apiUrl}/catalog`)).status).toBe(200);
      // The banner follows the stack file: its next steps name this stack's URL, and the first start says so.
      const banner = await waitFor(async () => (output().includes('Ctrl-C stops everything.') ? output() : undefined), 10_000);
      expect(banner).toContain(`    curl ${stack.apiUrl}/catalog\n`);
      expect(banner).toContain('    npm run admin -- GET /alerts\n');
      expect(banner).toContain('; first start\n');

      const exited = npm.exitCode === null ? once(npm, 'exit') : Promise.resolve();
      npm.kill(signal);
      await exited;
      await waitFor(async () => (!running(stack.pid) && !(await listening(stack.apiUrl)) && !(await listening(stack.awsEndpoint)) ? true : undefined), 30_000).catch(
        () => {
          throw new Error(`the stack is still running after ${signal}:\n${output()}`);
        },
      );
      await expect(readFile(join(dataDir, 'stack.json'), 'utf8')).rejects.toThrow(/ENOENT/);
      // The final snapshot was written on the way out, also when npm died without a word.
      await expect(readFile(join(dataDir, 'snapshot.json'), 'utf8')).resolves.toContain('"version":2');
    },
    150_000,
  );
});
