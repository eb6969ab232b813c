import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { LowStockAlert } from '../types.js';

/** SNS takes subjects of fewer than 100 characters. */
export const maxSubjectLength = 99;

// SNS refuses line breaks and control characters in a subject; format characters are invisible.
const lineBreakOrControl = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;
const formatCharacter = /\p{Cf}/gu;

/**
 * The e-mail subject of an alert: `Low stock: <product>`, under SNS's limit of 100 characters
 * whatever the name — line breaks and control characters become spaces, format characters and lone
 * surrogates are dropped, and a long name is cut on a code-point boundary with an ellipsis.
 *
 * @example
 * ```ts
 * alertSubject('Coffee Mug'); // 'Low stock: Coffee Mug'
 * ```
 *
 * @group Alerts
 */
export function alertSubject(product: string): string {
  const printable = product
    .replace(/[\ud800-\udfff]/gu, '')
    .replace(formatCharacter, '')
    .replace(lineBreakOrControl, ' ')
    .trim();
  const full = `Low stock: ${printable}`;
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
 *
 * @group Alerts
 */
export function alertMessage(alert: LowStockAlert): {
  /** The e-mail subject. */
  Subject: string;
  /** The e-mail body, plain text. */
  Message: string;
  /** `product`, `quantity` and `threshold`, for subscription filters. */
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
