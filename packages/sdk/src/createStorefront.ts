import { CatalogService } from './catalog/CatalogService.js';
import { createAwsClients, type AwsClients } from './clients.js';
import { resolveConfig, type StorefrontConfig, type StorefrontConfigInput } from './config.js';
import { InventoryService } from './inventory/InventoryService.js';
import { OrderService } from './orders/OrderService.js';
import { AlertService } from './alerts/AlertService.js';
import { ReportService } from './reports/ReportService.js';
import { ImageService } from './images/ImageService.js';
import type { BackoffOptions } from './retry.js';
import type { StorefrontApi } from './types.js';

/**
 * Options of {@link createStorefront}: settings (see {@link StorefrontConfigInput}) and, optionally, clients.
 *
 * @group Store
 */
export interface CreateStorefrontOptions extends StorefrontConfigInput {
  /** AWS clients to use, e.g. with your own middleware; default: created from the settings. */
  readonly clients?: AwsClients;
  /**
   * How writes retry transaction conflicts and throttling before they throw `TryAgainError`.
   * @default a 3-second budget, waits from 25 ms doubling up to 1 s, with full jitter
   */
  readonly retry?: BackoffOptions;
}

/**
 * The store over the AWS SDK (the direct transport), with its resolved settings and clients.
 *
 * @group Store
 */
export interface Storefront extends StorefrontApi {
  /** In-stock products for shoppers (see {@link CatalogService}). */
  readonly catalog: CatalogService;
  /** Placing and reading orders (see {@link OrderService}). */
  readonly orders: OrderService;
  /** Products, stock and the managers' listing (see {@link InventoryService}). */
  readonly inventory: InventoryService;
  /** CSV reports, their history and the kept daily figures (see {@link ReportService}). */
  readonly reports: ReportService;
  /** The low-stock alert log (see {@link AlertService}). */
  readonly alerts: AlertService;
  /** Product image uploads and galleries (see {@link ImageService}). */
  readonly images: ImageService;
  /** The resolved settings. */
  readonly config: StorefrontConfig;
  /** The AWS clients in use. */
  readonly clients: AwsClients;
}

/**
 * Creates the store over the AWS SDK. Settings come from the arguments, then the environment,
 * then the defaults (docs/configuration.md); an invalid setting throws a `ConfigurationError` naming it.
 *
 * @example
 * ```ts
 * import { createStorefront } from '@store-front/sdk';
 *
 * const store = createStorefront({ endpoint: 'http://127.0.0.1:5000' });
 * const order = await store.orders.place({ product: 'Coffee Mug', quantity: 2 }, { idempotencyKey: 'cart-42' });
 * console.log(order.total);
 * ```
 *
 * @group Store
 */
export function createStorefront(options: CreateStorefrontOptions = {}): Storefront {
  const config = resolveConfig(options);
  const clients = options.clients ?? createAwsClients(config);
  return {
    config,
    clients,
    catalog: new CatalogService(clients.documents, config),
    orders: new OrderService(clients.documents, config, options.retry),
    inventory: new InventoryService(clients.documents, config, options.retry),
    reports: new ReportService(clients, config, options.retry),
    alerts: new AlertService(clients, config),
    images: new ImageService(clients, config),
  };
}
