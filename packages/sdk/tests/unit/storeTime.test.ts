import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyReportJobs } from '../../src/reports/dailyReports.js';
import { localDate, localDayUtcRange } from '../../src/reports/storeTime.js';

// Transition days: 23 h and 25 h days, DST starting and ending at midnight, half-hour shifts.
const transitionDays = [
  { zone: 'Europe/Berlin', date: '2026-03-29', from: '2026-03-28T23:00:00.000Z', next: '2026-03-29T22:00:00.000Z', hours: 23 },
  { zone: 'Europe/Berlin', date: '2026-10-25', from: '2026-10-24T22:00:00.000Z', next: '2026-10-25T23:00:00.000Z', hours: 25 },
  { zone: 'America/New_York', date: '2026-03-08', from: '2026-03-08T05:00:00.000Z', next: '2026-03-09T04:00:00.000Z', hours: 23 },
  { zone: 'America/New_York', date: '2026-11-01', from: '2026-11-01T04:00:00.000Z', next: '2026-11-02T05:00:00.000Z', hours: 25 },
  // DST starts at midnight: the day begins at 01:00, and the evening before keeps its last hour.
  { zone: 'America/Santiago', date: '2026-09-05', from: '2026-09-05T04:00:00.000Z', next: '2026-09-06T04:00:00.000Z', hours: 24 },
  { zone: 'America/Santiago', date: '2026-09-06', from: '2026-09-06T04:00:00.000Z', next: '2026-09-07T03:00:00.000Z', hours: 23 },
  { zone: 'America/Santiago', date: '2026-04-04', from: '2026-04-04T03:00:00.000Z', next: '2026-04-05T04:00:00.000Z', hours: 25 },
  { zone: 'America/Havana', date: '2026-03-07', from: '2026-03-07T05:00:00.000Z', next: '2026-03-08T05:00:00.000Z', hours: 24 },
  { zone: 'America/Havana', date: '2026-03-08', from: '2026-03-08T05:00:00.000Z', next: '2026-03-09T04:00:00.000Z', hours: 23 },
  // DST ends at 01:00, back to midnight: the day starts at the first of two midnights.
  { zone: 'America/Havana', date: '2026-11-01', from: '2026-11-01T04:00:00.000Z', next: '2026-11-02T05:00:00.000Z', hours: 25 },
  { zone: 'Australia/Lord_Howe', date: '2026-10-04', from: '2026-10-03T13:30:00.000Z', next: '2026-10-04T13:00:00.000Z', hours: 23.5 },
  { zone: 'Australia/Lord_Howe', date: '2026-04-05', from: '2026-04-04T13:00:00.000Z', next: '2026-04-05T13:30:00.000Z', hours: 24.5 },
  { zone: 'Asia/Tokyo', date: '2026-03-08', from: '2026-03-07T15:00:00.000Z', next: '2026-03-08T15:00:00.000Z', hours: 24 },
];

describe("the store's calendar across DST transitions", () => {
  it.each(transitionDays)('$zone $date lasts $hours h from $from', ({ zone, date, from, next, hours }) => {
    const range = localDayUtcRange(date, zone);
    expect(range).toEqual({ from, to: new Date(Date.parse(next) - 1).toISOString() });
    expect((Date.parse(range.to) + 1 - Date.parse(range.from)) / 3_600_000).toBe(hours);
    expect(localDate(new Date(from), zone)).toBe(date);
    expect(localDate(new Date(range.to), zone)).toBe(date);
    expect(localDate(new Date(Date.parse(from) - 1), zone)).not.toBe(date);
  });

  it('puts every instant in the day range of its own local date (property)', () => {
    const zones = [...new Set(transitionDays.map((day) => day.zone)), 'UTC', 'Asia/Kolkata', 'Pacific/Chatham'];
    const instants = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') });
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (epochMs, zone) => {
        const { from, to } = localDayUtcRange(localDate(new Date(epochMs), zone), zone);
        expect(Date.parse(from)).toBeLessThanOrEqual(epochMs);
        expect(Date.parse(to)).toBeGreaterThanOrEqual(epochMs);
      }),
      { numRuns: 2_000 },
    );
  });

  it("starts the day after a midnight DST change's evening as yesterday's report", () => {
    // Santiago's 00:15 does not exist on 2026-09-06; the local scheduler fires at 01:00 (04:00Z).
    const jobs = dailyReportJobs(new Date('2026-09-06T04:00:00Z'), 'America/Santiago', new Date('2026-09-06T04:00:00Z'));
    expect(jobs.map((job) => job.request)).toEqual([{ type: 'sales', date: '2026-09-05' }, { type: 'inventory' }]);
    expect(jobs.map((job) => job.executionId)).toEqual(['daily-sales-2026-09-05', 'daily-inventory-2026-09-06']);
  });
});
