import { reportJobLimits, reportRetention } from '../resources.js';
import type { ReportJob, ReportStatus, ReportType } from '../types.js';

/** A report job as stored in the `report-jobs` table. */
export interface ReportJobItem {
  readonly executionId: string;
  readonly type: ReportType;
  readonly date: string;
  /** The store time zone when the job was started: it fixes which instants `date` covers. */
  readonly timeZone: string;
  readonly status: ReportStatus;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly rowCount?: number;
  readonly bucket?: string;
  readonly key?: string;
  readonly error?: string;
  /** Which claim of the job is running: only that worker may record the outcome. */
  readonly claimToken?: string;
  /** How many times the job was claimed. */
  readonly attempts?: number;
  /** `<date>#<createdAt>#<executionId>`: the job's place in the history index. */
  readonly historyKey?: string;
}

/** The S3 key of a report: `reports/{type}/{date}/{executionId}.csv`. */
export function reportKey(type: ReportType, date: string, executionId: string): string {
  return `reports/${type}/${date}/${executionId}.csv`;
}

/** The S3 key of a sales report's per-product summary, beside the report. */
export function summaryKey(reportKeyValue: string): string {
  return reportKeyValue.replace(/\.csv$/, '-summary.csv');
}

/** True when a RUNNING job started longer ago than the timeout, so it counts as failed. */
export function isStale(item: Pick<ReportJobItem, 'status' | 'startedAt'>, now: Date): boolean {
  return (
    item.status === 'RUNNING' &&
    item.startedAt !== undefined &&
    Date.parse(item.startedAt) <= now.getTime() - reportJobLimits.runningTimeoutSeconds * 1000
  );
}

/** The reason a stale job reports. */
export const timedOutReason = `Timed out: the report did not finish within ${reportJobLimits.runningTimeoutSeconds} s`;

/**
 * True when a succeeded job's files are past the bucket's retention. S3 deletes an object some time
 * after `days` (at the next UTC midnight or later), so from `days` on a link could already be dead.
 */
export function isExpired(item: Pick<ReportJobItem, 'status' | 'completedAt'>, now: Date): boolean {
  return (
    item.status === 'SUCCEEDED' &&
    item.completedAt !== undefined &&
    Date.parse(item.completedAt) + reportRetention.days * 86_400_000 <= now.getTime()
  );
}

/** The public status of a stored job (without `downloadUrl`); a stale RUNNING job shows as FAILED. */
export function toReportJob(item: ReportJobItem, now: Date): ReportJob {
  const stale = isStale(item, now);
  const expired = isExpired(item, now);
  return {
    executionId: item.executionId,
    type: item.type,
    date: item.date,
    status: stale ? 'FAILED' : item.status,
    createdAt: item.createdAt,
    ...(item.startedAt === undefined ? {} : { startedAt: item.startedAt }),
    ...(item.completedAt === undefined ? {} : { completedAt: item.completedAt }),
    ...(item.rowCount === undefined ? {} : { rowCount: item.rowCount }),
    ...(item.bucket !== undefined && item.key !== undefined ? { s3: { bucket: item.bucket, key: item.key } } : {}),
    ...(stale ? { error: timedOutReason } : item.error === undefined ? {} : { error: item.error }),
    ...(expired ? { expired: true } : {}),
  };
}
