/*
 * The shapes of reports: starting one, its job, its history and the days' figures. Browser-safe.
 */

/**
 * Kinds of report.
 *
 * @group Reports
 */
export type ReportType = 'sales' | 'inventory';
/**
 * Where a report job is.
 *
 * @group Reports
 */
export type ReportStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/**
 * Input of `reports.start`.
 *
 * @group Reports
 */
export interface StartReportRequest {
  /** Which report: sales of a day, or a snapshot of the inventory. */
  readonly type: ReportType;
  /** `YYYY-MM-DD`; sales default to today in the store's time zone. */
  readonly date?: string;
}

/**
 * Per-call options of `reports.start` (direct transport).
 *
 * @group Reports
 */
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

/**
 * What `reports.start` returns at once.
 *
 * @group Reports
 */
export interface ReportStarted {
  /** Id of the job, for `reports.get`. */
  readonly executionId: string;
  /** `PENDING` for a new job; the existing job's status when a given `executionId` was already started. */
  readonly status: ReportStatus;
}

/**
 * A report job's status.
 *
 * @group Reports
 */
export interface ReportJob {
  /** Id of the job. */
  readonly executionId: string;
  /** Which report. */
  readonly type: ReportType;
  /** The day reported on, `YYYY-MM-DD` in the store's time zone. */
  readonly date: string;
  /** Where the job is. */
  readonly status: ReportStatus;
  /** ISO-8601 UTC time the job was recorded. */
  readonly createdAt: string;
  /** ISO-8601 UTC time a worker last claimed it. */
  readonly startedAt?: string;
  /** ISO-8601 UTC time it succeeded or failed. */
  readonly completedAt?: string;
  /** Data rows in the CSV (header excluded); present once `SUCCEEDED`. */
  readonly rowCount?: number;
  /** Where the CSV is; present once `SUCCEEDED`. */
  readonly s3?: {
    /** The reports bucket. */
    readonly bucket: string;
    /** Key of the CSV file. */
    readonly key: string;
  };
  /** Presigned, valid at most 15 minutes; present once `SUCCEEDED`. */
  readonly downloadUrl?: string;
  /** Why the job failed; present once `FAILED`. */
  readonly error?: string;
  /**
   * True when the report's files are older than the bucket's retention and have been (or are about
   * to be) deleted: no `downloadUrl` is offered then.
   */
  readonly expired?: boolean;
}

/**
 * Options of `reports.list`.
 *
 * @group Reports
 */
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

/**
 * One page of report history, newest report date first (jobs without `downloadUrl`).
 *
 * @group Reports
 */
export interface ReportPage {
  /** Report jobs, newest report date first. */
  readonly items: ReportJob[];
  /** Pass to the next `list` call; `null` on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Options of `reports.dailySales`: a range of at most 366 days.
 *
 * @group Reports
 */
export interface DailySalesOptions {
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD` (on or after `from`). */
  readonly to: string;
}

/**
 * One day's sales figures, as kept by that day's latest succeeded sales report.
 *
 * @group Reports
 */
export interface DailySales {
  /** Local day, `YYYY-MM-DD`. */
  readonly date: string;
  /** False (and every figure zero) when no sales report has succeeded for the day yet. */
  readonly reported: boolean;
  /** Orders placed that day. */
  readonly orders: number;
  /** Units sold that day, over every order line. */
  readonly units: number;
  /** Sum of the day's line totals, exact. */
  readonly revenue: number;
  /** `revenue / orders`, rounded to cents half away from zero (0 without orders). */
  readonly averageOrderValue: number;
  /** Revenue per category, highest first. */
  readonly byCategory: ReadonlyArray<{
    /** The category. */
    readonly category: string;
    /** Sum of its line totals that day, exact. */
    readonly revenue: number;
  }>;
  /** The 10 products with the highest revenue, highest first (ties by name). */
  readonly topProducts: ReadonlyArray<{
    /** The product. */
    readonly product: string;
    /** Units of it sold that day. */
    readonly units: number;
    /** Sum of its line totals that day, exact. */
    readonly revenue: number;
  }>;
}
