import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, sampleDocuments, samplesOf, writeSampleProject, type DocSample } from './docSamples.js';

const run = promisify(execFile);

async function allSamples(): Promise<DocSample[]> {
  const samples: DocSample[] = [];
  for (const document of await sampleDocuments()) samples.push(...(await samplesOf(document)));
  return samples;
}

describe('the code samples of README.md and docs/', () => {
  it('every ```ts block type-checks against the workspace sources', async () => {
    const samples = await allSamples();
    expect(samples.length).toBeGreaterThan(5);
    const { folder } = await writeSampleProject(samples);
    const tsc = join(repositoryRoot, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', folder], { cwd: repositoryRoot }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    // Each error line names the sample's file, which starts with the document and the fence's line.
    expect(result).toBe('');
  });

  it("the README's SDK sample runs against the emulator", async () => {
    const [first] = await samplesOf('README.md');
    expect(first?.code).toContain('provisionResources');
    const { folder, files } = await writeSampleProject([first!]);
    const [file] = [...files.keys()];
    const prefix = `readme${randomBytes(3).toString('hex')}`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--conditions=store-front-source', join(folder, file!)], {
      cwd: repositoryRoot,
      env: { ...process.env, STOREFRONT_AWS_ENDPOINT: inject('awsEndpoint'), STOREFRONT_PREFIX: prefix, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/Coffee Mug 38/);
  });
});
