import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the partner app finds the store: the running local stack's addresses and admin keys. */
export interface PartnerTarget {
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly region: string;
  readonly prefix: string;
  readonly adminCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The fields of `<dataDir>/stack.json` (written by `npm start`) this app reads. */
interface StackFile {
  readonly pid?: number;
  readonly apiUrl?: string;
  readonly awsEndpoint?: string;
  readonly region?: string;
  readonly prefix?: string;
  readonly adminCredentialsFile?: string;
}

const notRunning = 'no local stack is running: start it with `npm start` (it writes .storefront/stack.json)';

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function running(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads where the local stack is from `<dataDir>/stack.json`, each value overridable by environment
 * (`STOREFRONT_URL`, `STOREFRONT_AWS_ENDPOINT` or `AWS_ENDPOINT_URL`, `AWS_REGION`, `STOREFRONT_PREFIX`,
 * `STOREFRONT_ADMIN_ACCESS_KEY_ID` / `STOREFRONT_ADMIN_SECRET_ACCESS_KEY`). A stack file whose process
 * has gone is ignored. Throws an error that says what to do when the API, the AWS endpoint or the
 * admin keys cannot be found — so the direct SDK half never falls back to real AWS.
 *
 * @example
 * ```ts
 * const { apiUrl, awsEndpoint } = await findLocalStack('.storefront', process.env);
 * ```
 */
export async function findLocalStack(dataDir: string, env: Readonly<Record<string, string | undefined>>): Promise<PartnerTarget> {
  const file = await readJson<StackFile>(join(dataDir, 'stack.json'));
  const stack = file && running(file.pid) ? file : undefined;
  const apiUrl = env.STOREFRONT_URL || stack?.apiUrl;
  const awsEndpoint = env.STOREFRONT_AWS_ENDPOINT || env.AWS_ENDPOINT_URL || stack?.awsEndpoint;
  if (!apiUrl || !awsEndpoint) {
    throw new Error(`${notRunning}, or set STOREFRONT_URL and STOREFRONT_AWS_ENDPOINT. Nothing was sent anywhere.`);
  }
  const { STOREFRONT_ADMIN_ACCESS_KEY_ID: accessKeyId, STOREFRONT_ADMIN_SECRET_ACCESS_KEY: secretAccessKey } = env;
  let adminCredentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
  const keysFile = stack?.adminCredentialsFile ?? join(dataDir, 'admin-credentials.json');
  adminCredentials ??= await readJson<PartnerTarget['adminCredentials']>(keysFile);
  if (!adminCredentials?.accessKeyId || !adminCredentials.secretAccessKey) {
    throw new Error(`no admin keys in ${keysFile}: ${notRunning}, or set STOREFRONT_ADMIN_ACCESS_KEY_ID and STOREFRONT_ADMIN_SECRET_ACCESS_KEY`);
  }
  return {
    apiUrl,
    awsEndpoint,
    region: env.AWS_REGION || stack?.region || 'us-east-1',
    prefix: env.STOREFRONT_PREFIX ?? stack?.prefix ?? '',
    adminCredentials: { accessKeyId: adminCredentials.accessKeyId, secretAccessKey: adminCredentials.secretAccessKey },
  };
}
