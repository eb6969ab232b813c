import { ValidationError } from '../errors.js';
import { idempotencyKeyRule, isIdempotencyKey } from '../idempotencyKey.js';
import type {
  AdjustOptions,
  CatalogItem,
  CatalogListOptions,
  CatalogPage,
  InventoryItem,
  InventoryItemInput,
  LowStockAlert,
  Order,
  OrderRequest,
  PlaceOrderOptions,
  ReportJob,
  ReportStarted,
  StartReportRequest,
  StockLevel,
  StorefrontApi,
} from '../types.js';
import { HttpTransport, type HttpTransportOptions } from './HttpTransport.js';

/** Options of {@link createStorefrontClient}. */
export interface StorefrontClientOptions extends HttpTransportOptions {
  /** The API's base URL, e.g. `http://localhost:3000` or `https://abc.execute-api.eu-west-1.amazonaws.com`. */
  readonly baseUrl: string;
}

const segment = (value: string) => encodeURIComponent(String(value));

// The header must be sendable by fetch; the rule is the SDK's, checked here so a bad key fails as a
// ValidationError, exactly as with the direct transport, not as a network error.
function checkIdempotencyKey(key: string): void {
  if (isIdempotencyKey(key)) return;
  const issue = { path: 'idempotencyKey', message: idempotencyKeyRule };
  throw new ValidationError(`Invalid idempotency key: ${issue.path}: ${issue.message}`, { details: [issue] });
}

/**
 * The store over its HTTP API: the same interface and error classes as `createStorefront`, for
 * browsers and partner apps. Admin calls are signed with SigV4 when `credentials` are given. GETs
 * are retried with backoff; so are orders, which always carry an `Idempotency-Key` (a random one
 * when the caller gives none), so a retry can never order twice.
 *
 * @example
 * ```ts
 * import { createStorefrontClient, OutOfStockError } from '@store-front/sdk/http';
 *
 * const api = createStorefrontClient({ baseUrl: 'http://localhost:3000' });
 * const { items } = await api.catalog.list({ category: 'Kitchen' });
 * try {
 *   await api.orders.place({ product: items[0]!.product, quantity: 1 });
 * } catch (error) {
 *   if (error instanceof OutOfStockError) console.log(error.shortages);
 * }
 * ```
 */
export function createStorefrontClient(options: StorefrontClientOptions): StorefrontApi {
  const transport = new HttpTransport(options);

  const list = (listOptions: CatalogListOptions = {}) =>
    transport.send<CatalogPage>({ method: 'GET', path: '/catalog', query: listOptions as Record<string, unknown>, retry: true });

  return {
    catalog: {
      list,
      async *listAll(listOptions: { readonly category?: string } = {}): AsyncIterable<CatalogItem> {
        let cursor: string | undefined;
        do {
          const page = await list({ ...listOptions, limit: 100, ...(cursor ? { cursor } : {}) });
          yield* page.items;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      },
      get: (product: string) => transport.send<CatalogItem>({ method: 'GET', path: `/catalog/${segment(product)}`, retry: true }),
    },
    orders: {
      async place(request: OrderRequest, placeOptions: PlaceOrderOptions = {}) {
        const idempotencyKey = placeOptions.idempotencyKey ?? crypto.randomUUID();
        checkIdempotencyKey(idempotencyKey);
        return transport.send<Order>({
          method: 'POST',
          path: '/order',
          body: request,
          headers: { 'idempotency-key': idempotencyKey },
          retry: true,
        });
      },
      get: (orderId: string) =>
        transport.send<Order>({ method: 'GET', path: `/orders/${segment(orderId)}`, signed: true, retry: true }),
    },
    inventory: {
      put: (items: InventoryItemInput | readonly InventoryItemInput[]) =>
        transport.send<{ items: InventoryItem[] }>({
          method: 'PUT',
          path: '/inventory',
          body: Array.isArray(items) ? { items } : items,
          signed: true,
        }),
      adjust: (product: string, delta: number, adjustOptions: AdjustOptions = {}) =>
        transport.send<StockLevel>({
          method: 'POST',
          path: `/inventory/${segment(product)}/adjustments`,
          body: { delta, ...adjustOptions },
          signed: true,
        }),
    },
    reports: {
      start: (request: StartReportRequest) =>
        transport.send<ReportStarted>({ method: 'POST', path: '/report', body: request, signed: true }),
      get: (executionId: string) =>
        transport.send<ReportJob>({ method: 'GET', path: `/report/${segment(executionId)}`, signed: true, retry: true }),
    },
    alerts: {
      recent: (recentOptions: { readonly limit?: number } = {}) =>
        transport.send<{ items: LowStockAlert[] }>({
          method: 'GET',
          path: '/alerts',
          query: recentOptions as Record<string, unknown>,
          signed: true,
          retry: true,
        }),
    },
  };
}
