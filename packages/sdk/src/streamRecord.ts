import * as z from 'zod';

// DynamoDB JSON (`{"S":"…"}`, `{"N":"…"}`, …); its content is checked once unmarshalled.
const dynamoImage = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * A DynamoDB stream record as EventBridge Pipes (and the local pipe runner) put it on the queue.
 * Unknown fields are kept: only what its consumers read is required.
 *
 * @group Streams
 */
export const streamRecordSchema = z.looseObject({
  /** The record's id in the stream. */
  eventID: z.string().min(1).max(256),
  /** What happened to the item. */
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  /** The change: keys, images and sequence number, in DynamoDB JSON. */
  dynamodb: z.looseObject({
    /** The item's key attributes. */
    Keys: dynamoImage,
    /** The item after the change (absent on REMOVE). */
    NewImage: dynamoImage.optional(),
    /** The item before the change (absent on INSERT). */
    OldImage: dynamoImage.optional(),
    /** The record's position in its shard. */
    SequenceNumber: z.string().regex(/^\d{1,40}$/, 'must be a decimal sequence number'),
    /** Epoch seconds. */
    ApproximateCreationDateTime: z.number().optional(),
  }),
});

/**
 * A DynamoDB stream record in the JSON shape EventBridge Pipes sends.
 *
 * @group Streams
 */
export type StreamRecord = z.output<typeof streamRecordSchema>;
