import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Consumers load the published build, not the sources: build it, then load it as ESM and as CJS.
beforeAll(() => {
  execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'pipe' });
});

function loadIn(type: 'module' | 'commonjs'): Record<string, unknown> {
  const script =
    type === 'module'
      ? `import('@store-front/sdk').then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`
      : `console.log(JSON.stringify(Object.keys(require('@store-front/sdk')).sort()))`;
  const output = execFileSync(process.execPath, [type === 'module' ? '--input-type=module' : '--input-type=commonjs', '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  return Object.fromEntries((JSON.parse(output) as string[]).map((name) => [name, true]));
}

describe('the built package', () => {
  it('ships ESM, CJS and type declarations', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
      expect(existsSync(`${packageDir}/${file}`), file).toBe(true);
    }
  });

  it.each(['module', 'commonjs'] as const)('exports the public API when loaded as %s', (type) => {
    const exports = loadIn(type);
    for (const name of ['createStorefront', 'provisionResources', 'OutOfStockError', 'ValidationError', 'StorefrontError', 'resolveConfig']) {
      expect(exports[name], name).toBe(true);
    }
  });
});
