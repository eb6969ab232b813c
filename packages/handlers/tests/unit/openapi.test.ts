import { compileErrors, validate } from '@readme/openapi-parser';
import { errorCatalog, type ApiErrorCode } from '@store-front/sdk';
import { apiErrorCodes } from '@store-front/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { apiRoutes, buildOpenApiDocument, errorEnvelopeSchema } from '@store-front/handlers';

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema?: { $ref?: string }; examples?: Record<string, { value?: unknown }> }> }
  >;
}

const document = buildOpenApiDocument(apiRoutes);
const operationOf = (path: string, method: string) => document.paths[path]?.[method.toLowerCase()] as Operation | undefined;

/** What the validator says about a document: valid or not, and every message. */
async function validation(candidate: unknown) {
  // validate() dereferences its input in place: it gets a copy.
  const result = await validate(structuredClone(candidate) as Parameters<typeof validate>[0]);
  return { valid: result.valid, errors: result.valid ? '' : compileErrors(result), warnings: result.warnings.map((warning) => warning.message) };
}

describe('the OpenAPI document', () => {
  it('passes @readme/openapi-parser as OpenAPI 3.1, with no error and no warning', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validation(document);
    expect(result.errors).toBe('');
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('fails the validator once broken (the check is live)', async () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, Operation>> };
    delete broken.paths['/catalog/{product}']!.get!.parameters;
    const result = await validation(broken);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('missing path parameter(s) for `{product}`');
  });

  it('has every route with its method, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(apiRoutes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of apiRoutes) {
      const operation = operationOf(route.path, route.method)!;
      expect(operation.operationId, route.path).toBe(route.operationId);
      expect(operation.summary, route.operationId).toBe(route.summary);
      expect(operation.responses[String(route.response.status)], route.operationId).toBeDefined();
    }
  });

  it('declares every path parameter, required, and no other', () => {
    for (const route of apiRoutes) {
      const operation = operationOf(route.path, route.method)!;
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      expect(declared.map((parameter) => parameter.name), route.operationId).toEqual(inPath);
      for (const parameter of declared) expect(parameter.required, `${route.operationId} ${parameter.name}`).toBe(true);
    }
  });

  it("answers each route's error codes (and INTERNAL; 401/403 on admin routes) with the error envelope", () => {
    const envelope = document.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(envelope.properties.error.properties.code.enum).toEqual(apiErrorCodes);
    for (const route of apiRoutes) {
      const operation = operationOf(route.path, route.method)!;
      const expected = new Set<ApiErrorCode>([...route.errors, 'INTERNAL', ...(route.admin ? (['UNAUTHORIZED', 'FORBIDDEN'] as const) : [])]);
      const listed: string[] = [];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === String(route.response.status)) continue;
        const json = response.content?.['application/json'];
        expect(json?.schema, `${route.operationId} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        for (const [code, example] of Object.entries(json?.examples ?? {})) {
          listed.push(code);
          expect(String(errorCatalog[code as ApiErrorCode].status), `${route.operationId} ${code}`).toBe(status);
          expect(response.description, `${route.operationId} ${code}`).toContain(code);
          expect(errorEnvelopeSchema.parse(example.value).error.code).toBe(code);
        }
      }
      expect(listed.sort(), route.operationId).toEqual([...expected].sort());
    }
  });

  it('marks admin routes with the SigV4 scheme and public ones with none', () => {
    expect(Object.keys(document.components.securitySchemes)).toEqual(['sigv4']);
    for (const route of apiRoutes) {
      expect(operationOf(route.path, route.method)!.security, route.operationId).toEqual(route.admin ? [{ sigv4: [] }] : undefined);
    }
  });

  it('lists each operation under one declared tag', () => {
    const declared = document.tags.map((tag) => tag.name);
    expect(new Set(declared).size).toBe(declared.length);
    for (const route of apiRoutes) {
      const { tags } = operationOf(route.path, route.method)!;
      expect(tags, route.operationId).toHaveLength(1);
      expect(declared).toContain(tags![0]);
    }
    expect(operationOf('/inventory/{product}/images', 'GET')!.tags).toEqual(['Images']);
    expect(operationOf('/orders/{orderId}', 'GET')!.tags).toEqual(operationOf('/order', 'POST')!.tags);
  });
});
