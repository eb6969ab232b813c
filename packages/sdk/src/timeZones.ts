/* IANA time zones with nothing but Intl: validation, offsets, and wall-clock times to instants. */

/**
 * True when `value` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`, `UTC`).
 *
 * @example
 * ```ts
 * isTimeZone('America/New_York'); // true
 * isTimeZone('Mars/Olympus');     // false
 * ```
 */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * How far `timeZone`'s wall clock is ahead of UTC at `epochMs`, in ms (whole seconds).
 *
 * @example
 * ```ts
 * timeZoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin'); // 7_200_000 (CEST)
 * ```
 */
export function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const field = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant (epoch ms) at which `timeZone`'s wall clock shows `wallClock` — a wall-clock time
 * written as if it were UTC, e.g. `Date.UTC(2026, 10, 25, 0, 15)`. A time skipped by a DST change
 * lands just after the change.
 *
 * @example
 * ```ts
 * new Date(wallClockToInstant(Date.UTC(2026, 10, 25), 'Europe/Berlin')).toISOString(); // '2026-11-24T23:00:00.000Z'
 * ```
 */
export function wallClockToInstant(wallClock: number, timeZone: string): number {
  // The offset at a first guess, then again at the corrected instant, settles DST transitions.
  const guess = wallClock - timeZoneOffsetMs(wallClock, timeZone);
  return wallClock - timeZoneOffsetMs(guess, timeZone);
}
