import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientOptions } from '@store-front/sdk/resources';
import {
  ConfigurationError,
  createStorefront,
  resolveConfig,
  type Storefront,
  type StorefrontConfigInput,
} from '@store-front/sdk';

/**
 * Creates the store a Lambda serves, from the environment (`STOREFRONT_*` settings) and `input`. When
 * the cursor-signing key is not given but `cursorSecretArn` is, the key is read from Secrets Manager
 * here, once: call it once per cold start. Every instance then signs cursors with the same key.
 *
 * @example
 * ```ts
 * const store = await storeFromEnvironment(); // STOREFRONT_CURSOR_SECRET_ARN=arn:aws:secretsmanager:…
 * ```
 */
export async function storeFromEnvironment(input: StorefrontConfigInput = {}): Promise<Storefront> {
  const config = resolveConfig(input);
  if (config.cursorSecret !== undefined || config.cursorSecretArn === undefined) return createStorefront(input);
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
