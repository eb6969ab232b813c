import { createApiHandler, type ApiHandler } from './createApiHandler.js';

/**
 * The API Lambda (API Gateway HTTP API, payload v2): every route of the contract, over the store the
 * environment describes (`STOREFRONT_*` settings; see `storeFromEnvironment`), created on the first
 * request with the cursor-signing key read once from Secrets Manager (`STOREFRONT_CURSOR_SECRET_ARN`).
 * A failed start is answered with a logged 500 and retried by the next request rather than kept.
 *
 * @example
 * ```ts
 * // CDK: new lambda.NodejsFunction(this, 'Api', { entry: 'packages/handlers/src/api/handler.ts' })
 * ```
 */
export const handler: ApiHandler = createApiHandler();
