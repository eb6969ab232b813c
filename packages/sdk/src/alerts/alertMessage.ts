import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { LowStockAlert } from '../types.js';

/** SNS rejects longer subjects. */
export const maxSubjectLength = 100;

/**
 * The e-mail subject of an alert: `Low stock: <product>`, cut to SNS's 100-character limit on a
 * code-point boundary (never half a surrogate pair) with an ellipsis when cut.
 *
 * @example
 * ```ts
 * alertSubject('Coffee Mug'); // 'Low stock: Coffee Mug'
 * ```
 */
export function alertSubject(product: string): string {
  const full = `Low stock: ${product}`;
  if (full.length <= maxSubjectLength) return full;
  let subject = '';
  for (const character of full) {
    if (subject.length + character.length + 1 > maxSubjectLength) break;
    subject += character;
  }
  return `${subject}…`;
}

/**
 * The SNS message of an alert: subject, a human-readable body and the same fields as message
 * attributes, so subscriptions can filter (e.g. on `product`).
 *
 * @example
 * ```ts
 * const { Subject, Message, MessageAttributes } = alertMessage({ product: 'Mug', quantity: 4, threshold: 5, at: '2025-01-01T10:00:00.000Z' });
 * await sns.send(new PublishCommand({ TopicArn, Subject, Message, MessageAttributes }));
 * ```
 */
export function alertMessage(alert: LowStockAlert): {
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, MessageAttributeValue>;
} {
  return {
    Subject: alertSubject(alert.product),
    Message: [
      `Stock of "${alert.product}" is low.`,
      '',
      `Product:   ${alert.product}`,
      `Quantity:  ${alert.quantity}`,
      `Threshold: ${alert.threshold}`,
      `Time:      ${alert.at}`,
      '',
      `It fell to or below its threshold of ${alert.threshold}. Restock it to re-arm this alert.`,
    ].join('\n'),
    MessageAttributes: {
      product: { DataType: 'String', StringValue: alert.product },
      quantity: { DataType: 'Number', StringValue: String(alert.quantity) },
      threshold: { DataType: 'Number', StringValue: String(alert.threshold) },
      at: { DataType: 'String', StringValue: alert.at },
    },
  };
}
