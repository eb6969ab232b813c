import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backoff, isRetryableAwsError, isRetryableCancellation, retrying } from '../src/retry.js';

/** A fake clock whose sleep advances time, recording each wait. */
function fakeTime() {
  let clock = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => clock,
    sleep: async (ms: number) => {
      waits.push(ms);
      clock += ms;
    },
  };
}

describe('Backoff', () => {
  it('waits a jittered, doubling time up to the cap, and stops at the budget', async () => {
    // Prepare
    const time = fakeTime();
    const backoff = new Backoff({ budgetMs: 1_000, baseDelayMs: 10, maxDelayMs: 200, random: () => 0.5, ...time });

    // Act
    let retries = 0;
    while (await backoff.wait()) retries++;

    // Assess
    expect(time.waits.slice(0, 6)).toEqual([5, 10, 20, 40, 80, 100]);
    expect(time.waits.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual(1_000);
    expect(retries).toBe(backoff.retries);
    expect(retries).toBe(time.waits.length);
  });

  it('never waits past its budget nor beyond the cap, whatever the jitter (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 20 }),
        async (budgetMs, baseDelayMs, maxDelayMs, randoms) => {
          const time = fakeTime();
          let draw = 0;
          const backoff = new Backoff({ budgetMs, baseDelayMs, maxDelayMs, random: () => randoms[draw++ % randoms.length]!, ...time });
          for (let i = 0; i < 50 && (await backoff.wait()); i++);
          expect(time.now()).toBeLessThanOrEqual(budgetMs);
          time.waits.forEach((wait, retry) => expect(wait).toBeLessThanOrEqual(Math.min(maxDelayMs, baseDelayMs * 2 ** retry)));
        },
      ),
    );
  });

  it('honours a server-requested minimum wait and the attempt limit', async () => {
    const time = fakeTime();
    const backoff = new Backoff({ budgetMs: 10_000, maxAttempts: 3, random: () => 0, ...time });
    expect(await backoff.wait(1_000)).toBe(true);
    expect(await backoff.wait()).toBe(true);
    expect(await backoff.wait()).toBe(false);
    expect(time.waits).toEqual([1_000, 0]);
  });
});

describe('retrying', () => {
  const conflict = Object.assign(new Error('cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
  });

  it('retries retryable failures until the operation succeeds', async () => {
    const time = fakeTime();
    const result = await retrying(async (attempt) => {
      if (attempt < 3) throw conflict;
      return attempt;
    }, { retryable: isRetryableAwsError, ...time });
    expect(result).toBe(3);
    expect(time.waits).toHaveLength(2);
  });

  it('throws a failure that is not retryable at once', async () => {
    const time = fakeTime();
    const failure = new Error('bad request');
    await expect(retrying(async () => Promise.reject(failure), { retryable: isRetryableAwsError, ...time })).rejects.toBe(failure);
    expect(time.waits).toHaveLength(0);
  });

  it('throws what `exhausted` makes once the budget is spent', async () => {
    const time = fakeTime();
    const tired = new Error('try again');
    await expect(
      retrying(async () => Promise.reject(conflict), { retryable: isRetryableAwsError, exhausted: () => tired, budgetMs: 500, ...time }),
    ).rejects.toBe(tired);
    expect(time.now()).toBeLessThanOrEqual(500);
    expect(time.waits.length).toBeGreaterThan(2);
  });
});

describe('retryable AWS errors', () => {
  it('knows throttling and conflicts from failed conditions', () => {
    expect(isRetryableAwsError({ name: 'ProvisionedThroughputExceededException' })).toBe(true);
    expect(isRetryableAwsError({ name: 'ThrottlingException' })).toBe(true);
    expect(isRetryableAwsError({ name: 'RequestLimitExceeded' })).toBe(true);
    expect(isRetryableAwsError({ name: 'ConditionalCheckFailedException' })).toBe(false);
    expect(isRetryableAwsError(new Error('boom'))).toBe(false);
    expect(isRetryableAwsError(undefined)).toBe(false);
    expect(isRetryableCancellation([{ Code: 'None' }, { Code: 'ThrottlingError' }])).toBe(true);
    // A failed condition decides the outcome: retrying would only fail the same way.
    expect(isRetryableCancellation([{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }])).toBe(false);
    expect(isRetryableCancellation([{ Code: 'None' }])).toBe(false);
  });
});
