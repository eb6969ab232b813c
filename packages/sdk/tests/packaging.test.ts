import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

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
};

describe('the built package', () => {
  it('ships ESM, CJS and type declarations for the root and every subpath', () => {
    for (const entry of ['index', 'http', 'resources', 'workers', 'schemas']) {
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
});
