/*
 * EventBridge Scheduler expressions — `cron(m h dom mon dow year)`, `rate(n unit)`, `at(…)` — and
 * when they fire next in a time zone, so the local stack fires schedules as Scheduler would.
 * Supported cron syntax: `*`, `?`, numbers, names (JAN, MON), ranges, lists and `/` steps;
 * `L`, `W` and `#` are rejected (the store's schedules do not use them).
 */
import { timeZoneOffsetMs, wallClockToInstant } from '@store-front/sdk/resources';

interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** `undefined` for `?` (day of week decides). */
  readonly daysOfMonth: ReadonlySet<number> | undefined;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday, as EventBridge counts; `undefined` for `?`. */
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  readonly years: ReadonlySet<number> | undefined;
}

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const rateUnits: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

function parseField(text: string, min: number, max: number, names: string[] = [], nameBase = 1): Set<number> | undefined {
  if (text === '?') return undefined;
  const value = (token: string) => {
    const named = names.indexOf(token.toUpperCase());
    const number = named >= 0 ? named + nameBase : /^\d+$/.test(token) ? Number(token) : Number.NaN;
    if (!(number >= min && number <= max)) throw new Error(`"${token}" is not in ${min}–${max}`);
    return number;
  };
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) [from, to] = range.split('-').map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : max];
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return values;
}

function parseCron(body: string): CronFields {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error('cron needs 6 fields: minutes hours day-of-month month day-of-week year');
  if (/[LW#]/.test(fields[2]! + fields[4]!)) throw new Error('L, W and # are not supported locally');
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  const parsed = {
    minutes: parseField(minutes, 0, 59)!,
    hours: parseField(hours, 0, 23)!,
    daysOfMonth: parseField(dom, 1, 31),
    months: parseField(month, 1, 12, monthNames)!,
    daysOfWeek: parseField(dow, 1, 7, dayNames),
    years: year === '*' ? undefined : parseField(year, 1970, 2199),
  };
  if (!parsed.minutes || !parsed.hours || !parsed.months) throw new Error('only day-of-month or day-of-week may be "?"');
  if ((parsed.daysOfMonth === undefined) === (parsed.daysOfWeek === undefined)) {
    throw new Error('exactly one of day-of-month and day-of-week must be "?"');
  }
  return parsed;
}

/** The instant of a wall-clock time in `timeZone` (a time skipped by a DST change lands just after it). */
function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  return wallClockToInstant(Date.UTC(year, month - 1, day, hour, minute), timeZone);
}

/** The calendar date (in `timeZone`) of `instant`. */
function zonedDate(instant: number, timeZone: string): { year: number; month: number; day: number } {
  const local = new Date(instant + timeZoneOffsetMs(instant, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * The first time strictly after `after` at which `expression` fires in `timeZone`, or `undefined`
 * when it never fires again (a past `at(…)`, or a cron whose years are over). Throws on a malformed
 * or unsupported expression.
 *
 * @example
 * ```ts
 * nextFireTime('cron(15 0 * * ? *)', 'Europe/Berlin', new Date('2025-01-01T12:00:00Z'));
 * // 2025-01-01T23:15:00.000Z (00:15 on 2 January in Berlin)
 * ```
 */
export function nextFireTime(expression: string, timeZone: string, after: Date): Date | undefined {
  const [, kind, body] = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim()) ?? [];
  if (kind === 'rate') {
    const [, count, unit] = /^\s*(\d+)\s+([a-z]+)\s*$/.exec(body!) ?? [];
    const period = Number(count) * (rateUnits[unit ?? ''] ?? Number.NaN);
    if (!(period > 0)) throw new Error(`Unsupported rate expression: ${expression}`);
    return new Date((Math.floor(after.getTime() / period) + 1) * period);
  }
  if (kind === 'at') {
    const [, y, mo, d, h, mi, s] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body!)?.map(Number) ?? [];
    if (y === undefined) throw new Error(`Unsupported at expression: ${expression}`);
    const at = zonedTime(y, mo!, d!, h!, mi!, timeZone) + s! * 1000;
    return at > after.getTime() ? new Date(at) : undefined;
  }
  if (kind !== 'cron') throw new Error(`Not a schedule expression: ${expression}`);
  const cron = parseCron(body!);
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const start = zonedDate(after.getTime(), timeZone);
  // Day by day through the local calendar (at most ~5 years ahead), then through that day's times.
  for (let offset = 0; offset < 5 * 366 + 2; offset++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (cron.years && ![...cron.years].some((y) => y >= year)) return undefined;
    if (cron.years && !cron.years.has(year)) continue;
    if (!cron.months.has(month)) continue;
    if (cron.daysOfMonth ? !cron.daysOfMonth.has(day) : !cron.daysOfWeek!.has(date.getUTCDay() + 1)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const instant = zonedTime(year, month, day, hour, minute, timeZone);
        if (instant > after.getTime()) return new Date(instant);
      }
    }
  }
  return undefined;
}
