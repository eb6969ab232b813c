import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { InternalError } from '../errors.js';
import type { ReportJob, ReportStarted, ReportsApi, StartReportRequest } from '../types.js';

/** Reports: CSV to S3 (being built: issue #4). */
export class ReportService implements ReportsApi {
  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
  ) {}

  async start(_request: StartReportRequest): Promise<ReportStarted> {
    throw new InternalError(`Reports are not available yet (${this.config.tables.reportJobs})`);
  }

  async get(_executionId: string): Promise<ReportJob> {
    throw new InternalError(`Reports are not available yet (${Object.keys(this.clients).length})`);
  }
}
