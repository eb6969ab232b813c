import { randomBytes } from 'node:crypto';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '@store-front/sdk';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createTestStore, product } from '../../sdk/tests/support.js';
import { createEnvironmentStore } from '../src/storeFromEnvironment.js';

const endpoint = inject('awsEndpoint');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const secrets = new SecretsManagerClient({ endpoint, region: 'us-east-1', credentials });

async function createSecret(value: string): Promise<string> {
  const { ARN } = await secrets.send(new CreateSecretCommand({ Name: `cursor-${randomBytes(4).toString('hex')}`, SecretString: value }));
  return ARN!;
}

describe('createEnvironmentStore', () => {
  it('reads the cursor-signing key from the secret, so every instance seals the same cursors', async () => {
    const key = randomBytes(32).toString('base64url');
    const cursorSecretArn = await createSecret(key);
    const [one, two] = await Promise.all([
      createEnvironmentStore({ endpoint, credentials, cursorSecretArn }),
      createEnvironmentStore({ endpoint, credentials, cursorSecretArn }),
    ]);
    expect(one.config.cursorSecret).toBe(key);
    expect(two.config.cursorSecret).toBe(key);
  });

  it('prefers a key given directly and then reads no secret', async () => {
    const store = await createEnvironmentStore({
      endpoint,
      credentials,
      cursorSecret: 'a-key-of-sixteen-chars',
      cursorSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf',
    });
    expect(store.config.cursorSecret).toBe('a-key-of-sixteen-chars');
  });

  it('refuses a secret too short to sign with', async () => {
    const cursorSecretArn = await createSecret('short');
    await expect(createEnvironmentStore({ endpoint, credentials, cursorSecretArn })).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('storeFromEnvironment: the one store of a Lambda process', () => {
  afterEach(() => vi.unstubAllEnvs());

  /** A fresh module, as in a new Lambda instance, with `env` as its environment. */
  async function freshProcess(env: Record<string, string>) {
    vi.resetModules();
    vi.stubEnv('STOREFRONT_AWS_ENDPOINT', endpoint);
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'storefront-api');
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return (await import('../src/storeFromEnvironment.js')).storeFromEnvironment;
  }

  it('creates the store once, with the secret read then, and shares it', async () => {
    const key = randomBytes(32).toString('base64url');
    const cursorSecretArn = await createSecret(key);
    const storeFromEnvironment = await freshProcess({ STOREFRONT_CURSOR_SECRET_ARN: cursorSecretArn });
    const [one, two] = await Promise.all([storeFromEnvironment(), storeFromEnvironment()]);
    expect(one).toBe(two);
    expect(one.config.cursorSecret).toBe(key);
    // A rotated secret reaches the next instance, not this one: it was read once.
    await secrets.send(new PutSecretValueCommand({ SecretId: cursorSecretArn, SecretString: randomBytes(32).toString('base64url') }));
    expect(await storeFromEnvironment()).toBe(one);
    expect((await storeFromEnvironment()).config.cursorSecret).toBe(key);
  });

  it('keeps no failed start: the next call tries again', async () => {
    const storeFromEnvironment = await freshProcess({ STOREFRONT_PREFIX: 'Not A Prefix!' });
    await expect(storeFromEnvironment()).rejects.toThrow(/STOREFRONT_PREFIX/);
    vi.stubEnv('STOREFRONT_PREFIX', 'handlers-test');
    expect((await storeFromEnvironment()).config.tables.orders).toBe('handlers-test-orders');
  });

  it('in Lambda without a configured secret, sealing a cursor is a ConfigurationError', async () => {
    const t = await createTestStore();
    await t.store.inventory.put([product('Mug', 3), product('Pan', 4)]);
    const storeFromEnvironment = await freshProcess({ STOREFRONT_PREFIX: t.config.prefix });
    const store = await storeFromEnvironment();
    expect(store.config.cursorSecret).toBeUndefined();
    // The fresh module graph has its own ConfigurationError class: compare by name.
    await expect(store.catalog.list({ limit: 1 })).rejects.toMatchObject({ name: 'ConfigurationError', message: expect.stringMatching(/cursor-signing key/) });
  });
});
