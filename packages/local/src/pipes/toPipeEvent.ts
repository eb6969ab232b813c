import type { AttributeValue, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

/** A DynamoDB attribute value as JSON (binary as base64), as the DynamoDB wire format writes it. */
type JsonAttributeValue = Record<string, unknown>;

/**
 * A stream record as EventBridge Pipes delivers a DynamoDB stream record to its target: the
 * record's fields in DynamoDB JSON, `ApproximateCreationDateTime` in epoch seconds, plus
 * `eventSourceARN`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(toPipeEvent(record, streamArn));
 * ```
 */
export function toPipeEvent(record: StreamRecord, streamArn: string): Record<string, unknown> {
  const { dynamodb = {} } = record;
  const image = (value: Record<string, AttributeValue> | undefined) =>
    value && Object.fromEntries(Object.entries(value).map(([name, attribute]) => [name, toJson(attribute)]));
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb: {
      ...(dynamodb.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(dynamodb.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      Keys: image(dynamodb.Keys),
      NewImage: image(dynamodb.NewImage),
      OldImage: image(dynamodb.OldImage),
      SequenceNumber: dynamodb.SequenceNumber,
      SizeBytes: dynamodb.SizeBytes,
      StreamViewType: dynamodb.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
}

function toJson(value: AttributeValue): JsonAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((item) => Buffer.from(item).toString('base64')) };
  if (value.M !== undefined) return { M: Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toJson(v)])) };
  if (value.L !== undefined) return { L: value.L.map(toJson) };
  return { ...value };
}
