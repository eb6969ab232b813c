/* IANA time zones: validation with nothing but Intl (browser-safe). Calendar arithmetic lives in reports/storeTime.ts. */

/**
 * True when `value` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`, `UTC`).
 *
 * @example
 * ```ts
 * isTimeZone('America/New_York'); // true
 * isTimeZone('Mars/Olympus');     // false
 * ```
 *
 * @group Scheduling
 */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
