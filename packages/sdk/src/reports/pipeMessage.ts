import { ValidationError } from '../errors.js';
import { executionIdSchema } from './schema.js';

/**
 * The execution id a `report-requests` message is about. The message body is what the
 * `report-requests` pipe sends: the `report-jobs` stream record as JSON
 * (`{eventID, eventName, dynamodb: {Keys: {executionId: {S}}, NewImage, …}}`).
 * Throws `ValidationError` for anything else (a poison message, bound for the DLQ).
 *
 * @example
 * ```ts
 * const executionId = executionIdFromPipeMessage(sqsRecord.body);
 * await worker.run(executionId);
 * ```
 *
 * @group Reports
 */
export function executionIdFromPipeMessage(body: string): string {
  let record: { dynamodb?: { Keys?: { executionId?: { S?: unknown } } } };
  try {
    record = JSON.parse(body) as typeof record;
  } catch {
    throw new ValidationError('Report request message is not JSON');
  }
  const executionId = record?.dynamodb?.Keys?.executionId?.S;
  if (typeof executionId !== 'string' || !executionIdSchema.safeParse(executionId).success) {
    throw new ValidationError('Report request message carries no valid dynamodb.Keys.executionId.S');
  }
  return executionId;
}
