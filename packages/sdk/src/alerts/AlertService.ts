import type { AwsClients } from '../clients.js';
import type { StorefrontConfig } from '../config.js';
import { InternalError } from '../errors.js';
import type { AlertsApi, LowStockAlert } from '../types.js';

/** Low-stock alerts (being built: issue #3). */
export class AlertService implements AlertsApi {
  constructor(
    private readonly clients: AwsClients,
    private readonly config: StorefrontConfig,
  ) {}

  async recent(_options: { readonly limit?: number } = {}): Promise<{ items: LowStockAlert[] }> {
    throw new InternalError(`Alerts are not available yet (${this.config.tables.alertLog}, ${Object.keys(this.clients).length})`);
  }
}
