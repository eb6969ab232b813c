/*
 * The partner app: the same partner flow over both transports, against the running local stack.
 *
 *   npm start            # in one terminal: writes .storefront/stack.json
 *   npm run partner      # in another
 *
 * Where the stack is comes from `.storefront/stack.json` (`STOREFRONT_DATA_DIR` to look elsewhere);
 * `STOREFRONT_URL`, `STOREFRONT_AWS_ENDPOINT` (or `AWS_ENDPOINT_URL`) and `STOREFRONT_ADMIN_ACCESS_KEY_ID` /
 * `STOREFRONT_ADMIN_SECRET_ACCESS_KEY` override it. This is a tool for the local stack: with no
 * endpoint it stops and says so, it never falls back to real AWS.
 */
import { resolve } from 'node:path';
import { createStorefront } from '@store-front/sdk';
import { createStorefrontClient } from '@store-front/sdk/http';
import { findLocalStack } from './findLocalStack.js';
import { runPartnerFlow } from './runPartnerFlow.js';

// npm workspaces run this in examples/partner-app; the local stack keeps its files at the repository root.
const dataDir = process.env.STOREFRONT_DATA_DIR || resolve(import.meta.dirname, '../../../.storefront');
let target;
try {
  target = await findLocalStack(dataDir, process.env);
} catch (error) {
  console.error(`npm run partner: ${(error as Error).message}`);
  process.exit(1);
}

const runId = process.env.PARTNER_RUN_ID ?? new Date().toISOString();
const http = createStorefrontClient({ baseUrl: target.apiUrl, credentials: target.adminCredentials });
await runPartnerFlow(http, { runId, label: 'http' });
await runPartnerFlow(createStorefront({ endpoint: target.awsEndpoint, region: target.region, prefix: target.prefix }), { runId, label: 'direct' });
