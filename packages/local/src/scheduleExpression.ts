/*
 * EventBridge Scheduler expressions — `cron(m h dom mon dow year)`, `rate(n unit)`, `at(…)` — and
 * when they fire next in a time zone, so the local stack fires schedules as Scheduler would. The cron
 * grammar is the SDK's (`parseCronExpression`, the one `reports.setSchedule` accepts); croner does the
 * calendar and time-zone arithmetic, with Scheduler's day numbers (1 = Sunday) and `?`.
 */
import { parseCronExpression, cronFieldRange, type CronFields } from '@store-front/sdk/resources';
import { Cron } from 'croner';

const rateUnits: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/**
 * A croner pattern (seconds first, year last) for validated Scheduler fields: `?` is croner's `*`
 * (day-of-month and day-of-week are ANDed), `a/n` becomes `a-max/n`, `nL` becomes `n#L` and a lone
 * `L` in day-of-week is Saturday.
 */
function cronerPattern(fields: CronFields): string {
  const steps = (key: keyof CronFields) =>
    fields[key]
      .split(',')
      .map((part) => part.replace(/^([A-Z0-9]+)\/(\d+)$/, `$1-${cronFieldRange(key).max}/$2`))
      .join(',');
  const dayOfMonth = fields.dayOfMonth === '?' ? '*' : steps('dayOfMonth');
  const dayOfWeek =
    fields.dayOfWeek === '?' ? '*' : fields.dayOfWeek === 'L' ? '7' : /^[1-7]L$/.test(fields.dayOfWeek) ? fields.dayOfWeek.replace('L', '#L') : steps('dayOfWeek');
  return ['0', steps('minutes'), steps('hours'), dayOfMonth, steps('month'), dayOfWeek, steps('year')].join(' ');
}

/**
 * The first time strictly after `after` at which `expression` fires in `timeZone`, or `undefined`
 * when it never fires again (a past `at(…)`, or a cron whose years are over). Throws on a malformed
 * or unsupported expression. A wall-clock time that a DST change skips fires at the end of the gap.
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
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(body!)) throw new Error(`Unsupported at expression: ${expression}`);
    // An ISO local time without offset is read in the given zone.
    return new Cron(body!, { timezone: timeZone }).nextRun(after) ?? undefined;
  }
  if (kind !== 'cron') throw new Error(`Not a schedule expression: ${expression}`);
  const pattern = cronerPattern(parseCronExpression(expression.trim()));
  const cron = new Cron(pattern, { timezone: timeZone, mode: '7-part', alternativeWeekdays: true, domAndDow: true });
  return cron.nextRun(after) ?? undefined;
}
