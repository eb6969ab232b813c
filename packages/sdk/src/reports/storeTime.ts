/*
 * The store's calendar. Order timestamps stay UTC; the store's time zone only decides which UTC
 * instants make up "a day" (and so what today and yesterday are).
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so `2024-02-30` is not). */
export function isCalendarDate(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date (`YYYY-MM-DD`) that `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The UTC instants of local day `date` in `timeZone`, as ISO-8601 strings that compare like
 * `orderDate`: `from` is local midnight, `to` the last millisecond before the next local midnight.
 * A local day may span two UTC days (and be 23 or 25 hours long across a DST change).
 */
export function localDayUtcRange(date: string, timeZone: string): { from: string; to: string } {
  const start = localMidnightUtc(date, timeZone);
  const end = localMidnightUtc(addDays(date, 1), timeZone);
  return { from: new Date(start).toISOString(), to: new Date(end - 1).toISOString() };
}

/** The UTC days (`YYYY-MM-DD`) an ISO range touches, in order. */
export function utcDaysBetween(from: string, to: string): string[] {
  const days = [from.slice(0, 10)];
  while (days[days.length - 1]! < to.slice(0, 10)) days.push(addDays(days[days.length - 1]!, 1));
  return days;
}

/** Epoch ms of local midnight starting `date` in `timeZone`. */
function localMidnightUtc(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallClock = Date.UTC(year, month - 1, day);
  // The offset at the guess, then again at the corrected instant, settles DST transitions.
  const guess = wallClock - offsetMs(wallClock, timeZone);
  return wallClock - offsetMs(guess, timeZone);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `epochMs`. */
function offsetMs(epochMs: number, timeZone: string): number {
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
