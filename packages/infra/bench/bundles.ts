/*
 * Lambda bundles: the minified size of each handler's bundle, built exactly as the CDK stack builds it
 * (`lambdaBundle`, AWS SDK included), and each bundle's cold import time as a ratio against a minimal
 * handler that imports only the DynamoDB client, measured in the same run (fresh `node` per import,
 * interleaved rounds, medians). Prints a JSON object, then a table. Run: `npm run bench:bundles`.
 * A handler's native modules (sharp for the image worker) stay outside its bundle, as in Lambda: its
 * size leaves them out, its import time includes loading them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleLambda, handlerEntries, nativeModules, repositoryRoot, type HandlerName } from '../src/functions.js';

/** The API handler's target size (bytes), everything bundled. */
const apiTargetBytes = 1_000_000;
const rounds = 9;
// Inside the repository's node_modules, so a bundle's native modules (left out of it, as in Lambda) resolve on import.
const cache = join(repositoryRoot, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'storefront-bundles-'));

const baselineEntry = join(work, 'baseline.ts');
writeFileSync(
  baselineEntry,
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async () => client.config.serviceId;\n",
);

async function bundle(name: string, entry: string): Promise<string> {
  const outfile = join(work, `${name}.mjs`);
  // The baseline lives outside the repository: resolve its import from the repository's packages.
  await bundleLambda(entry, outfile, { nodePaths: [join(repositoryRoot, 'node_modules')], external: nativeModules[name as HandlerName] ?? [] });
  return outfile;
}

/** Milliseconds to import `file` in a fresh Node.js process (module evaluation included). */
function coldImportMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return Number(output.toString());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  const files: Record<string, string> = { baseline: await bundle('baseline', baselineEntry) };
  for (const [name, entry] of Object.entries(handlerEntries)) files[name] = await bundle(name, entry);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, file] of Object.entries(files)) samples[name]!.push(coldImportMs(file));
  }
  const baselineMs = median(samples.baseline!);
  const results = Object.entries(files).map(([name, file]) => {
    const bytes = statSync(file).size;
    const importMs = median(samples[name]!);
    return { handler: name, bytes, kib: Math.round(bytes / 1024), importMs: Math.round(importMs), importRatio: Number((importMs / baselineMs).toFixed(2)) };
  });
  const api = results.find((result) => result.handler === 'api')!;
  const apiWithinTarget = api.bytes <= apiTargetBytes;
  console.log(JSON.stringify({ bench: 'lambda-bundles', rounds, baseline: 'DynamoDB client only', apiTargetBytes, apiWithinTarget, results }, null, 2));
  console.table(results.map(({ handler, kib, importMs, importRatio }) => ({ handler, 'minified KiB': kib, 'cold import ms': importMs, 'vs baseline': `${importRatio}×` })));
} finally {
  rmSync(work, { recursive: true, force: true });
}
