import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Phrases that point to something a user of the repository cannot open: the design document and the
 * shared folder the project was specified in, the tracker's issues and their closing notes.
 */
const outsideReferences: readonly RegExp[] = [/DESIGN\.md/i, /\.\.\/shared/i, /\bshared\//i, /closing note/i, /\bthe issue\b/i, /\bissue #/i, /\bissue \d/i];

async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && keep(entry.name) && !join(entry.parentPath, entry.name).includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** README.md, every guide under docs/ (not the generated TypeDoc site), and the sources, benches and READMEs of the packages and examples. */
async function documents(): Promise<string[]> {
  const docs = (await filesUnder(join(root, 'docs'), (name) => name.endsWith('.md'))).filter((file) => !file.startsWith(join(root, 'docs/api/')));
  const sources: string[] = [];
  for (const parent of ['packages', 'examples']) {
    for (const workspace of await readdir(join(root, parent))) {
      for (const folder of ['src', 'bench']) sources.push(...(await filesUnder(join(root, parent, workspace, folder), (name) => name.endsWith('.ts'))));
      sources.push(...(await filesUnder(join(root, parent, workspace), (name) => name === 'README.md')));
    }
  }
  return [join(root, 'README.md'), ...docs, ...new Set(sources)];
}

/** Each line of `text` that matches a phrase, as `file:line: text`. */
function outsideReferencesIn(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) =>
    outsideReferences.some((phrase) => phrase.test(line)) ? [`${relative(root, file)}:${index + 1}: ${line.trim()}`] : [],
  );
}

describe('the repository stands alone', () => {
  it('no document or source comment refers to a file or issue outside the repository', async () => {
    const files = await documents();
    // The scan reaches what it should: the README, the guides and the SDK's sources (whose TSDoc ships in dist/*.d.ts).
    for (const expected of ['README.md', 'docs/contract.md', 'docs/sdk.md', 'packages/sdk/src/index.ts', 'packages/handlers/src/api/routes.ts']) {
      expect(files.map((file) => relative(root, file))).toContain(expected);
    }
    const found: string[] = [];
    for (const file of files) found.push(...outsideReferencesIn(file, await readFile(file, 'utf8')));
    expect(found, 'point to docs/contract.md or a guide in docs/ instead').toEqual([]);
  });

  it('catches each phrase', () => {
    for (const line of ['see DESIGN.md', 'in ../shared/contract.md', 'shared/DESIGN', "the issue's closing note", 'issue #13', 'as issue 4 says']) {
      expect(outsideReferencesIn('x.md', line), line).toHaveLength(1);
    }
    expect(outsideReferencesIn('x.md', 'shared by every domain; a reissued order')).toEqual([]);
  });
});
