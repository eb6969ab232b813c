/*
 * The storefront web page's build: esbuild bundles the TypeScript entry and the stylesheet in memory
 * (tens of milliseconds), so the local stack builds it at every start and a fresh clone needs no
 * build step. `npm run build -w @store-front/storefront-web` writes the same files to `dist/`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** One file of the built site. */
export interface SiteFile {
  readonly contentType: string;
  readonly body: Uint8Array;
}

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Builds the storefront web page: `index.html` at `/`, the bundled script (and its lazily loaded
 * chunks) and stylesheet under `/assets/`. `@store-front/sdk/http` is bundled from its TypeScript sources (the `store-front-source`
 * export), so the SDK needs no build either.
 *
 * @example
 * ```ts
 * const site = await buildStorefrontWeb();
 * site.get('/')!.contentType; // 'text/html; charset=utf-8'
 * ```
 */
export async function buildStorefrontWeb(): Promise<Map<string, SiteFile>> {
  const result = await build({
    entryPoints: { app: join(root, 'src/main.ts'), styles: join(root, 'src/styles.css') },
    outdir: join(root, 'dist/assets'),
    bundle: true,
    format: 'esm',
    // The SigV4 signer becomes its own chunk, loaded on the first admin call: shoppers never download it.
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    conditions: ["store-front-source"],
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const site = new Map<string, SiteFile>([
    ['/', { contentType: 'text/html; charset=utf-8', body: await readFile(join(root, 'index.html')) }],
    // Where the page finds the API: the page's own origin here; a deployment writes its own (the CDK stack does).
    ['/config.json', { contentType: 'application/json', body: new TextEncoder().encode('{"apiUrl":""}\n') }],
  ]);
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    site.set(`/assets/${name}`, {
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body: file.contents,
    });
  }
  return site;
}

// `tsx build.ts`: the same files into dist/, for hosting the page anywhere (e.g. S3 behind CloudFront).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [path, file] of await buildStorefrontWeb()) {
    const target = join(root, 'dist', path === '/' ? 'index.html' : path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  console.log(`storefront web built into ${join(root, 'dist')}`);
}
