import { describe, expect, it, vi } from 'vitest';
import { createAwsClients } from '../../src/clients.js';
import { resolveConfig } from '../../src/config.js';

// Count S3 client constructions: the order and catalog path must never build one.
const built = vi.hoisted(() => ({ s3: 0 }));
vi.mock('@aws-sdk/client-s3', async (importOriginal) => {
  const original = await importOriginal<typeof import('@aws-sdk/client-s3')>();
  class CountedS3Client extends original.S3Client {
    constructor(...args: ConstructorParameters<typeof original.S3Client>) {
      super(...args);
      built.s3 += 1;
    }
  }
  return { ...original, S3Client: CountedS3Client };
});

describe('createAwsClients', () => {
  it('builds each client on first use only, then keeps it', () => {
    const clients = createAwsClients(resolveConfig({ endpoint: 'http://127.0.0.1:1' }, {}));
    expect(clients.documents).toBe(clients.documents);
    expect(clients.dynamodb).toBe(clients.dynamodb);
    expect(built.s3).toBe(0);
    const s3 = clients.s3;
    expect(clients.s3).toBe(s3);
    expect(built.s3).toBe(1);
  });

  it('keeps the settings each client needs', async () => {
    const clients = createAwsClients(resolveConfig({ endpoint: 'http://127.0.0.1:1' }, {}));
    expect(clients.s3.config.forcePathStyle).toBe(true);
    expect(clients.sqs.config.useQueueUrlAsEndpoint).toBe(false);
    expect(await clients.scheduler.config.region()).toBe('us-east-1');
  });
});
