import * as z from 'zod';

// DynamoDB JSON (`{"S":"…"}`, `{"N":"…"}`, …); its content is checked once unmarshalled.
const dynamoImage = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * A DynamoDB stream record as EventBridge Pipes (and the local pipe runner) put it on the queue.
 * Unknown fields are kept: only what its consumers read is required.
 */
export const streamRecordSchema = z.looseObject({
  eventID: z.string().min(1).max(256),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  dynamodb: z.looseObject({
    Keys: dynamoImage,
    NewImage: dynamoImage.optional(),
    OldImage: dynamoImage.optional(),
    SequenceNumber: z.string().regex(/^\d{1,40}$/, 'must be a decimal sequence number'),
    /** Epoch seconds. */
    ApproximateCreationDateTime: z.number().optional(),
  }),
});

/** A DynamoDB stream record in the JSON shape EventBridge Pipes sends. */
export type StreamRecord = z.output<typeof streamRecordSchema>;
