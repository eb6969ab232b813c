import type { DailySales, StockStatus } from '../types.js';

/** A product that needs a manager's attention. */
export interface StockConcern {
  readonly product: string;
  readonly status: Extract<StockStatus, 'LOW' | 'OUT'>;
}

/** Everything the morning digest says. */
export interface DigestContent {
  readonly figures: DailySales;
  /** The same weekday a week before, when a sales report covered it. */
  readonly weekBefore: DailySales | undefined;
  /** Products LOW or OUT now (at most `concernsShown` of them listed). */
  readonly concerns: readonly StockConcern[];
  /** True when there are more LOW/OUT products than listed. */
  readonly moreConcerns: boolean;
  readonly region: string;
  readonly bucket: string;
  readonly key: string;
  readonly summaryKey: string;
  readonly timeZone: string;
}

// SNS subjects: ASCII, no line breaks, under 100 characters.
const subjectLimit = 99;
const amount = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });

/** `+12.5%`, `-3.0%`, or words when there is nothing to compare with. */
function change(now: number, before: DailySales | undefined, pick: (day: DailySales) => number): string {
  if (!before) return 'no report a week before';
  const then = pick(before);
  if (then === 0) return now === 0 ? 'same as a week before' : 'none a week before';
  const percent = ((now - then) / then) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}% vs ${weekday(before.date).slice(0, 3)} ${before.date}`;
}

/**
 * The morning digest as an e-mail: a subject under 100 characters and a plain-text body — the day's
 * figures with the change against the same weekday a week before, top products, revenue by
 * category, products LOW or OUT, and where the CSV files are (S3 URI and console link).
 *
 * @example
 * ```ts
 * const { Subject, Message } = digestMessage(content);
 * await sns.send(new PublishCommand({ TopicArn, Subject, Message }));
 * ```
 */
export function digestMessage(content: DigestContent): { Subject: string; Message: string } {
  const { figures, weekBefore } = content;
  const day = `${weekday(figures.date)} ${figures.date}`;
  const subject = `Sales ${figures.date}: ${amount(figures.revenue)} from ${figures.orders} orders (${change(figures.revenue, weekBefore, (d) => d.revenue)})`;
  const row = (label: string, value: string, note = '') => `  ${label.padEnd(16)}${value.padStart(14)}${note ? `   ${note}` : ''}`;
  const lines = [
    `Store Front — how ${day} went (${content.timeZone})`,
    '',
    row('Revenue', amount(figures.revenue), change(figures.revenue, weekBefore, (d) => d.revenue)),
    row('Orders', String(figures.orders), change(figures.orders, weekBefore, (d) => d.orders)),
    row('Units sold', String(figures.units)),
    row('Average order', amount(figures.averageOrderValue)),
    '',
    'Top products',
    ...(figures.topProducts.length === 0
      ? ['  (no sales)']
      : figures.topProducts.map((top, index) => `  ${String(index + 1).padStart(2)}. ${top.product} — ${top.units} sold, ${amount(top.revenue)}`)),
    '',
    'Revenue by category',
    ...(figures.byCategory.length === 0 ? ['  (no sales)'] : figures.byCategory.map((each) => `  ${each.category}: ${amount(each.revenue)}`)),
    '',
    'Stock to look at',
    ...(content.concerns.length === 0 ? ['  Nothing is low or sold out.'] : content.concerns.map((each) => `  ${each.status.padEnd(4)}${each.product}`)),
    ...(content.moreConcerns ? ['  … and more: see the inventory view'] : []),
    '',
    'Files',
    `  Orders   s3://${content.bucket}/${content.key}`,
    `  Summary  s3://${content.bucket}/${content.summaryKey}`,
    `  Console  https://s3.console.aws.amazon.com/s3/buckets/${content.bucket}?region=${content.region}&prefix=${encodeURIComponent(content.key.replace(/[^/]*$/, ''))}`,
  ];
  return { Subject: subject.length > subjectLimit ? `${subject.slice(0, subjectLimit - 3)}...` : subject, Message: lines.join('\n') };
}
