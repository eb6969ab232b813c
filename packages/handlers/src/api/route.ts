import { ValidationError, type ApiErrorCode, type StorefrontApi } from '@store-front/sdk';
import { productName } from '@store-front/sdk/schemas';
import type * as z from 'zod';

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

/**
 * One route, its `run` typed by its body schema's input (what the SDK method it calls accepts).
 * A route is a `Route` whatever its body: the handler hands `run` the parsed JSON, which that SDK
 * method validates with the same schema.
 */
export function route<Body>(definition: Route<Body>): Route {
  return definition;
}

/** A body that must be a JSON object (the SDK checks its fields). */
export function objectBody<Body>(body: Body, what: string): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(`Invalid ${what}: the body must be a JSON object`, {
      details: [{ path: '(body)', message: 'must be an object' }],
    });
  }
  return body;
}

/** The `{product}` path parameter, documented with the SDK's rule. */
export const productPath = { product: productName };

/** The request's `Idempotency-Key` as the SDK's option (the SDK checks it). */
export function idempotencyOf(headers: ApiRequest['headers']): { idempotencyKey?: string } {
  const idempotencyKey = headers['idempotency-key'];
  return idempotencyKey === undefined ? {} : { idempotencyKey };
}
