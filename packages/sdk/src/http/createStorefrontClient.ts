import { ValidationError } from '../errors.js';
import { idempotencyKeyRule, isIdempotencyKey } from '../idempotencyKey.js';
import type {
  AdjustOptions,
  CatalogItem,
  CatalogListOptions,
  CatalogPage,
  DailySales,
  DailySalesOptions,
  ImageUploadRequest,
  ImageUploadTicket,
  InventoryItem,
  InventoryListOptions,
  InventoryPage,
  InventorySummary,
  ReportListOptions,
  ReportPage,
  InventoryItemInput,
  LowStockAlert,
  Order,
  OrderRequest,
  PlaceOrderOptions,
  ProductImage,
  ReportJob,
  ReportStarted,
  StartReportRequest,
  StockLevel,
  StorefrontApi,
} from '../types.js';
import { HttpTransport, type HttpTransportOptions } from './HttpTransport.js';

/**
 * Options of {@link createStorefrontClient}.
 *
 * @group HTTP client
 */
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
 * What makes a write safe to send again: its `Idempotency-Key` (the caller's, else a random one),
 * so the transport may retry it and the store applies it once.
 */
function idempotent(idempotencyKey: string = crypto.randomUUID()): { headers: Record<string, string>; retry: true } {
  checkIdempotencyKey(idempotencyKey);
  return { headers: { 'idempotency-key': idempotencyKey }, retry: true };
}

/**
 * The store over its HTTP API: the same interface and error classes as `createStorefront`, for
 * browsers and partner apps. Admin calls are signed with SigV4 when `credentials` are given. GETs
 * are retried with backoff; so are orders, stock adjustments and report starts, which always carry
 * an `Idempotency-Key` (a random one when the caller gives none), so a retry never applies twice.
 * A 503 `TRY_AGAIN` or a gateway's 429 is retried after its `Retry-After`.
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
 *
 * @group HTTP client
 */
export function createStorefrontClient(options: StorefrontClientOptions): StorefrontApi {
  const transport = new HttpTransport(options);

  const adminGet = <T>(path: string, query: object = {}) =>
    transport.send<T>({ method: 'GET', path, query: query as Record<string, unknown>, signed: true, retry: true });
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
      place: async (request: OrderRequest, placeOptions: PlaceOrderOptions = {}) =>
        transport.send<Order>({ method: 'POST', path: '/order', body: request, ...idempotent(placeOptions.idempotencyKey) }),
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
      adjust: async (product: string, delta: number, { idempotencyKey, ...adjustOptions }: AdjustOptions = {}) =>
        transport.send<StockLevel>({
          method: 'POST',
          path: `/inventory/${segment(product)}/adjustments`,
          body: { delta, ...adjustOptions },
          signed: true,
          ...idempotent(idempotencyKey),
        }),
      list: (listOptions: InventoryListOptions = {}) => adminGet<InventoryPage>('/inventory', listOptions),
      summary: () => adminGet<InventorySummary>('/inventory/summary'),
    },
    reports: {
      start: async (request: StartReportRequest, startOptions: { readonly idempotencyKey?: string } = {}) =>
        transport.send<ReportStarted>({ method: 'POST', path: '/report', body: request, signed: true, ...idempotent(startOptions.idempotencyKey) }),
      get: (executionId: string) =>
        transport.send<ReportJob>({ method: 'GET', path: `/report/${segment(executionId)}`, signed: true, retry: true }),
      list: (listOptions: ReportListOptions = {}) => adminGet<ReportPage>('/reports', listOptions),
      dailySales: (range: DailySalesOptions) => adminGet<{ items: DailySales[] }>('/reports/daily', range),
    },
    images: imagesOverHttp(transport),
    alerts: {
      recent: (recentOptions: { readonly limit?: number } = {}) => adminGet<{ items: LowStockAlert[] }>('/alerts', recentOptions),
    },
  };
}

/** `store.images` over HTTP: the admin routes of a product's images (docs/images.md). */
function imagesOverHttp(transport: HttpTransport): StorefrontApi['images'] {
  const images = (product: string) => `/inventory/${segment(product)}/images`;
  return {
    request: (product: string, upload: ImageUploadRequest) =>
      transport.send<ImageUploadTicket>({ method: 'POST', path: images(product), body: upload, signed: true }),
    get: (product: string, imageId: string) =>
      transport.send<ProductImage>({ method: 'GET', path: `${images(product)}/${segment(imageId)}`, signed: true, retry: true }),
    list: (product: string) => transport.send<{ items: ProductImage[] }>({ method: 'GET', path: images(product), signed: true, retry: true }),
    reorder: (product: string, imageIds: readonly string[]) =>
      transport.send<{ items: ProductImage[] }>({ method: 'PUT', path: `${images(product)}/order`, body: { imageIds }, signed: true, retry: true }),
    // Deleting twice answers 404 the second time, so a retry after a lost answer could mislead: not retried.
    remove: async (product: string, imageId: string) => {
      await transport.send<void>({ method: 'DELETE', path: `${images(product)}/${segment(imageId)}`, signed: true });
    },
  };
}
