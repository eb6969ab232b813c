/*
 * The code samples of README.md and docs/*.md, as files: every ```ts block is extracted into
 * .doc-samples/ (gitignored) and type-checked against the workspace's sources, so a renamed method
 * or a changed signature breaks the test, not a reader's first try.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** One ```ts block of a document. */
export interface DocSample {
  /** The document, relative to the repository root. */
  readonly document: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/** The documents whose samples are checked: the README and every guide. */
export async function sampleDocuments(): Promise<string[]> {
  const guides = (await readdir(join(repositoryRoot, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => join('docs', name));
  return ['README.md', ...guides.sort()];
}

/** Every ```ts / ```typescript block of `document`. */
export async function samplesOf(document: string): Promise<DocSample[]> {
  const lines = (await readFile(join(repositoryRoot, document), 'utf8')).split('\n');
  const samples: DocSample[] = [];
  let start = -1;
  for (const [index, line] of lines.entries()) {
    if (start === -1 && /^```(ts|typescript)\s*$/.test(line.trim())) start = index;
    else if (start !== -1 && line.trim() === '```') {
      samples.push({ document, line: start + 1, code: lines.slice(start + 1, index).join('\n') });
      start = -1;
    }
  }
  return samples;
}

/**
 * Names a fragment may use without declaring them, as the guides do (`store`, `api`): declared with
 * their real types unless the sample declares or imports them itself.
 */
const ambientNames: Record<string, string> = {
  store: "ReturnType<typeof import('@store-front/sdk').createStorefront>",
  api: "import('@store-front/sdk').StorefrontApi",
  admin: "import('@store-front/sdk').StorefrontApi",
  file: 'File',
};

function declaresName(code: string, name: string): boolean {
  return new RegExp(`\\b(const|let|var|function|class)\\s+${name}\\b|import[^;]*\\b${name}\\b[^;]*from`).test(code);
}

/** The sample as a module file: ambient names it needs, then its code, then `export {}`. */
export function sampleModule(sample: DocSample): string {
  const prelude = Object.entries(ambientNames)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(sample.code) && !declaresName(sample.code, name))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  return [`// ${sample.document}:${sample.line}`, ...prelude, sample.code, 'export {};', ''].join('\n');
}

/** Writes every sample under `.doc-samples/` with a tsconfig; returns the folder and the file of each sample. */
export async function writeSampleProject(samples: readonly DocSample[]): Promise<{ folder: string; files: Map<string, DocSample> }> {
  const folder = join(repositoryRoot, '.doc-samples');
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const files = new Map<string, DocSample>();
  for (const sample of samples) {
    const name = `${sample.document.replace(/[^a-z0-9]+/gi, '-')}-${sample.line}.ts`;
    await writeFile(join(folder, name), sampleModule(sample));
    files.set(name, sample);
  }
  const tsconfig = {
    extends: relative(folder, join(repositoryRoot, 'tsconfig.base.json')),
    compilerOptions: { noEmit: true, customConditions: ['store-front-source'], noUnusedLocals: false },
    include: ['*.ts'],
  };
  await writeFile(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return { folder, files };
}
