import * as z from 'zod';
import { alternatives, hasKey, integerIn } from '../schemas.js';
import { isTimeZone } from '../timeZones.js';
import { cronExpressionProblem } from './cronExpression.js';
import { isCalendarDate } from './storeTime.js';

/**
 * A report date: a real calendar day written `YYYY-MM-DD`.
 *
 * @group Reports
 */
export const reportDateSchema = z
  .string({ error: 'must be a string' })
  .refine(isCalendarDate, 'must be a calendar date written YYYY-MM-DD');

const reportTypeSchema = z.enum(['sales', 'inventory'], { error: 'must be "sales" or "inventory"' });

/**
 * `reports.start` input: `{type, date?}`, or the seed's `{mode, date?}` with `mode` as an alias of
 * `type` (one of the two, not both).
 *
 * @group Reports
 */
export const startReportSchema = alternatives(
  [
    z.strictObject({
      /** Which report. */
      type: reportTypeSchema,
      /** The day, `YYYY-MM-DD`; sales default to today in the store's time zone. */
      date: reportDateSchema.optional(),
    }),
    z.strictObject({
      /** Which report (the seed's name of `type`). */
      mode: reportTypeSchema,
      /** The day, `YYYY-MM-DD`. */
      date: reportDateSchema.optional(),
    }),
  ],
  // `type` wins when both are sent: `mode` is then an unknown field.
  (input) => (hasKey(input, 'mode') && !hasKey(input, 'type') ? 1 : 0),
  (request) => ('mode' in request ? { type: request.mode, ...(request.date === undefined ? {} : { date: request.date }) } : request),
);

/**
 * An execution id: random UUIDs from `reports.start`, or deterministic ids such as `daily-sales-2024-05-01`.
 *
 * @group Reports
 */
export const executionIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1–100 characters of A-Z, a-z, 0-9, . _ - (not starting with . _ -)');

/** Per-call options of `reports.start`. */
export const startReportOptionsSchema = z.strictObject({ executionId: executionIdSchema.optional() });

/**
 * A Scheduler cron expression in the grammar of `cronExpressionProblem` (the one the local stack fires too).
 *
 * @group Reports
 */
export const cronExpressionSchema = z
  .string({ error: 'must be a string' })
  .max(256, 'must be at most 256 characters')
  .superRefine((value, context) => {
    const problem = cronExpressionProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** `reports.setSchedule` input. */
export const reportScheduleSchema = z.strictObject({
  cron: cronExpressionSchema,
  timezone: z.string({ error: 'must be a string' }).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
});

/**
 * Options of `reports.list` (limit 1–100, default 50; `from` ≤ `to`).
 *
 * @group Reports
 */
export const reportListOptionsSchema = z
  .strictObject({
    /** Only reports of this type. */
    type: reportTypeSchema.optional(),
    /** Reports dated on or after this day. */
    from: reportDateSchema.optional(),
    /** Reports dated on or before this day. */
    to: reportDateSchema.optional(),
    /** Page size, 1–100 (default 50). */
    limit: integerIn(1, 100).default(50),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1, 'must not be empty').max(4096).optional(),
  })
  .refine((options) => options.from === undefined || options.to === undefined || options.from <= options.to, {
    path: ['to'],
    message: 'must not be before from',
  });

/** What a report history cursor holds: its filters and the history key of the last job shown. */
export const reportCursorSchema = z.strictObject({
  listing: z.literal('reports'),
  type: reportTypeSchema.nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  after: z.string().min(1),
});

/**
 * The longest range `reports.dailySales` returns.
 *
 * @group Reports
 */
export const maxDailySalesDays = 366;

/**
 * Options of `reports.dailySales`: `from` ≤ `to`, at most 366 days.
 *
 * @group Reports
 */
export const dailySalesOptionsSchema = z
  .strictObject({
    /** First day. */
    from: reportDateSchema,
    /** Last day, on or after `from`. */
    to: reportDateSchema,
  })
  .superRefine(({ from, to }, context) => {
    if (!isCalendarDate(from) || !isCalendarDate(to)) return;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    if (days < 1) context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days > maxDailySalesDays) context.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${maxDailySalesDays} days after from, counting both` });
  });
