/**
 * The alarm raised when a daily report fails: an error log line carrying `alarm: "DailyReportFailed"`
 * (with `executionId`, `type`, `date`, `error`), written by the report worker when a daily job ends
 * FAILED and by the daily run for a report that failed on every attempt. In AWS, alarm on it with a
 * CloudWatch Logs metric filter `{ $.alarm = "DailyReportFailed" }` on the two functions' log groups;
 * the local stack prints it in its terminal.
 */
export const dailyReportFailedAlarm = 'DailyReportFailed';

/** The message of the alarm's log line. */
export const dailyReportFailedMessage = 'Daily report failed';
