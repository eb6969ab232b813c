/*
 * Bench: POST /order through the local API (HTTP client → local server → API handler → SDK)
 * against the SDK's direct call, in the same run over the same emulator; and the size of the HTTP
 * client's browser bundle (minified + gzip). Run: npx tsx --conditions=store-front-source packages/local/bench/api.ts
 * Prints one JSON object, then a table.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Logger } from '@aws-lambda-powertools/logger';
import { createStorefrontClient } from '@store-front/sdk/http';
import { build, type BuildOptions } from 'esbuild';
import { startEmulator } from '../src/emulator.js';
import { startLocalStack } from '../src/startLocalStack.js';

const orders = Number(process.env.BENCH_ORDERS ?? 300);
const warmup = 20;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  return { mean: round(mean), p50: round(at(0.5)), p95: round(at(0.95)), perSecond: round(1000 / mean) };
}
const round = (value: number) => Math.round(value * 100) / 100;

async function orderLatency() {
  const emulator = await startEmulator();
  const stack = await startLocalStack({
    endpoint: emulator.endpoint,
    prefix: 'bench',
    port: 0,
    seed: false,
    persist: false,
    backgroundServices: [],
    logger: new Logger({ serviceName: 'bench', logLevel: 'SILENT' }),
    adminCredentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench-secret' },
  });
  try {
    await stack.store.inventory.put({ product: 'Bench Mug', category: 'Bench', description: '', cost: 9.99, quantity: 1_000_000 });
    const api = createStorefrontClient({ baseUrl: stack.url });
    const direct = stack.store;
    const request = { product: 'Bench Mug', quantity: 1 };
    // Both transports send an idempotency key (the HTTP client always does), so both do the same AWS work.
    const place = { direct: () => direct.orders.place(request, { idempotencyKey: randomUUID() }), http: () => api.orders.place(request) };
    const samples = { direct: [] as number[], http: [] as number[] };
    for (let i = 0; i < warmup + orders; i++) {
      // Interleaved, so drift in the emulator's speed hits both sides alike.
      for (const transport of i % 2 === 0 ? (['direct', 'http'] as const) : (['http', 'direct'] as const)) {
        const started = performance.now();
        await place[transport]();
        if (i >= warmup) samples[transport].push(performance.now() - started);
      }
    }
    const result = { direct: summary(samples.direct), http: summary(samples.http) };
    return { orders, ...result, ratioMean: round(result.http.mean / result.direct.mean), ratioP50: round(result.http.p50 / result.direct.p50) };
  } finally {
    await stack.stop();
    await emulator.stop();
  }
}

async function bundleSize() {
  const entry = fileURLToPath(new URL('../../sdk/src/http/index.ts', import.meta.url));
  const common: BuildOptions & { write: false } = {
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  };
  const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).byteLength;
  const split = await build({ ...common, splitting: true, outdir: 'out', metafile: true });
  const entryFile = split.outputFiles.find((file) => file.path.endsWith('/out/index.js'))!;
  // What the first signed call loads: the signer chunk and the chunks it imports.
  const meta = split.metafile!.outputs;
  const signerChunks = new Set<string>();
  const visit = (path: string) => {
    if (signerChunks.has(path)) return;
    signerChunks.add(path);
    for (const imported of meta[path]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  for (const imported of meta['out/index.js']?.imports ?? []) if (imported.kind === 'dynamic-import') visit(imported.path);
  const signerGzip = split.outputFiles.filter((file) => [...signerChunks].some((chunk) => file.path.endsWith(chunk))).reduce((sum, file) => sum + gz(file.contents), 0);
  const single = await build({ ...common, outfile: 'client.js' });
  return {
    entryGzipBytes: gz(entryFile.contents),
    signerOnDemandGzipBytes: signerGzip,
    entryPlusSignerGzipBytes: gz(entryFile.contents) + signerGzip,
    singleFileGzipBytes: gz(single.outputFiles[0]!.contents),
    targetBytes: 8 * 1024,
  };
}

const bundle = await bundleSize();
const latency = await orderLatency();
const result = { postOrder: latency, httpClientBundle: bundle };
console.log(JSON.stringify(result, null, 2));
console.table({
  'POST /order direct (SDK)': { 'mean ms': latency.direct.mean, 'p50 ms': latency.direct.p50, 'p95 ms': latency.direct.p95, 'orders/s': latency.direct.perSecond },
  'POST /order via local API': { 'mean ms': latency.http.mean, 'p50 ms': latency.http.p50, 'p95 ms': latency.http.p95, 'orders/s': latency.http.perSecond },
});
console.table({
  'ratio HTTP/direct (mean, target ≤ 1.3)': { value: latency.ratioMean },
  'ratio HTTP/direct (p50)': { value: latency.ratioP50 },
  'client entry, min+gzip bytes (target ≤ 8192)': { value: bundle.entryGzipBytes },
  'signer loaded on first signed call, bytes': { value: bundle.signerOnDemandGzipBytes },
  'entry + signer, bytes': { value: bundle.entryPlusSignerGzipBytes },
  'single file (no splitting), bytes': { value: bundle.singleFileGzipBytes },
});
