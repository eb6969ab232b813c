/*
 * The shapes of reports: starting one, its job, its history and the days' figures. Browser-safe.
 */

/** Kinds of report. */
export type ReportType = 'sales' | 'inventory';
/** Where a report job is. */
export type ReportStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** Input of `reports.start`. */
export interface StartReportRequest {
  readonly type: ReportType;
  /** `YYYY-MM-DD`; sales default to today in the store's time zone. */
  readonly date?: string;
}

/** Per-call options of `reports.start` (direct transport). */
export interface StartReportOptions {
  /**
   * Use this execution id instead of a new random one (1–100 characters of `A-Z a-z 0-9 . _ -`).
   * Starting the same id again returns the existing job instead of a second one — how the daily
   * schedule stays idempotent (`daily-sales-2024-05-01`).
   */
  readonly executionId?: string;
  /**
   * 1–255 visible ASCII characters. The same key with the same request returns the first answer
   * without starting another report; with a different one it throws `IdempotencyConflictError`.
   */
  readonly idempotencyKey?: string;
}

/** What `reports.start` returns at once. */
export interface ReportStarted {
  readonly executionId: string;
  /** `PENDING` for a new job; the existing job's status when a given `executionId` was already started. */
  readonly status: ReportStatus;
}

/** A report job's status. */
export interface ReportJob {
  readonly executionId: string;
  readonly type: ReportType;
  readonly date: string;
  readonly status: ReportStatus;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly rowCount?: number;
  readonly s3?: { readonly bucket: string; readonly key: string };
  /** Presigned, valid at most 15 minutes; present once `SUCCEEDED`. */
  readonly downloadUrl?: string;
  readonly error?: string;
  /**
   * True when the report's files are older than the bucket's retention and have been (or are about
   * to be) deleted: no `downloadUrl` is offered then.
   */
  readonly expired?: boolean;
}

/** Options of `reports.list`. */
export interface ReportListOptions {
  /** Only reports of this type. */
  readonly type?: ReportType;
  /** Reports dated on or after this day (`YYYY-MM-DD`). */
  readonly from?: string;
  /** Reports dated on or before this day (`YYYY-MM-DD`). */
  readonly to?: string;
  /** Page size, 1–100 (default 50). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of report history, newest report date first (jobs without `downloadUrl`). */
export interface ReportPage {
  readonly items: ReportJob[];
  readonly nextCursor: string | null;
}

/** Options of `reports.dailySales`: a range of at most 366 days. */
export interface DailySalesOptions {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD` (on or after `from`). */
  readonly to: string;
}

/** One day's sales figures, as kept by that day's latest succeeded sales report. */
export interface DailySales {
  /** Local day, `YYYY-MM-DD`. */
  readonly date: string;
  /** False (and every figure zero) when no sales report has succeeded for the day yet. */
  readonly reported: boolean;
  readonly orders: number;
  readonly units: number;
  /** Sum of the day's line totals, exact. */
  readonly revenue: number;
  /** `revenue / orders`, rounded to cents half away from zero (0 without orders). */
  readonly averageOrderValue: number;
  /** Revenue per category, highest first. */
  readonly byCategory: ReadonlyArray<{ readonly category: string; readonly revenue: number }>;
  /** The 10 products with the highest revenue, highest first (ties by name). */
  readonly topProducts: ReadonlyArray<{ readonly product: string; readonly units: number; readonly revenue: number }>;
}
