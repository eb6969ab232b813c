/*
 * The store's calendar. Order timestamps stay UTC; the store's time zone only decides which UTC
 * instants make up "a day" (and so what today and yesterday are). Temporal (the polyfill) does the
 * time-zone arithmetic: a day may be 23, 23.5, 24.5 or 25 hours long, may start at 01:00 where DST
 * begins at midnight (America/Santiago, America/Havana), and starts at the first of two midnights
 * where DST ends at one.
 */
import { Temporal } from 'temporal-polyfill';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so `2024-02-30` is not). */
export function isCalendarDate(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (`YYYY-MM-DD`) that `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/**
 * The UTC instants of local day `date` in `timeZone`, as ISO-8601 strings that compare like
 * `orderDate`: `from` is the day's first instant, `to` the last millisecond before the next day's.
 * A local day may span two UTC days.
 */
export function localDayUtcRange(date: string, timeZone: string): { from: string; to: string } {
  const day = Temporal.PlainDate.from(date);
  // toZonedDateTime with no time is the start of the day: the earliest instant whose local date it is.
  const start = day.toZonedDateTime(timeZone).epochMilliseconds;
  const end = day.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds;
  return { from: new Date(start).toISOString(), to: new Date(end - 1).toISOString() };
}

/** The UTC days (`YYYY-MM-DD`) an ISO range touches, in order. */
export function utcDaysBetween(from: string, to: string): string[] {
  const days = [from.slice(0, 10)];
  while (days[days.length - 1]! < to.slice(0, 10)) days.push(addDays(days[days.length - 1]!, 1));
  return days;
}
