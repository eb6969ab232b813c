import { storeFromEnvironment } from '../storeFromEnvironment.js';
import { createApiHandler, type ApiHandler } from './createApiHandler.js';

let ready: Promise<ApiHandler> | undefined;

/**
 * The API Lambda (API Gateway HTTP API, payload v2): every route of the contract, over the store the
 * environment describes (`STOREFRONT_*` settings), created on the first request with the
 * cursor-signing key read once from Secrets Manager (`STOREFRONT_CURSOR_SECRET_ARN`). A failed start
 * is retried by the next request rather than kept.
 *
 * @example
 * ```ts
 * // CDK: new lambda.NodejsFunction(this, 'Api', { entry: 'packages/handlers/src/api/handler.ts' })
 * ```
 */
export const handler: ApiHandler = async (event, context) => {
  ready ??= storeFromEnvironment().then(
    (store) => createApiHandler({ store }),
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  return (await ready)(event, context);
};
