/*
 * What `npm run admin -- METHOD PATH [JSON]` does: one SigV4-signed call to the running local stack's API with
 * its admin keys, for the routes curl cannot sign (curl --aws-sigv4 signs the path as sent, while
 * API Gateway — and so the local stack — escapes each segment again, so any path with an encoded
 * character, e.g. a product name with a space, fails with 403).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AwsCredentials } from '@store-front/sdk';
import { signAdminRequest } from './signAdminRequest.js';

const usage = `Usage: npm run admin -- METHOD PATH [JSON]
  npm run admin -- GET /alerts
  npm run admin -- POST "/inventory/Coffee Mug/adjustments" '{"delta":5,"reason":"delivery"}'
The path may be written plainly or percent-encoded. Reads the running stack's URL and admin keys
from .storefront/ (or STOREFRONT_API_URL and STOREFRONT_ADMIN_ACCESS_KEY_ID/_SECRET_ACCESS_KEY).`;

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']);

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The stack's API URL: STOREFRONT_API_URL, else the one `npm start` wrote, else localhost:PORT. */
async function apiUrl(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.STOREFRONT_API_URL) return env.STOREFRONT_API_URL;
  const stack = await readJson(join(dataDir, 'stack.json'));
  const url = stack?.apiUrl ?? stack?.url;
  return typeof url === 'string' ? url : `http://127.0.0.1:${env.PORT ?? '3000'}`;
}

/** The admin keys the stack checks: never generated here, so a call can never sign with keys the stack does not know. */
async function adminKeys(dataDir: string, env: NodeJS.ProcessEnv): Promise<AwsCredentials> {
  const { STOREFRONT_ADMIN_ACCESS_KEY_ID: accessKeyId, STOREFRONT_ADMIN_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
  const kept = await readJson(join(dataDir, 'admin-credentials.json'));
  if (typeof kept?.accessKeyId === 'string' && typeof kept.secretAccessKey === 'string') {
    return { accessKeyId: kept.accessKeyId, secretAccessKey: kept.secretAccessKey };
  }
  throw new Error(`No admin keys in ${join(dataDir, 'admin-credentials.json')}: start the stack first (npm start)`);
}

/** Encodes each path segment once, whether it came plain ("Coffee Mug") or encoded ("Coffee%20Mug"). */
export function encodePath(path: string): string {
  const [pathname = '', query] = path.split(/\?(.*)/s, 2);
  const encoded = pathname
    .split('/')
    .map((segment) => {
      let plain = segment;
      try {
        plain = decodeURIComponent(segment);
      } catch {
        // Not valid percent-encoding: take it as plain text.
      }
      return encodeURIComponent(plain);
    })
    .join('/');
  return query === undefined ? encoded : `${encoded}?${query}`;
}

/**
 * Makes the signed admin call `args` describe (`METHOD PATH [JSON]`), prints the status to stderr and
 * the body to stdout, and resolves with the process exit code (0 for 2xx, 1 for an error answer, 2 for bad usage).
 *
 * @example
 * ```ts
 * process.exitCode = await runAdminCall(['GET', '/alerts'], process.env);
 * ```
 */
export async function runAdminCall(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [method = '', path, body, ...rest] = args;
  if (!methods.has(method.toUpperCase()) || !path?.startsWith('/') || rest.length > 0) {
    console.error(usage);
    return 2;
  }
  if (body !== undefined) JSON.parse(body); // a typo in the JSON is reported here, not as a 400
  const dataDir = resolve(env.STOREFRONT_DATA_DIR ?? '.storefront');
  const url = new URL(encodePath(path), await apiUrl(dataDir, env));
  const headers = await signAdminRequest({
    method: method.toUpperCase(),
    url,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    credentials: await adminKeys(dataDir, env),
    region: env.AWS_REGION ?? 'us-east-1',
    ...(body === undefined ? {} : { body }),
  });
  const response = await fetch(url, { method: method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  console.error(`${response.status} ${response.statusText}`);
  try {
    console.log(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    if (text) console.log(text);
  }
  return response.ok ? 0 : 1;
}
