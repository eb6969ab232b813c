import { cronExpressionProblem } from '@store-front/sdk/resources';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFireTime } from '../src/scheduleExpression.js';

const at = (iso: string) => new Date(iso);

describe('nextFireTime', () => {
  it('computes the next firing of cron, rate and at expressions in a time zone', () => {
    expect(nextFireTime('cron(15 0 * * ? *)', 'UTC', at('2025-03-01T10:00:00Z'))).toEqual(at('2025-03-02T00:15:00Z'));
    expect(nextFireTime('cron(15 0 * * ? *)', 'Europe/Berlin', at('2025-01-01T12:00:00Z'))).toEqual(at('2025-01-01T23:15:00Z'));
    expect(nextFireTime('cron(15 0 * * ? *)', 'Europe/Berlin', at('2025-07-01T12:00:00Z'))).toEqual(at('2025-07-01T22:15:00Z'));
    expect(nextFireTime('cron(0 9 ? * MON-FRI *)', 'America/New_York', at('2025-06-06T14:00:00Z'))).toEqual(at('2025-06-09T13:00:00Z'));
    expect(nextFireTime('cron(0 9 ? * 2-6 *)', 'America/New_York', at('2025-06-06T14:00:00Z'))).toEqual(at('2025-06-09T13:00:00Z'));
    expect(nextFireTime('cron(0/20 * * * ? *)', 'UTC', at('2025-06-06T14:41:00Z'))).toEqual(at('2025-06-06T15:00:00Z'));
    expect(nextFireTime('cron(0 12 1 JAN,JUL ? 2025)', 'UTC', at('2025-07-02T00:00:00Z'))).toBeUndefined();
    expect(nextFireTime('rate(5 minutes)', 'UTC', at('2025-06-06T14:41:10Z'))).toEqual(at('2025-06-06T14:45:00Z'));
    expect(nextFireTime('at(2025-06-07T09:00:00)', 'Asia/Tokyo', at('2025-06-06T00:00:00Z'))).toEqual(at('2025-06-07T00:00:00Z'));
    expect(nextFireTime('at(2025-06-07T09:00:00)', 'Asia/Tokyo', at('2025-06-08T00:00:00Z'))).toBeUndefined();
  });

  it("fires Scheduler's L, W and # forms (1 = Sunday)", () => {
    expect(nextFireTime('cron(0 6 L * ? *)', 'UTC', at('2026-02-03T00:00:00Z'))).toEqual(at('2026-02-28T06:00:00Z'));
    // 2026-08-15 is a Saturday: 15W is Friday the 14th.
    expect(nextFireTime('cron(0 6 15W * ? *)', 'UTC', at('2026-08-01T00:00:00Z'))).toEqual(at('2026-08-14T06:00:00Z'));
    expect(nextFireTime('cron(0 6 ? * 6L *)', 'UTC', at('2026-09-01T00:00:00Z'))).toEqual(at('2026-09-25T06:00:00Z'));
    expect(nextFireTime('cron(0 6 ? * 3#2 *)', 'UTC', at('2026-09-01T00:00:00Z'))).toEqual(at('2026-09-08T06:00:00Z'));
    expect(nextFireTime('cron(0 6 ? * L *)', 'UTC', at('2026-09-01T00:00:00Z'))).toEqual(at('2026-09-05T06:00:00Z'));
  });

  // Days that are 23 h or 25 h long, and DST changes at midnight: a skipped wall-clock time fires at
  // the end of the gap, on its own day; a repeated one fires once.
  it.each([
    { cron: 'cron(15 0 * * ? *)', zone: 'America/Santiago', after: '2026-09-05T12:00:00Z', next: '2026-09-06T04:00:00Z' },
    { cron: 'cron(15 0 * * ? *)', zone: 'America/Santiago', after: '2026-09-06T12:00:00Z', next: '2026-09-07T03:15:00Z' },
    { cron: 'cron(15 0 * * ? *)', zone: 'America/Havana', after: '2026-03-07T12:00:00Z', next: '2026-03-08T05:00:00Z' },
    { cron: 'cron(15 0 * * ? *)', zone: 'America/Havana', after: '2026-10-31T12:00:00Z', next: '2026-11-01T04:15:00Z' },
    { cron: 'cron(15 0 * * ? *)', zone: 'America/Havana', after: '2026-11-01T04:15:00Z', next: '2026-11-02T05:15:00Z' },
    { cron: 'cron(30 2 * * ? *)', zone: 'Europe/Berlin', after: '2026-03-28T12:00:00Z', next: '2026-03-29T01:00:00Z' },
    { cron: 'cron(30 2 * * ? *)', zone: 'Europe/Berlin', after: '2026-10-24T12:00:00Z', next: '2026-10-25T00:30:00Z' },
    { cron: 'cron(30 2 * * ? *)', zone: 'Europe/Berlin', after: '2026-10-25T00:30:00Z', next: '2026-10-26T01:30:00Z' },
    { cron: 'cron(15 0 * * ? *)', zone: 'America/New_York', after: '2026-03-07T12:00:00Z', next: '2026-03-08T05:15:00Z' },
    { cron: 'cron(15 2 * * ? *)', zone: 'Australia/Lord_Howe', after: '2026-10-03T00:00:00Z', next: '2026-10-03T15:30:00Z' },
  ])('$cron in $zone after $after: $next', ({ cron, zone, after, next }) => {
    expect(nextFireTime(cron, zone, at(after))).toEqual(at(next));
  });

  it('refuses what Scheduler or the local scheduler cannot run', () => {
    for (const bad of ['cron(0 0 * * * *)', 'cron(0 0 LW * ? *)', 'cron(0 L * * ? *)', 'cron(0 0 ? * 5#6 *)', 'cron(61 0 * * ? *)', 'rate(0 minutes)', 'every day']) {
      expect(() => nextFireTime(bad, 'UTC', new Date()), bad).toThrow();
    }
  });
});

// Field pieces Scheduler documents; every expression built from them is accepted by the SDK's grammar
// and fired by the local scheduler.
const number = (min: number, max: number) => fc.integer({ min, max });
const plainField = (min: number, max: number) =>
  fc.oneof(
    fc.constant('*'),
    number(min, max).map(String),
    fc.tuple(number(min, max), number(min, max)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(number(min, max), number(1, max)).map(([a, step]) => `${a}/${step}`),
    number(1, max).map((step) => `*/${step}`),
    fc.uniqueArray(number(min, max), { minLength: 2, maxLength: 4 }).map((values) => values.join(',')),
  );
const days = fc.oneof(
  fc.tuple(plainField(1, 31), fc.constant('?')),
  fc.tuple(fc.constantFrom('L', '1W', '15W', '31W'), fc.constant('?')),
  fc.tuple(fc.constant('?'), fc.oneof(plainField(1, 7), fc.constantFrom('MON-FRI', 'SUN,SAT', 'L', '6L', '2#1', '7#5'))),
);
const expressions = fc
  .tuple(plainField(0, 59), plainField(0, 23), days, fc.oneof(plainField(1, 12), fc.constantFrom('JAN', 'MAR-OCT')), fc.oneof(fc.constant('*'), fc.constant('2026-2199')))
  .map(([minutes, hours, [dayOfMonth, dayOfWeek], month, year]) => `cron(${minutes} ${hours} ${dayOfMonth} ${month} ${dayOfWeek} ${year})`);

describe('the cron grammar is the one both Scheduler and the local scheduler accept', () => {
  it('computes a next firing for every expression the grammar accepts (property)', () => {
    fc.assert(
      fc.property(expressions, fc.constantFrom('UTC', 'Europe/Berlin', 'America/Santiago'), (expression, zone) => {
        expect(cronExpressionProblem(expression)).toBeUndefined();
        const after = at('2026-06-01T00:00:00Z');
        // Accepted means fired: no throw. (An impossible date such as 31 FEB is valid and never fires.)
        const next = nextFireTime(expression, zone, after);
        if (next) expect(next.getTime()).toBeGreaterThan(after.getTime());
        if (next) expect(next.getUTCSeconds()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects the extensions other cron dialects have (property)', () => {
    const extensions = fc.constantFrom('LW', 'L-2', '5#6', '+MON', 'L,1', '1W,2', '0#1', '8', '?', 'H', '1-2-3', '*/0', 'JAN', 'MON');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), extensions, (field, token) => {
        const fields = ['0', '0', '*', '*', '?', '*'];
        fields[field] = token;
        const expression = `cron(${fields.join(' ')})`;
        // A token some field does accept (e.g. JAN in month) is fine there: only the rejected ones are checked.
        if (cronExpressionProblem(expression) === undefined) return;
        expect(() => nextFireTime(expression, 'UTC', new Date())).toThrow(/Unsupported cron expression/);
      }),
    );
    for (const rejected of ['cron(0 0 LW * ? *)', 'cron(0 0 ? * 5#6 *)', 'cron(0 0 ? * +MON *)', 'cron(0 0 L-2 * ? *)', 'cron(0 0 1W,2 * ? *)', 'cron(0 0 * JAN L *)']) {
      expect(cronExpressionProblem(rejected), rejected).toBeDefined();
    }
  });
});
