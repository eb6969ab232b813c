/*
 * Bench: the local stack as a user meets it.
 *   - start-up: a real `npm start` until it serves (its stack.json is written after the seed), on a
 *     fresh data directory (demo catalog seeded) and again on the kept data (restored), and how long
 *     Ctrl-C (SIGINT to npm) takes to stop it;
 *   - idle emulator calls per second with every background service running and nothing happening,
 *     counted by a proxy in front of moto.
 * Run: npm run bench:local. Prints one JSON object, then a table.
 */
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { localBackgroundServices } from '../src/backgroundServices.js';
import { startEmulator } from '../src/emulator.js';
import { startLocalStack } from '../src/startLocalStack.js';
import { startNpmStart } from '../tests/npmStartSupport.js';

const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 20);

async function startUp(dataDir?: string) {
  const started = Date.now();
  const run = await startNpmStart(dataDir);
  const readyMs = Date.now() - started;
  const stopping = Date.now();
  run.npm.kill('SIGINT');
  await once(run.npm, 'exit');
  return { dataDir: run.dataDir, readyMs, stopMs: Date.now() - stopping };
}

/** A proxy in front of the emulator that counts requests by operation (X-Amz-Target, else Action). */
async function countingProxy(target: string) {
  const counts = new Map<string, number>();
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const operation = String(incoming.headers['x-amz-target'] ?? incoming.headers['content-type'] ?? 'other').split('.').at(-1)!;
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, counts, close: () => server.close() };
}

async function idleCalls() {
  const emulator = await startEmulator();
  const proxy = await countingProxy(emulator.endpoint);
  const stack = await startLocalStack({
    endpoint: proxy.url,
    prefix: 'bench',
    port: 0,
    seed: true,
    persist: false,
    backgroundServices: localBackgroundServices,
    logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    print: () => undefined,
    adminCredentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench-secret' },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // the seed's changes have gone through
    proxy.counts.clear();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const total = [...proxy.counts.values()].reduce((sum, count) => sum + count, 0);
    const byOperation = Object.fromEntries([...proxy.counts].map(([operation, count]) => [operation, Math.round((count / idleSeconds) * 100) / 100]));
    return { callsPerSecond: Math.round((total / idleSeconds) * 100) / 100, byOperation };
  } finally {
    await stack.stop();
    proxy.close();
    await emulator.stop();
  }
}

const fresh = await startUp();
const restored = await startUp(fresh.dataDir);
await rm(fresh.dataDir, { recursive: true, force: true });
const idle = await idleCalls();
const result = { startUp: { seededMs: fresh.readyMs, restoredMs: restored.readyMs, stopMs: Math.max(fresh.stopMs, restored.stopMs) }, idle };
console.log(JSON.stringify(result));
console.table({
  'npm start → serving, fresh (seeded)': { value: `${(fresh.readyMs / 1000).toFixed(1)} s` },
  'npm start → serving, restored': { value: `${(restored.readyMs / 1000).toFixed(1)} s` },
  'SIGINT → stopped (drain, snapshot, moto down)': { value: `${(result.startUp.stopMs / 1000).toFixed(1)} s` },
  'idle emulator calls / s': { value: idle.callsPerSecond },
});
