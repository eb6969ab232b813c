import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda, handlerEntries } from '../src/functions.js';

/**
 * The API bundle's limit, every dependency bundled, the AWS SDK included. The target is ≤ 1,000,000
 * bytes; the bundle is ≈ 913,000 (product images added ≈ 90 KB: presigned POSTs and the gallery; the
 * CDN invalidation is signed by hand rather than with the 220 KB CloudFront client). The limit keeps
 * it near that, so a regression of the kinds below (each cost 115–360 KB) fails here.
 */
const apiLimitBytes = 950_000;

describe('the API handler bundle', () => {
  const work = mkdtempSync(join(tmpdir(), 'storefront-bundle-test-'));
  let bundle: Awaited<ReturnType<typeof bundleLambda>>;
  beforeAll(async () => {
    bundle = await bundleLambda(handlerEntries.api, join(work, 'api.mjs'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(`stays within ${apiLimitBytes.toLocaleString('en')} bytes minified, the AWS SDK bundled`, () => {
    expect(bundle.bytes).toBeLessThanOrEqual(apiLimitBytes);
    expect(Object.keys(bundle.metafile.inputs).some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
  });

  // Two regressions that once made it ≈ 1.44 MB: each is silent, so name them.
  it('takes the AWS SDK\'s tree-shakable ES modules, not its CommonJS builds', () => {
    const commonJs = Object.entries(bundle.metafile.inputs)
      .filter(([input, { bytes }]) => /node_modules\/@(aws-sdk|smithy)\/[^/]+\/dist-cjs\//.test(input) && bytes > 0)
      .map(([input]) => input);
    expect(commonJs).toEqual([]);
  });

  it('carries zod\'s English messages only, not every locale', () => {
    const output = Object.values(bundle.metafile.outputs).find((candidate) => candidate.entryPoint !== undefined)!;
    const locales = Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => input.includes('node_modules/zod/v4/locales/') && bytesInOutput > 0)
      .map(([input]) => input.replace(/.*\/locales\//, ''))
      .filter((locale) => locale !== 'index.js');
    expect(locales).toEqual(['en.js']);
  });
});
