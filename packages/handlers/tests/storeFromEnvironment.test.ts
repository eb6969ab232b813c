import { randomBytes } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '@store-front/sdk';
import { describe, expect, inject, it } from 'vitest';
import { storeFromEnvironment } from '../src/storeFromEnvironment.js';

const endpoint = inject('awsEndpoint');
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const secrets = new SecretsManagerClient({ endpoint, region: 'us-east-1', credentials });

async function createSecret(value: string): Promise<string> {
  const { ARN } = await secrets.send(new CreateSecretCommand({ Name: `cursor-${randomBytes(4).toString('hex')}`, SecretString: value }));
  return ARN!;
}

describe('storeFromEnvironment', () => {
  it('reads the cursor-signing key from the secret, so every instance seals the same cursors', async () => {
    const key = randomBytes(32).toString('base64url');
    const cursorSecretArn = await createSecret(key);
    const [one, two] = await Promise.all([
      storeFromEnvironment({ endpoint, credentials, cursorSecretArn }),
      storeFromEnvironment({ endpoint, credentials, cursorSecretArn }),
    ]);
    expect(one.config.cursorSecret).toBe(key);
    expect(two.config.cursorSecret).toBe(key);
  });

  it('prefers a key given directly and then reads no secret', async () => {
    const store = await storeFromEnvironment({
      endpoint,
      credentials,
      cursorSecret: 'a-key-of-sixteen-chars',
      cursorSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf',
    });
    expect(store.config.cursorSecret).toBe('a-key-of-sixteen-chars');
  });

  it('refuses a secret too short to sign with', async () => {
    const cursorSecretArn = await createSecret('short');
    await expect(storeFromEnvironment({ endpoint, credentials, cursorSecretArn })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
