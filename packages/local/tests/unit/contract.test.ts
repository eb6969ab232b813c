import { readFile } from 'node:fs/promises';
import { apiRoutes } from '@store-front/handlers';
import { errorCatalog, reportFiles } from '@store-front/sdk';
import { describe, expect, it } from 'vitest';
import { contractFile, contractMarkdown } from '../../src/contract/contractDocument.js';
import { renderContract } from '../../src/contract/renderContract.js';

describe('docs/contract.md', () => {
  it('is what `npm run contract` generates from the code now', async () => {
    const written = await readFile(contractFile, 'utf8').catch(() => '(missing)');
    // Not toBe(): a 1,000-line diff would bury the one thing to do.
    expect(written === contractMarkdown(), 'docs/contract.md is out of date: run `npm run contract` and commit it').toBe(true);
  });

  it('names every route, every error code and every report column', () => {
    const markdown = contractMarkdown();
    for (const route of apiRoutes) expect(markdown).toContain(`### \`${route.method} ${route.path}\``);
    for (const [code, { status }] of Object.entries(errorCatalog)) expect(markdown).toContain(`| \`${code}\` | ${status} |`);
    for (const file of reportFiles) {
      expect(markdown).toContain(`\`${file.key}\``);
      expect(markdown).toContain(file.columns.map((column) => `\`${column}\``).join(', '));
    }
  });

  it('follows its sources: a new column or error code shows up in the rendering', () => {
    const openApi = { info: { title: 'T' }, paths: {} };
    const errors = { TEAPOT: { status: 418, description: 'Short and stout' } };
    const csvFiles = [{ name: 'brew', key: 'reports/brew/{date}.csv', rows: 'one pot', columns: ['pot', 'spout'] }];
    const markdown = renderContract({ openApi, errors, csvFiles });
    expect(markdown).toContain('| `TEAPOT` | 418 | Short and stout |');
    expect(markdown).toContain('| brew | `reports/brew/{date}.csv` | one pot | `pot`, `spout` |');
  });
});
