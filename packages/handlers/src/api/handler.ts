import { createApiHandler } from './createApiHandler.js';

/**
 * The API Lambda (API Gateway HTTP API, payload v2): every route of DESIGN.md, over the store the
 * environment describes (`STOREFRONT_*` settings), created on the first request.
 *
 * @example
 * ```ts
 * // CDK: new lambda.NodejsFunction(this, 'Api', { entry: 'packages/handlers/src/api/handler.ts' })
 * ```
 */
export const handler = createApiHandler();
