/**
 * One backoff for every retry the store makes: transactions that lost a race, throttled DynamoDB
 * calls, unprocessed batch keys and HTTP calls answered 429/503. Exponential backoff with full
 * jitter (a random wait up to a ceiling that doubles per attempt), bounded by a time budget for all
 * attempts together, so a caller learns "try again" in bounded time instead of waiting forever.
 * Browser-safe: no Node module, no AWS SDK import (errors are recognised by name).
 */
import { TryAgainError } from './errors.js';

/**
 * How long and how often to retry. Every field has a default.
 *
 * @group Store
 */
export interface BackoffOptions {
  /** Time for all attempts together, waits included, in ms. Default 3,000. */
  readonly budgetMs?: number;
  /** Ceiling of the first wait in ms; it doubles per retry. Default 25. */
  readonly baseDelayMs?: number;
  /** Largest single wait in ms. Default 1,000. */
  readonly maxDelayMs?: number;
  /** Most attempts in all, the first included. Default: as many as the budget allows. */
  readonly maxAttempts?: number;
  /** Random numbers in [0, 1) for the jitter (tests pass a fixed one). Default `Math.random`. */
  readonly random?: () => number;
  /** Waits `ms` (tests pass a fake). Default `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms (tests pass a fake). Default `Date.now`. */
  readonly now?: () => number;
}

/** The defaults of {@link BackoffOptions}. */
export const defaultBackoff = { budgetMs: 3_000, baseDelayMs: 25, maxDelayMs: 1_000 } as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The waits between attempts of one operation. Call {@link Backoff.wait} after each failed attempt
 * that may be retried: it waits and returns `true`, or returns `false` at once when another attempt
 * would not fit the budget (or the attempt limit), and the caller gives up.
 *
 * @example
 * ```ts
 * const backoff = new Backoff({ budgetMs: 2_000 });
 * let pending = keys;
 * while (pending.length > 0) {
 *   if (pending !== keys && !(await backoff.wait())) throw new TryAgainError('Still throttled');
 *   pending = await readSome(pending);
 * }
 * ```
 */
export class Backoff {
  private retriesMade = 0;
  private readonly deadline: number;
  private readonly settings: Required<BackoffOptions>;

  constructor(options: BackoffOptions = {}) {
    this.settings = {
      ...defaultBackoff,
      maxAttempts: Number.POSITIVE_INFINITY,
      random: Math.random,
      sleep: realSleep,
      now: Date.now,
      ...options,
    };
    this.deadline = this.settings.now() + this.settings.budgetMs;
  }

  /** Retries made so far. */
  get retries(): number {
    return this.retriesMade;
  }

  /**
   * Waits before the next attempt: a random time up to `baseDelayMs · 2^retries` (capped at
   * `maxDelayMs`), and at least `minDelayMs` (what a server asked for, e.g. `Retry-After`).
   * Returns `false` without waiting when the wait would end past the budget or the attempts are spent.
   */
  async wait(minDelayMs = 0): Promise<boolean> {
    const { baseDelayMs, maxDelayMs, maxAttempts, random, sleep, now } = this.settings;
    if (this.retriesMade + 1 >= maxAttempts) return false;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** this.retriesMade);
    const delay = Math.max(minDelayMs, random() * ceiling);
    if (now() + delay > this.deadline) return false;
    this.retriesMade++;
    await sleep(delay);
    return true;
  }
}

/** Options of {@link retrying}: the backoff, and which failures are worth another attempt. */
export interface RetryingOptions extends BackoffOptions {
  /** True for a failure another attempt may fix (see {@link isRetryableAwsError}). */
  readonly retryable: (error: unknown) => boolean;
  /** The least wait a failure asks for, in ms (e.g. from `Retry-After`). */
  readonly minDelayMs?: (error: unknown) => number;
  /** What to throw when a retryable failure outlasts the budget. Default: the failure itself. */
  readonly exhausted?: (error: unknown) => unknown;
}

/**
 * Runs `operation` until it succeeds, fails with an error that is not retryable (thrown as is),
 * or runs out of budget (`exhausted(error)` is thrown). `attempt` counts from 1.
 *
 * @example
 * ```ts
 * await retrying(() => documents.send(new UpdateCommand(input)), {
 *   retryable: isRetryableAwsError,
 *   exhausted: (error) => new TryAgainError('Too many concurrent changes', { cause: error }),
 * });
 * ```
 */
export async function retrying<T>(operation: (attempt: number) => Promise<T>, options: RetryingOptions): Promise<T> {
  const backoff = new Backoff(options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!options.retryable(error)) throw error;
      if (!(await backoff.wait(options.minDelayMs?.(error) ?? 0))) throw options.exhausted ? options.exhausted(error) : error;
    }
  }
}

/** DynamoDB errors that mean "too much at once", never "wrong request": another attempt may succeed. */
export const retryableAwsErrorNames: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TransactionConflictException',
]);

/** Cancellation reason codes of a transaction that lost a race or was throttled (not a failed condition). */
export const retryableCancellationCodes: ReadonlySet<string> = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
]);

/**
 * True when a transaction was cancelled only for reasons a retry can fix: at least one reason is a
 * conflict or throttling and none is a failed condition or a validation error.
 *
 * @example
 * ```ts
 * isRetryableCancellation([{ Code: 'None' }, { Code: 'TransactionConflict' }]); // true
 * ```
 */
export function isRetryableCancellation(reasons: ReadonlyArray<{ readonly Code?: string }>): boolean {
  const codes = reasons.map((reason) => reason.Code ?? 'None').filter((code) => code !== 'None');
  return codes.length > 0 && codes.every((code) => retryableCancellationCodes.has(code));
}

/**
 * True for an AWS error another attempt may fix: throttling, a transaction conflict, or a
 * `TransactionCanceledException` whose reasons are all conflicts or throttling.
 *
 * @example
 * ```ts
 * await retrying(() => documents.send(command), { retryable: isRetryableAwsError });
 * ```
 */
export function isRetryableAwsError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name !== 'string') return false;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
    return isRetryableCancellation(reasons ?? []);
  }
  return retryableAwsErrorNames.has(name);
}

/**
 * The error a write throws when contention or throttling outlasted its retries: a 503 `TRY_AGAIN`
 * with `Retry-After: 1`, safe to send again (with the same `Idempotency-Key`).
 */
export function contentionError(cause: unknown): TryAgainError {
  return new TryAgainError(1, 'Too many concurrent changes to the same products; try again shortly', { cause });
}

/**
 * Runs one DynamoDB write, retrying conflicts and throttling with backoff within the budget; past
 * it, throws {@link contentionError}. Other failures are thrown as they are.
 *
 * @example
 * ```ts
 * await retryingWrite(() => documents.send(new TransactWriteCommand({ TransactItems })));
 * ```
 */
export function retryingWrite<T>(write: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  return retrying(write, { ...options, retryable: isRetryableAwsError, exhausted: contentionError });
}
