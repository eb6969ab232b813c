/*
 * The partner app: the same partner flow over both transports, against a running store.
 *
 *   STOREFRONT_AWS_ENDPOINT=http://127.0.0.1:<moto port from the banner> npm run partner
 *
 * HTTP: `STOREFRONT_URL` (default http://localhost:3000), signed with `STOREFRONT_ADMIN_ACCESS_KEY_ID`
 * and `STOREFRONT_ADMIN_SECRET_ACCESS_KEY`, else the local stack's `.storefront/admin-credentials.json`.
 * Direct: `createStorefront()` with the SDK's settings from the environment (`STOREFRONT_AWS_ENDPOINT`,
 * `STOREFRONT_PREFIX`, …; in AWS, the default credential chain).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createStorefront } from '@store-front/sdk';
import { createStorefrontClient } from '@store-front/sdk/http';
import { runPartnerFlow } from './runPartnerFlow.js';

async function adminCredentials(): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const { STOREFRONT_ADMIN_ACCESS_KEY_ID: accessKeyId, STOREFRONT_ADMIN_SECRET_ACCESS_KEY: secretAccessKey, STOREFRONT_DATA_DIR } = process.env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
  // npm workspaces run this in examples/partner-app; the local stack keeps its keys at the repository root.
  const file = resolve(STOREFRONT_DATA_DIR ?? resolve(import.meta.dirname, '../../../.storefront'), 'admin-credentials.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { accessKeyId: string; secretAccessKey: string };
  } catch (error) {
    throw new Error(`No admin credentials in ${file} (${(error as Error).message}): start the local stack (npm start) or set STOREFRONT_ADMIN_*`);
  }
}

const runId = process.env.PARTNER_RUN_ID ?? new Date().toISOString();
const http = createStorefrontClient({ baseUrl: process.env.STOREFRONT_URL ?? 'http://localhost:3000', credentials: await adminCredentials() });
await runPartnerFlow(http, { runId, label: 'http' });
await runPartnerFlow(createStorefront(), { runId, label: 'direct' });
