import { ValidationError, type InventoryItemInput } from '@store-front/sdk';
import {
  idempotencyKeySchema,
  inventoryItemSchema,
  orderIdSchema,
  hasKey,
  orderRequestSchema,
  startReportSchema,
  parseInput,
} from '@store-front/sdk/schemas';
import * as z from 'zod';
import { imageRoutes } from './imageRoutes.js';
import { managerRoutes } from './managerRoutes.js';
import { idempotencyOf, objectBody, productPath, route, type Route } from './route.js';

export type { ApiRequest, Route } from './route.js';
import {
  adjustmentBodySchema,
  alertsQuerySchema,
  alertsSchema,
  catalogItemSchema,
  catalogPageSchema,
  catalogQuerySchema,
  executionIdSchema,
  inventoryPutListBodySchema,
  inventoryPutResultSchema,
  orderSchema,
  reportJobSchema,
  reportStartedSchema,
  stockLevelSchema,
} from './schemas.js';


/** `{"items":[…]}` holds a list; anything else is one product (the SDK checks either form's fields). */
function inventoryItemsOf(body: InventoryPutBody): InventoryItemInput | readonly InventoryItemInput[] {
  if (isListBody(body)) {
    // The list's shape here; each product's fields and the 1–50 rule in the SDK (`inventory.put`).
    parseInput(z.strictObject({ items: z.array(z.unknown()) }), body, 'inventory items');
    return body.items;
  }
  if (Array.isArray(body)) {
    throw new ValidationError('Invalid inventory items: send one product or {"items":[…]}', {
      details: [{ path: '(body)', message: 'must be an object' }],
    });
  }
  return body;
}


/** `PUT /inventory`'s body: one product, or `{"items":[…]}`. */
const inventoryPutBodySchema = z.union([inventoryItemSchema, inventoryPutListBodySchema]);
type InventoryPutBody = z.input<typeof inventoryPutBodySchema>;

function isListBody(body: InventoryPutBody): body is z.input<typeof inventoryPutListBodySchema> {
  return hasKey(body, 'items');
}




let openApiDocument: unknown;

/** Every route of the API, in the order the OpenAPI document lists them. */
export const apiRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/catalog',
    admin: false,
    operationId: 'listCatalog',
    summary: 'One page of in-stock products; follow nextCursor for the next page.',
    query: catalogQuerySchema,
    response: { status: 200, schema: catalogPageSchema },
    errors: ['VALIDATION_ERROR'],
    run: (store, { query }) => store.catalog.list(parseInput(catalogQuerySchema, query, 'catalog listing options')),
  },
  {
    method: 'GET',
    path: '/catalog/{product}',
    admin: false,
    operationId: 'getProduct',
    summary: 'One product, also when out of stock.',
    pathParams: productPath,
    response: { status: 200, schema: catalogItemSchema },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    run: (store, { params }) => store.catalog.get(params[0]!),
  },
  route({
    method: 'POST',
    path: '/order',
    admin: false,
    operationId: 'placeOrder',
    summary: 'Places an order: every line or none. Idempotency-Key makes a retry return the first order.',
    headers: { 'idempotency-key': idempotencyKeySchema },
    body: orderRequestSchema,
    response: { status: 201, schema: orderSchema },
    errors: ['INVALID_JSON', 'VALIDATION_ERROR', 'NOT_FOUND', 'OUT_OF_STOCK', 'IDEMPOTENCY_CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TRY_AGAIN'],
    run: (store, { body, headers }) => store.orders.place(body, idempotencyOf(headers)),
  }),
  {
    method: 'GET',
    path: '/orders/{orderId}',
    admin: true,
    operationId: 'getOrder',
    summary: 'A placed order.',
    pathParams: { orderId: orderIdSchema },
    response: { status: 200, schema: orderSchema },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    run: (store, { params }) => store.orders.get(params[0]!),
  },
  route({
    method: 'PUT',
    path: '/inventory',
    admin: true,
    operationId: 'putInventory',
    summary: "Creates or replaces products' details and sets their absolute stock.",
    body: inventoryPutBodySchema,
    response: { status: 200, schema: inventoryPutResultSchema },
    errors: ['INVALID_JSON', 'VALIDATION_ERROR', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TRY_AGAIN'],
    run: (store, { body }) => store.inventory.put(inventoryItemsOf(body)),
  }),
  route({
    method: 'POST',
    path: '/inventory/{product}/adjustments',
    admin: true,
    operationId: 'adjustStock',
    summary: "Adds delta (may be negative) to a product's stock, atomically; never below zero.",
    pathParams: productPath,
    body: adjustmentBodySchema,
    response: { status: 200, schema: stockLevelSchema },
    headers: { 'idempotency-key': idempotencyKeySchema },
    errors: ['INVALID_JSON', 'VALIDATION_ERROR', 'NOT_FOUND', 'OUT_OF_STOCK', 'IDEMPOTENCY_CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TRY_AGAIN'],
    run: (store, { params, body, headers }) => {
      const { delta, reason } = parseInput(adjustmentBodySchema, objectBody(body, 'stock adjustment'), 'stock adjustment');
      return store.inventory.adjust(params[0]!, delta, { ...(reason === undefined ? {} : { reason }), ...idempotencyOf(headers) });
    },
  }),
  route({
    method: 'POST',
    path: '/report',
    admin: true,
    operationId: 'startReport',
    summary: 'Starts a sales (default: today in the store time zone) or inventory report.',
    body: startReportSchema,
    response: { status: 202, schema: reportStartedSchema },
    headers: { 'idempotency-key': idempotencyKeySchema },
    errors: ['INVALID_JSON', 'VALIDATION_ERROR', 'IDEMPOTENCY_CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TRY_AGAIN'],
    // The seed's `{mode}` form becomes `{type}` here, with the message the SDK would give.
    run: (store, { body, headers }) => store.reports.start(parseInput(startReportSchema, body, 'report request'), idempotencyOf(headers)),
  }),
  {
    method: 'GET',
    path: '/report/{executionId}',
    admin: true,
    operationId: 'getReport',
    summary: "A report job's status, with a presigned download URL (≤ 15 minutes) once it succeeded.",
    pathParams: { executionId: executionIdSchema },
    response: { status: 200, schema: reportJobSchema },
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
    run: (store, { params }) => store.reports.get(parseInput(executionIdSchema, params[0], 'execution id', 'executionId')),
  },
  {
    method: 'GET',
    path: '/alerts',
    admin: true,
    operationId: 'listAlerts',
    summary: 'The most recent low-stock alerts, newest first.',
    query: alertsQuerySchema,
    response: { status: 200, schema: alertsSchema },
    errors: ['VALIDATION_ERROR'],
    run: (store, { query }) => store.alerts.recent(parseInput(alertsQuerySchema, query, 'alerts options')),
  },
  ...managerRoutes,
  ...imageRoutes,
  {
    method: 'GET',
    path: '/openapi.json',
    admin: false,
    operationId: 'getOpenApiDocument',
    summary: 'This document.',
    response: { status: 200, schema: z.object({ openapi: z.string() }) },
    errors: [],
    // Loaded on first use: the generator is not on the order and catalog path.
    run: async () => (openApiDocument ??= (await import('./openapi.js')).buildOpenApiDocument(apiRoutes)),
  },
];


/** A route matched against a request path, with its raw (still percent-encoded) path parameters. */
export interface RouteMatch {
  /** The route. */
  readonly route: Route;
  /** Its path parameters in template order, still percent-encoded. */
  readonly rawParams: readonly string[];
}

const compiled = apiRoutes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '([^/]*)').replace(/\./g, '\\.')}$`),
}));

/**
 * Finds the route for `method` and the raw request path; `undefined` when there is none.
 *
 * @example
 * ```ts
 * matchRoute('GET', '/catalog/Coffee%20Mug'); // { route: <getProduct>, rawParams: ['Coffee%20Mug'] }
 * ```
 */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  // HEAD is GET without the body (the handler drops it).
  const served = method === 'HEAD' ? 'GET' : method;
  for (const { route, pattern } of compiled) {
    const match = route.method === served ? pattern.exec(rawPath) : null;
    if (match) return { route, rawParams: match.slice(1) };
  }
  return undefined;
}

/**
 * The methods a raw request path is served with (HEAD wherever GET is), for a 405's `Allow`
 * header; empty for an unknown path.
 *
 * @example
 * ```ts
 * allowedMethods('/order'); // ['POST']
 * allowedMethods('/catalog'); // ['GET', 'HEAD']
 * ```
 */
export function allowedMethods(rawPath: string): string[] {
  const methods = compiled.filter(({ pattern }) => pattern.test(rawPath)).map(({ route }) => route.method);
  return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
}

/**
 * True when `method` + raw path is an admin route (SigV4 required). The local stack asks this
 * before running its signature check, as API Gateway's IAM authorizer does per route in AWS.
 *
 * @example
 * ```ts
 * isAdminRoute('PUT', '/inventory'); // true
 * isAdminRoute('GET', '/catalog');   // false
 * ```
 */
export function isAdminRoute(method: string, rawPath: string): boolean {
  return matchRoute(method, rawPath)?.route.admin ?? false;
}
