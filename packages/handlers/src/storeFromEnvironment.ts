/*
 * The one way a Lambda handler gets its store: `storeFromEnvironment()`, created from the environment
 * (`STOREFRONT_*` settings) on the first invocation and shared by every handler of the process, with
 * the cursor-signing key read once from Secrets Manager when `cursorSecretArn` is set.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientOptions } from '@store-front/sdk/resources';
import { ConfigurationError, createStorefront, resolveConfig, type Storefront, type StorefrontConfigInput } from '@store-front/sdk';

/**
 * Creates a store from the environment (`STOREFRONT_*` settings) and `input`. When the cursor-signing
 * key is not given but `cursorSecretArn` is, the key is read from Secrets Manager here, so every
 * instance signs cursors with the same key. Without either, in Lambda the store has no key: sealing or
 * opening a cursor is then a `ConfigurationError`. Handlers use {@link storeFromEnvironment}, which
 * calls this once per process.
 *
 * @example
 * ```ts
 * const store = await createEnvironmentStore({ prefix: 'staging' }); // STOREFRONT_CURSOR_SECRET_ARN=arn:aws:secretsmanager:…
 * ```
 */
export async function createEnvironmentStore(input: StorefrontConfigInput = {}): Promise<Storefront> {
  const config = resolveConfig(input);
  if (config.cursorSecret !== undefined || config.cursorSecretArn === undefined) return createStorefront(input);
  // A static import on purpose: tree-shaken it adds ≈ 14 KB to each bundle, where import() would add
  // the whole client (≈ 26 KB) to spare evaluating it in the functions that hold no secret.
  const secrets = new SecretsManagerClient(clientOptions(config));
  try {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: config.cursorSecretArn }));
    if (!SecretString || SecretString.length < 16) {
      throw new ConfigurationError(`The cursor secret ${config.cursorSecretArn} holds no key of at least 16 characters`);
    }
    return createStorefront({ ...input, cursorSecret: SecretString });
  } finally {
    secrets.destroy();
  }
}

let environmentStore: Promise<Storefront> | undefined;

/**
 * The store the environment describes: created on first use ({@link createEnvironmentStore}, the
 * cursor secret read then), once per process, and shared by every handler. A failed creation (an
 * invalid setting, an unreadable secret) is not kept: the next invocation tries again, so the error
 * surfaces in each invocation's logs rather than at import.
 *
 * @example
 * ```ts
 * const store = await storeFromEnvironment(); // the same store on every later call
 * ```
 */
export function storeFromEnvironment(): Promise<Storefront> {
  environmentStore ??= createEnvironmentStore().catch((error: unknown) => {
    environmentStore = undefined;
    throw error;
  });
  return environmentStore;
}
