import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Consumers load the published build, not the sources: build it, then load it as ESM and as CJS.
// Declarations for five entry points take a while on a busy machine.
beforeAll(() => {
  execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'pipe' });
}, 600_000);

/** The runtime names of `specifier` as Node loads the built package (`module` = ESM import, `commonjs` = require). */
function loadIn(type: 'module' | 'commonjs', specifier = '@store-front/sdk'): Record<string, unknown> {
  const script =
    type === 'module'
      ? `import('${specifier}').then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`
      : `console.log(JSON.stringify(Object.keys(require('${specifier}')).sort()))`;
  const output = execFileSync(process.execPath, [type === 'module' ? '--input-type=module' : '--input-type=commonjs', '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  return Object.fromEntries((JSON.parse(output) as string[]).map((name) => [name, true]));
}

const subpaths = {
  '@store-front/sdk/http': ['createStorefrontClient', 'OutOfStockError', 'errorFromResponse'],
  '@store-front/sdk/resources': ['tableDefinitions', 'pipeDefinitions', 'provisionResources', 'createTableInput'],
  '@store-front/sdk/workers': ['ReportWorker', 'AlertService', 'streamRecordSchema', 'executionIdFromPipeMessage'],
  '@store-front/sdk/schemas': ['orderRequestSchema', 'parseInput', 'apiErrorCodes', 'inventoryItemSchema'],
  '@store-front/sdk/images': ['ImageWorker', 'uploadsFromNotification'],
};

const entries = ['index', 'http', 'resources', 'workers', 'schemas', 'images'];

describe('the built package', () => {
  it('ships ESM, CJS and type declarations for the root and every subpath', () => {
    for (const entry of entries) {
      for (const file of [`dist/${entry}.js`, `dist/${entry}.cjs`, `dist/${entry}.d.ts`, `dist/${entry}.d.cts`]) {
        expect(existsSync(`${packageDir}/${file}`), file).toBe(true);
      }
    }
  });

  it.each(['module', 'commonjs'] as const)('exports the public API when loaded as %s', (type) => {
    const exports = loadIn(type);
    for (const name of ['createStorefront', 'provisionResources', 'OutOfStockError', 'TryAgainError', 'StorefrontError', 'resolveConfig']) {
      expect(exports[name], name).toBe(true);
    }
  });

  it('keeps the root export deliberate: at most 30 runtime names, no building blocks', () => {
    const names = Object.keys(loadIn('module'));
    expect(names.length, names.join(', ')).toBeLessThanOrEqual(30);
    for (const blockName of ['tableDefinitions', 'ReportWorker', 'orderRequestSchema', 'CatalogService', 'parseInput']) {
      expect(names, blockName).not.toContain(blockName);
    }
  });

  it.each(['module', 'commonjs'] as const)('serves every named subpath when loaded as %s', (type) => {
    for (const [specifier, expected] of Object.entries(subpaths)) {
      const exports = loadIn(type, specifier);
      for (const name of expected) expect(exports[name], `${specifier} ${name}`).toBe(true);
    }
  });

  it('shares one copy of each class between the entries in CJS too (instanceof works across them)', () => {
    const script = `const [root, http, workers] = ['', '/http', '/workers'].map((p) => require('@store-front/sdk' + p));
      console.log(root.OutOfStockError === http.OutOfStockError && root.StorefrontError === http.StorefrontError && workers.AlertService.name === 'AlertService')`;
    const output = execFileSync(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: packageDir, encoding: 'utf8' });
    expect(output.trim()).toBe('true');
  });
});

/** What `npm pack --json` reports of the tarball. */
interface Packed {
  filename: string;
  files: { path: string }[];
}

// The tarball npm would publish, packed once (its --json file list is the one `npm pack --dry-run`
// prints) and linted as is: publint for package.json against the packed files, attw for the type
// declarations each entry point resolves to under node10, node16 (CJS and ESM) and bundler resolution.
describe('the published package', () => {
  let packDir = '';
  let packed: Packed;
  let tarball = '';

  beforeAll(() => {
    packDir = mkdtempSync(join(tmpdir(), 'sdk-pack-'));
    const output = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: packageDir, encoding: 'utf8' });
    [packed] = JSON.parse(output) as [Packed];
    tarball = join(packDir, packed.filename);
  });
  afterAll(() => rmSync(packDir, { recursive: true, force: true }));

  it('holds the build, README, CHANGELOG and package.json, nothing else', () => {
    const paths = packed.files.map((file) => file.path).sort();
    // Shared chunks and declaration pieces carry a content hash: e.g. dist/chunk-3FPRWK27.cjs, dist/errors-nG0Vhz2B.d.ts.
    const hashed = /^dist\/[A-Za-z]+-[\w-]{8}\.(js|cjs|d\.ts|d\.cts)$/;
    const named = entries.flatMap((entry) => ['js', 'cjs', 'd.ts', 'd.cts'].map((extension) => `dist/${entry}.${extension}`));
    expect(paths.filter((path) => !hashed.test(path))).toEqual(['CHANGELOG.md', 'README.md', ...named, 'package.json'].sort());
    expect(paths.filter((path) => hashed.test(path)).length).toBeGreaterThan(0);
  });

  it('passes publint (strict: warnings are errors; suggestions too)', async () => {
    const data = readFileSync(tarball);
    const { messages, pkg } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }, strict: true });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });

  it('passes attw on every entry point: ESM, CJS and types', () => {
    const attw = fileURLToPath(new URL('../../../node_modules/.bin/attw', import.meta.url));
    const { stdout } = spawnSync(attw, [tarball, '--format', 'json'], { encoding: 'utf8' });
    const { analysis } = JSON.parse(stdout) as { analysis: { entrypoints: Record<string, unknown>; problems: unknown[] } };
    expect(Object.keys(analysis.entrypoints)).toEqual(['.', './http', './resources', './workers', './schemas', './images']);
    expect(analysis.problems).toEqual([]);
  });
});
