import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsCredentials } from '@store-front/sdk';

/** The local stack's admin credentials and where they came from. */
export interface AdminCredentials {
  readonly credentials: AwsCredentials;
  /** `env` (STOREFRONT_ADMIN_*), `file` (kept from an earlier start) or `generated` (new, now in the file). */
  readonly source: 'env' | 'file' | 'generated';
  /** The file that holds them, unless they come from the environment. */
  readonly file?: string;
}

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The credentials admin requests must be signed with: `STOREFRONT_ADMIN_ACCESS_KEY_ID` and
 * `STOREFRONT_ADMIN_SECRET_ACCESS_KEY` when both are set; else the pair kept in
 * `<dataDir>/admin-credentials.json`, generated (readable by the owner only) on the first start.
 *
 * @example
 * ```ts
 * const { credentials, source, file } = await loadAdminCredentials('.storefront');
 * ```
 */
export async function loadAdminCredentials(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<AdminCredentials> {
  const accessKeyId = env.STOREFRONT_ADMIN_ACCESS_KEY_ID;
  const secretAccessKey = env.STOREFRONT_ADMIN_SECRET_ACCESS_KEY;
  if (accessKeyId && secretAccessKey) return { credentials: { accessKeyId, secretAccessKey }, source: 'env' };
  if (accessKeyId || secretAccessKey) {
    throw new Error('Set both STOREFRONT_ADMIN_ACCESS_KEY_ID and STOREFRONT_ADMIN_SECRET_ACCESS_KEY, or neither');
  }

  const file = join(dataDir, 'admin-credentials.json');
  try {
    const kept = JSON.parse(await readFile(file, 'utf8')) as Partial<AwsCredentials>;
    if (typeof kept.accessKeyId === 'string' && typeof kept.secretAccessKey === 'string') {
      return { credentials: { accessKeyId: kept.accessKeyId, secretAccessKey: kept.secretAccessKey }, source: 'file', file };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const credentials = {
    accessKeyId: `AKIA${[...randomBytes(16)].map((byte) => base32[byte % 32]).join('')}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { credentials, source: 'generated', file };
}
