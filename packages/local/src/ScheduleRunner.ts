import { GetScheduleCommand, ListSchedulesCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Context } from 'aws-lambda';
import { nextFireTime } from './scheduleExpression.js';
import { lambdaContext } from './startQueueConsumer.js';

/** A Lambda a schedule can target: it gets the schedule's `Input` (parsed JSON) as its event. */
export type ScheduledHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A schedule as read back from the Scheduler API. */
export interface LocalSchedule {
  readonly name: string;
  readonly expression: string;
  readonly timezone: string;
  /** The function name of the target Lambda ARN, without the store's prefix. */
  readonly functionName: string;
  /** The target's `Input` as stored; context attributes such as `<aws.scheduler.scheduled-time>` are filled in at firing. */
  readonly input: string | undefined;
  readonly next: Date | undefined;
}

/** Options of {@link ScheduleRunner}. */
export interface ScheduleRunnerOptions {
  readonly scheduler: SchedulerClient;
  /** Schedule group to read. */
  readonly group: string;
  /** The store's resource prefix: only schedules targeting `<prefix>-<function>` are this store's. */
  readonly prefix: string;
  /** Handlers by function name (unprefixed, e.g. `scheduled-report`). */
  readonly handlers: Readonly<Record<string, ScheduledHandler>>;
  /** How often schedules are read again (changes made with `setSchedule` show up), ms. Default 60 000. */
  readonly refreshMs?: number;
  /**
   * When these schedules last ran (e.g. when the stopped stack last saved its data). A schedule due
   * between then and `start()` fires once at start, for its latest missed time, so a daily report
   * missed while the stack was stopped still runs (once, however many days passed).
   */
  readonly missedSince?: Date;
  readonly onFire?: (schedule: LocalSchedule, result: unknown) => void;
  readonly onError?: (error: Error, schedule?: LocalSchedule) => void;
}

/**
 * Fires EventBridge Scheduler schedules locally: it reads the schedules back from the Scheduler
 * API (ListSchedules, then GetSchedule for each), works out when each fires next from its expression
 * in its time zone, and at that time invokes the handler of its target function with its input.
 *
 * @example
 * ```ts
 * const runner = new ScheduleRunner({ scheduler, group: 'default', prefix: '', handlers: { 'scheduled-report': handler } });
 * await runner.start();
 * await runner.stop();
 * ```
 */
export class ScheduleRunner {
  private schedules: LocalSchedule[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly firing = new Set<Promise<void>>();

  constructor(private readonly options: ScheduleRunnerOptions) {}

  /** Reads the schedules, fires those missed since `missedSince`, and arms the timer. */
  async start(): Promise<void> {
    this.running = true;
    await this.refresh();
    const since = this.options.missedSince;
    if (!since) return;
    const now = new Date();
    for (const schedule of this.schedules) {
      let missed: Date | undefined;
      try {
        missed = lastFireTimeBetween(schedule, since, now);
      } catch {
        continue; // a bad expression: `load` has reported it
      }
      if (missed) this.fire(schedule, missed);
    }
  }

  /** Disarms the timer and waits for invocations in progress. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.all(this.firing);
  }

  /** This store's schedules with a handler, and when each fires next. */
  get current(): readonly LocalSchedule[] {
    return this.schedules;
  }

  /** Reads every schedule of the group that targets one of the handlers. */
  async load(now = new Date()): Promise<LocalSchedule[]> {
    const { scheduler, group, prefix, handlers } = this.options;
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await scheduler.send(new ListSchedulesCommand({ GroupName: group, NextToken }));
      for (const summary of page.Schedules ?? []) if (summary.State !== 'DISABLED') names.push(summary.Name!);
      NextToken = page.NextToken;
    } while (NextToken);
    const schedules: LocalSchedule[] = [];
    for (const name of names) {
      const schedule = await scheduler.send(new GetScheduleCommand({ Name: name, GroupName: group }));
      const target = /:function:([^:]+)/.exec(schedule.Target?.Arn ?? '')?.[1];
      const functionName = target === undefined ? undefined : prefix ? (target.startsWith(`${prefix}-`) ? target.slice(prefix.length + 1) : undefined) : target;
      if (functionName === undefined || !handlers[functionName] || schedule.State === 'DISABLED') continue;
      const expression = schedule.ScheduleExpression!;
      const timezone = schedule.ScheduleExpressionTimezone ?? 'UTC';
      let next: Date | undefined;
      try {
        next = nextFireTime(expression, timezone, now);
      } catch (error) {
        this.options.onError?.(new Error(`Schedule ${name}: ${(error as Error).message}`));
      }
      schedules.push({ name, expression, timezone, functionName, input: schedule.Target?.Input, next });
    }
    return schedules;
  }

  private async refresh(): Promise<void> {
    try {
      this.schedules = await this.load();
    } catch (error) {
      this.options.onError?.(error as Error);
    }
    this.arm();
  }

  /** Sleeps until the earliest next firing, or the next refresh, whichever comes first. */
  private arm(): void {
    if (!this.running) return;
    const refreshMs = this.options.refreshMs ?? 60_000;
    const due = this.schedules.map((schedule) => schedule.next?.getTime() ?? Number.POSITIVE_INFINITY);
    const wait = Math.max(0, Math.min(refreshMs, ...due.map((at) => at - Date.now())));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), wait);
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    for (const schedule of this.schedules) {
      if (schedule.next && schedule.next.getTime() <= now) this.fire(schedule, schedule.next);
    }
    await this.refresh();
  }

  private fire(schedule: LocalSchedule, scheduledTime: Date): void {
    const handler = this.options.handlers[schedule.functionName]!;
    const run = handler(targetEvent(schedule, scheduledTime), lambdaContext(schedule.functionName))
      .then((result) => this.options.onFire?.(schedule, result))
      .catch((error: unknown) => this.options.onError?.(error as Error, schedule))
      .finally(() => this.firing.delete(run));
    this.firing.add(run);
  }
}

/** The event a firing sends: the Input with Scheduler's context attributes filled in, parsed as JSON. */
function targetEvent(schedule: LocalSchedule, at: Date): unknown {
  // Scheduler writes the scheduled time in seconds, e.g. 2026-11-25T00:15:00Z.
  const scheduledTime = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return parseInput(schedule.input?.replaceAll('<aws.scheduler.scheduled-time>', scheduledTime));
}

/** The schedule's last fire time in (since, until], if it has one. */
function lastFireTimeBetween(schedule: LocalSchedule, since: Date, until: Date): Date | undefined {
  let last: Date | undefined;
  // Bounded: a minute-rate schedule stopped for two months is ~90 000 steps.
  for (let at = since, step = 0; step < 100_000; step++) {
    const next = nextFireTime(schedule.expression, schedule.timezone, at);
    if (!next || next > until) return last;
    last = at = next;
  }
  return last;
}

function parseInput(input: string | undefined): unknown {
  if (input === undefined) return {};
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
