/*
 * The EventBridge Scheduler cron grammar the store accepts, in one place: `reports.setSchedule`
 * validates with it and the local stack's scheduler reads schedules with it, so an expression that is
 * accepted is one both AWS and the local stack can fire. No imports: safe for any bundle.
 */

/**
 * The six fields of `cron(minutes hours day-of-month month day-of-week year)`, as written.
 *
 * @group Scheduling
 */
export interface CronFields {
  /** Minutes, 0–59. */
  readonly minutes: string;
  /** Hours, 0–23. */
  readonly hours: string;
  /** Day of the month, 1–31, or `?`, `L`, `nW`. */
  readonly dayOfMonth: string;
  /** Month, 1–12 or `JAN`–`DEC`. */
  readonly month: string;
  /** Day of the week, 1–7 (1 = Sunday) or `SUN`–`SAT`, or `?`, `L`, `nL`, `n#k`. */
  readonly dayOfWeek: string;
  /** Year, 1970–2199. */
  readonly year: string;
}

interface FieldRule {
  readonly key: keyof CronFields;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Forms that stand alone in the field (no list, range or step). */
  readonly alone?: RegExp;
}

/** Scheduler's fields: ranges, names and the special forms each one takes. */
const fieldRules: readonly FieldRule[] = [
  { key: 'minutes', label: 'minutes', min: 0, max: 59 },
  { key: 'hours', label: 'hours', min: 0, max: 23 },
  // ?, L (the last day), nW (the weekday nearest day n, within the month)
  { key: 'dayOfMonth', label: 'day-of-month', min: 1, max: 31, alone: /^(\?|L|([1-9]|[12]\d|3[01])W)$/ },
  { key: 'month', label: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // ?, L (Saturday, the week's last day), nL (the month's last day n), n#k (its k-th day n); 1 = Sunday
  { key: 'dayOfWeek', label: 'day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], alone: /^(\?|L|[1-7]L|[1-7]#[1-5])$/ },
  { key: 'year', label: 'year', min: 1970, max: 2199 },
];

/**
 * The field's limits, for the pieces that turn the fields into another library's pattern.
 *
 * @internal The local stack's scheduler uses it.
 */
export function cronFieldRange(key: keyof CronFields): { readonly min: number; readonly max: number } {
  const { min, max } = fieldRules.find((rule) => rule.key === key)!;
  return { min, max };
}

/**
 * What is wrong with `expression` as a Scheduler cron expression, or `undefined` when nothing is.
 * Accepted: `cron(minutes hours day-of-month month day-of-week year)` with numbers, `*`, ranges
 * `a-b`, steps `*\/n`, `a/n` and `a-b/n`, lists `a,b`, month names `JAN`–`DEC` and day names
 * `SUN`–`SAT`; `?` in exactly one of day-of-month and day-of-week; in day-of-month `L` or `nW`, in
 * day-of-week `L`, `nL` or `n#k`, each alone in its field.
 *
 * @example
 * ```ts
 * cronExpressionProblem('cron(15 0 * * ? *)');  // undefined
 * cronExpressionProblem('cron(15 0 L * L *)');  // 'exactly one of day-of-month and day-of-week must be ?'
 * ```
 *
 * @group Scheduling
 */
export function cronExpressionProblem(expression: string): string | undefined {
  const match = /^cron\(([^()]*)\)$/.exec(expression);
  const texts = match ? match[1]!.trim().split(/\s+/) : [];
  if (texts.length !== 6) return 'must be cron(minutes hours day-of-month month day-of-week year)';
  for (const [index, rule] of fieldRules.entries()) {
    const problem = fieldProblem(texts[index]!, rule);
    if (problem) return `${rule.label}: ${problem}`;
  }
  if ((texts[2] === '?') === (texts[4] === '?')) return 'exactly one of day-of-month and day-of-week must be ?';
  return undefined;
}

/**
 * The six fields of a valid Scheduler cron expression; throws an `Error` naming the problem otherwise.
 *
 * @example
 * ```ts
 * parseCronExpression('cron(30 6 ? * MON-FRI *)').dayOfWeek; // 'MON-FRI'
 * ```
 *
 * @group Scheduling
 */
export function parseCronExpression(expression: string): CronFields {
  const problem = cronExpressionProblem(expression);
  if (problem) throw new Error(`Unsupported cron expression ${expression}: ${problem}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = /^cron\((.*)\)$/.exec(expression)![1]!.trim().split(/\s+/) as [
    string, string, string, string, string, string,
  ];
  return { minutes, hours, dayOfMonth, month, dayOfWeek, year };
}

/** What is wrong with one field, or `undefined`. */
function fieldProblem(text: string, rule: FieldRule): string | undefined {
  if (rule.alone?.test(text)) return undefined;
  for (const part of text.split(',')) {
    const match = /^(?:\*|([A-Z0-9]+)(?:-([A-Z0-9]+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return `"${part}" is not a value, range, step or list${rule.alone ? ' (nor a special form of this field)' : ''}`;
    const [, fromText, toText, stepText] = match;
    const from = fromText === undefined ? rule.min : valueOf(fromText, rule);
    const to = toText === undefined ? from : valueOf(toText, rule);
    if (from === undefined || to === undefined) return `"${part}" is outside ${rule.min}–${rule.max}`;
    if (from > to) return `"${part}" is a range that ends before it starts`;
    if (stepText !== undefined && !(Number(stepText) >= 1 && Number(stepText) <= rule.max)) return `"${part}" has a step outside 1–${rule.max}`;
  }
  return undefined;
}

function valueOf(token: string, rule: FieldRule): number | undefined {
  const named = rule.names?.indexOf(token) ?? -1;
  const value = named >= 0 ? named + rule.min : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  return value >= rule.min && value <= rule.max ? value : undefined;
}
