import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchGetTables } from '../../src/batchGet.js';
import { TryAgainError } from '../../src/index.js';

const documents = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const noWait = { sleep: async () => undefined };

beforeEach(() => documents.reset());

describe('batchGetTables', () => {
  it('reads unprocessed keys again until every table is read', async () => {
    // Prepare: the first answer leaves one key of each table unprocessed
    documents
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { catalog: [{ product: 'A' }], inventory: [] },
        UnprocessedKeys: { catalog: { Keys: [{ product: 'B' }] }, inventory: { Keys: [{ product: 'A' }] } },
      })
      .resolves({ Responses: { catalog: [{ product: 'B' }], inventory: [{ product: 'A', quantity: 3 }] } });
    // Act
    const found = await batchGetTables(client, { catalog: { keys: [{ product: 'A' }, { product: 'B' }] }, inventory: { keys: [{ product: 'A' }] } }, noWait);
    // Assess
    expect(found).toEqual({ catalog: [{ product: 'A' }, { product: 'B' }], inventory: [{ product: 'A', quantity: 3 }] });
    const second = documents.commandCalls(BatchGetCommand)[1]!.args[0].input.RequestItems!;
    expect(second).toEqual({ catalog: { Keys: [{ product: 'B' }] }, inventory: { Keys: [{ product: 'A' }] } });
  });

  it('pauses between attempts and ends in TryAgainError, never a partial answer', async () => {
    documents.on(BatchGetCommand).resolves({ Responses: {}, UnprocessedKeys: { catalog: { Keys: [{ product: 'A' }] } } });
    const waits: number[] = [];
    const error = await batchGetTables(client, { catalog: { keys: [{ product: 'A' }] } }, {
      maxAttempts: 4,
      sleep: async (ms) => void waits.push(ms),
      random: () => 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TryAgainError);
    expect(waits).toEqual([25, 50, 100]);
    expect(documents.commandCalls(BatchGetCommand)).toHaveLength(4);
  });
});
