import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StorefrontConfig } from '../config.js';
import { openCursor, sealCursor } from '../cursor.js';
import { ValidationError } from '../errors.js';
import { reportHistoryIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import type { ReportJob, ReportListOptions, ReportPage, ReportType } from '../types.js';
import { toReportJob, type ReportJobItem } from './reportJob.js';
import { reportCursorSchema, reportListOptionsSchema } from './schema.js';

const reportTypes: readonly ReportType[] = ['sales', 'inventory'];

/** The history key of a job: `<date>#<createdAt>#<executionId>` (newest date, then newest job, last). */
export function historyKey(item: Pick<ReportJobItem, 'date' | 'createdAt' | 'executionId'>): string {
  return `${item.date}#${item.createdAt}#${item.executionId}`;
}

/**
 * Report history, newest report date first, from the report-jobs table's `byTypeAndDate` index (no
 * scan): one Query per type — one call with a `type`, two merged by history key without. `from` and
 * `to` bound the key, and a cursor holds the last key shown, which the next page's bound excludes.
 */
export class ReportHistory {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  async list(options: ReportListOptions = {}): Promise<ReportPage> {
    const { type, from, to, limit, cursor } = parseInput(reportListOptionsSchema, options, 'report listing options');
    const filters = { listing: 'reports' as const, type: type ?? null, from: from ?? null, to: to ?? null };
    const after = cursor === undefined ? undefined : this.openCursor(cursor, filters);
    const low = from ?? '0000-00-00';
    // '~' sorts after every character of a history key, so the whole `to` day is included.
    const high = after ?? `${to ?? '9999-12-31'}#~`;
    const pages = await Promise.all((type ? [type] : reportTypes).map((each) => this.queryType(each, low, high, limit + 1)));
    const merged = pages
      .flatMap((page) => page.items)
      .filter((item) => item.historyKey !== after)
      .sort((a, b) => (a.historyKey < b.historyKey ? 1 : -1));
    const shown = merged.slice(0, limit);
    const more = merged.length > limit || pages.some((page) => page.more);
    const now = new Date();
    return {
      items: shown.map((item): ReportJob => toReportJob(item, now)),
      nextCursor: more && shown.length > 0 ? sealCursor({ ...filters, after: shown.at(-1)!.historyKey }, this.config.cursorSecret) : null,
    };
  }

  private async queryType(type: ReportType, low: string, high: string, limit: number) {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.config.tables.reportJobs,
        IndexName: reportHistoryIndex.indexName,
        KeyConditionExpression: '#type = :type AND #key BETWEEN :low AND :high',
        ExpressionAttributeNames: { '#type': reportHistoryIndex.partitionKey.name, '#key': reportHistoryIndex.sortKey.name },
        ExpressionAttributeValues: { ':type': type, ':low': low, ':high': high },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return { items: Items as Array<ReportJobItem & { historyKey: string }>, more: LastEvaluatedKey !== undefined };
  }

  private openCursor(cursor: string, filters: { type: ReportType | null; from: string | null; to: string | null }): string {
    const opened = reportCursorSchema.safeParse(openCursor(cursor, this.config.cursorSecret));
    if (!opened.success) throw new ValidationError('Invalid cursor', { details: [{ path: 'cursor', message: 'is malformed' }] });
    const { type, from, to, after } = opened.data;
    if (type !== filters.type || from !== filters.from || to !== filters.to) {
      throw new ValidationError('Invalid cursor: it belongs to a listing with other filters', {
        details: [{ path: 'cursor', message: 'was issued for another type, from or to' }],
      });
    }
    return after;
  }
}
