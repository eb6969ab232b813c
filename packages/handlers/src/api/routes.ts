import { ValidationError, type ApiErrorCode, type InventoryItemInput, type StorefrontApi } from '@store-front/sdk';
import {
  idempotencyKeySchema,
  imageIdSchema,
  imageReorderSchema,
  imageUploadRequestSchema,
  inventoryItemSchema,
  orderIdSchema,
  hasKey,
  orderRequestSchema,
  startReportSchema,
  parseInput,
  productName,
} from '@store-front/sdk/schemas';
import * as z from 'zod';
import { managerRoutes } from './managerRoutes.js';
import {
  adjustmentBodySchema,
  alertsQuerySchema,
  alertsSchema,
  catalogItemSchema,
  catalogPageSchema,
  catalogQuerySchema,
  executionIdSchema,
  imageUploadTicketSchema,
  productImageListSchema,
  productImageSchema,
  inventoryPutListBodySchema,
  inventoryPutResultSchema,
  orderSchema,
  reportJobSchema,
  reportStartedSchema,
  stockLevelSchema,
} from './schemas.js';

/** A request as a route sees it: decoded path parameters, query, lower-case headers, parsed JSON body. */
export interface ApiRequest<Body = unknown> {
  /** Path parameters in template order, percent-decoded. */
  readonly params: readonly string[];
  /** Query parameters (API Gateway joins a repeated one's values with commas). */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, names lower-cased as API Gateway sends them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /**
   * The parsed JSON body (routes with `body` only), typed as the route's body schema accepts it: the
   * SDK method the route calls validates it with that very schema, so nothing reaches the store unchecked.
   */
  readonly body: Body;
}

/** One route of the HTTP API v1 (docs/contract.md is generated from them): how to serve it and how to document it. */
export interface Route<Body = unknown> {
  /** HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path template, e.g. `/catalog/{product}`. */
  readonly path: string;
  /** Admin routes need a SigV4-signed request (IAM authorizer in AWS, the local stack's verifier locally). */
  readonly admin: boolean;
  /** The OpenAPI operation's id, e.g. `placeOrder`. */
  readonly operationId: string;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** Schemas of the path parameters, by name (documentation; the SDK validates them). */
  readonly pathParams?: Readonly<Record<string, z.ZodType>>;
  /** Schema of the query string (documentation; the SDK validates the options it becomes). */
  readonly query?: z.ZodObject;
  /** Request headers the route reads. */
  readonly headers?: Readonly<Record<string, z.ZodType>>;
  /** The JSON body; its presence means the route requires `Content-Type: application/json`. */
  readonly body?: z.ZodType<unknown, Body>;
  /** The success response. */
  readonly response: {
    /** Status of a success. */
    readonly status: number;
    /** Schema of its body. */
    readonly schema: z.ZodType;
  };
  /** Error codes the route itself may answer with, besides the ones every route may. */
  readonly errors: readonly ApiErrorCode[];
  /** Serves the route with the store: the result is the response body. */
  run(store: StorefrontApi, request: ApiRequest<Body>): Promise<unknown>;
}

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

function objectBody<Body>(body: Body, what: string): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(`Invalid ${what}: the body must be a JSON object`, {
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

/**
 * One route, its `run` typed by its body schema's input (what the SDK method it calls accepts).
 * A route is a `Route` whatever its body: the handler hands `run` the parsed JSON, which that SDK
 * method validates with the same schema.
 */
function route<Body>(definition: Route<Body>): Route {
  return definition;
}

const productPath = { product: productName };

/** The request's `Idempotency-Key` as the SDK's option (the SDK checks it). */
function idempotencyOf(headers: ApiRequest['headers']): { idempotencyKey?: string } {
  const idempotencyKey = headers['idempotency-key'];
  return idempotencyKey === undefined ? {} : { idempotencyKey };
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
  ...imageRoutes(),
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

/** The admin routes of a product's images (docs/images.md). */
function imageRoutes(): Route[] {
  const images = '/inventory/{product}/images';
  const imagePath = { product: productName, imageId: imageIdSchema };
  const bodyErrors = ['INVALID_JSON', 'VALIDATION_ERROR', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const;
  return [
    route({
      method: 'POST',
      path: images,
      admin: true,
      operationId: 'requestImageUpload',
      summary: 'Records a PENDING image and answers a presigned S3 POST (10 minutes) for its file; at most 8 images a product.',
      pathParams: productPath,
      body: imageUploadRequestSchema,
      response: { status: 201, schema: imageUploadTicketSchema },
      errors: [...bodyErrors],
      run: (store, { params, body }) => store.images.request(params[0]!, objectBody(body, 'image upload')),
    }),
    {
      method: 'GET',
      path: images,
      admin: true,
      operationId: 'listImages',
      summary: "A product's images in display order, any status.",
      pathParams: productPath,
      response: { status: 200, schema: productImageListSchema },
      errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
      run: (store, { params }) => store.images.list(params[0]!),
    },
    route({
      method: 'PUT',
      path: `${images}/order`,
      admin: true,
      operationId: 'reorderImages',
      summary: 'Sets the display order of the READY images (each once).',
      pathParams: productPath,
      body: imageReorderSchema,
      response: { status: 200, schema: productImageListSchema },
      errors: [...bodyErrors],
      run: (store, { params, body }) => {
        const { imageIds } = parseInput(imageReorderSchema, objectBody(body, 'image order'), 'image order');
        return store.images.reorder(params[0]!, imageIds);
      },
    }),
    {
      method: 'GET',
      path: `${images}/{imageId}`,
      admin: true,
      operationId: 'getImage',
      summary: 'One image: its status, the reason it FAILED, or its variants once READY.',
      pathParams: imagePath,
      response: { status: 200, schema: productImageSchema },
      errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
      run: (store, { params }) => store.images.get(params[0]!, params[1]!),
    },
    {
      method: 'DELETE',
      path: `${images}/{imageId}`,
      admin: true,
      operationId: 'deleteImage',
      summary: 'Removes an image and its files (its CDN paths are invalidated in AWS).',
      pathParams: imagePath,
      response: { status: 204, schema: z.undefined() },
      errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
      run: (store, { params }) => store.images.remove(params[0]!, params[1]!),
    },
  ];
}

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
