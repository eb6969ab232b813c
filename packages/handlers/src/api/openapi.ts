import type { ApiErrorCode } from '@store-front/sdk';
// Not from the root entry: this module is loaded with import(), and esbuild then wraps what it imports;
// a wrapped root entry keeps every export of the AWS clients it re-exports (≈ 115 KB in the API bundle).
import { errorCatalog } from '@store-front/sdk/schemas';
import * as z from 'zod';
import type { Route } from './routes.js';
import { errorEnvelopeSchema } from './schemas.js';

// Inputs are documented as a client sends them (before transforms such as "limit" → number).
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the routes and the same zod schemas
 * that validate requests, so the document cannot drift from what the API accepts.
 *
 * @example
 * ```ts
 * const document = buildOpenApiDocument(apiRoutes);
 * Object.keys(document.paths); // ['/catalog', '/catalog/{product}', …]
 * ```
 */
export function buildOpenApiDocument(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const route of routes) {
    const parameters = parametersOf(route);
    const errorResponses = errorResponsesOf(route);
    const tag = tagOf(route.path);
    tags.add(tag);
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [tag],
      ...(route.admin ? { security: [{ sigv4: [] }] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: withoutDialect(jsonSchema(route.body, 'input')) } },
            },
          }
        : {}),
      responses: {
        [String(route.response.status)]:
          route.response.status === 204
            ? { description: 'No Content' }
            : {
                description: successDescriptions[route.response.status] ?? 'OK',
                content: { 'application/json': { schema: withoutDialect(jsonSchema(route.response.schema, 'output')) } },
              },
        ...errorResponses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Store Front HTTP API',
      version: '1',
      description:
        'JSON in and out. Bodies up to 64 KiB. Admin operations need AWS SigV4-signed requests (service execute-api).',
    },
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: withoutDialect(jsonSchema(errorEnvelopeSchema, 'output')) },
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4, service execute-api (x-amz-date, x-amz-content-sha256 signed)',
        },
      },
    },
  };
}

const successDescriptions: Readonly<Record<number, string>> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

/** The resource an operation is listed under: a product's images, else the path's first segment. */
function tagOf(path: string): string {
  if (/\/images(\/|$)/.test(path)) return 'Images';
  const segment = path.split('/')[1] ?? '';
  return tagNames[segment] ?? segment;
}

const tagNames: Readonly<Record<string, string>> = {
  catalog: 'Catalog',
  order: 'Orders',
  orders: 'Orders',
  inventory: 'Inventory',
  report: 'Reports',
  reports: 'Reports',
  alerts: 'Alerts',
  'openapi.json': 'Document',
};

/** The route's path, query and header parameters, documented as a client sends them. */
function parametersOf(route: Route) {
  return [
    ...Object.entries(route.pathParams ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      description: 'URL-encoded',
      schema: withoutDialect(jsonSchema(schema, 'input')),
    })),
    ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: withoutDialect(jsonSchema(schema as z.ZodType, 'input')),
    })),
    ...Object.entries(route.headers ?? {}).map(([name, schema]) => ({
      name,
      in: 'header',
      required: false,
      schema: withoutDialect(jsonSchema(schema, 'input')),
    })),
  ];
}

/**
 * One response per error status the route may answer with; codes sharing a status share it. Each
 * code is also an example of the envelope, keyed by the code, so tools (and the reference page)
 * read the codes without parsing the description.
 */
function errorResponsesOf(route: Route): Record<string, unknown> {
  const codes = new Set<ApiErrorCode>([...route.errors, 'INTERNAL', ...(route.admin ? (['UNAUTHORIZED', 'FORBIDDEN'] as const) : [])]);
  const errorResponses: Record<string, { description: string; content: { 'application/json': { schema: unknown; examples: Record<string, unknown> } } }> = {};
  for (const code of codes) {
    const status = String(errorCatalog[code].status);
    const { description } = errorCatalog[code];
    const response = (errorResponses[status] ??= {
      description: '',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: {} } },
    });
    response.description = [response.description, `${code}: ${description}`].filter(Boolean).join('; ');
    response.content['application/json'].examples[code] = { summary: description, value: { error: { code, message: description } } };
  }
  return errorResponses;
}
