import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The key that signs catalog cursors for the local stack: `STOREFRONT_CURSOR_SECRET` when set, else
 * one generated on the first start and kept in `<dataDir>/cursor-secret` (owner-only), so a cursor
 * issued before a restart still works after it.
 *
 * @example
 * ```ts
 * const cursorSecret = await loadCursorSecret('.storefront');
 * ```
 */
export async function loadCursorSecret(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  if (env.STOREFRONT_CURSOR_SECRET) return env.STOREFRONT_CURSOR_SECRET;
  const file = join(dataDir, 'cursor-secret');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 16) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
