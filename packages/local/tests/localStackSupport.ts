import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { buildStorefrontWeb } from '@store-front/storefront-web/build';
import { inject } from 'vitest';
import { signAdminRequest } from '../src/signAdminRequest.js';
import { startLocalStack, type StartLocalStackOptions } from '../src/startLocalStack.js';

/** Admin credentials the test stacks verify against. */
export const testAdmin = { accessKeyId: 'AKIATESTADMIN0000001', secretAccessKey: 'test-admin-secret-0123456789abcdef' };

/** Polls `probe` every 100 ms until it returns a value; fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A logger that stays quiet unless a test fails loudly. */
export const silentLogger = new Logger({ serviceName: 'storefront-test', logLevel: 'SILENT' });

let storefrontWeb: Promise<Record<string, { contentType: string; body: Uint8Array }>> | undefined;

/** The storefront page as `npm start` hands it to the stack (built once per test process). */
export function storefrontPages() {
  return (storefrontWeb ??= buildStorefrontWeb().then((site) => Object.fromEntries(site)));
}

/** A local stack on a free port over the shared emulator, with its own resource prefix and no background services. */
export function startTestStack(overrides: StartLocalStackOptions = {}) {
  return startLocalStack({
    endpoint: inject('awsEndpoint'),
    region: 'us-east-1',
    prefix: `t${randomBytes(4).toString('hex')}`,
    cursorSecret: 'test-cursor-secret-0123456789',
    port: 0,
    seed: false,
    persist: false,
    backgroundServices: [],
    adminCredentials: testAdmin,
    logger: silentLogger,
    print: () => undefined,
    ...overrides,
  });
}

/** A raw HTTP request, optionally SigV4-signed, with hooks to break the signature in the ways the auth matrix needs. */
export interface RawRequest {
  readonly method: string;
  /** Path with query, as sent (already encoded). */
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly sign?: {
    readonly credentials?: { accessKeyId: string; secretAccessKey: string };
    readonly date?: Date;
    /** Body actually sent instead of the signed one. */
    readonly sendBody?: string;
    /** Path (with query) actually sent instead of the signed one. */
    readonly sendPath?: string;
  };
}

/** Sends a request to the stack; returns status, headers and the parsed JSON body (or text). */
export async function send(baseUrl: string, request: RawRequest) {
  const url = new URL(baseUrl + request.path);
  let headers: Record<string, string> = {
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  if (request.sign) {
    headers = await signAdminRequest({
      method: request.method,
      url,
      headers,
      credentials: request.sign.credentials ?? testAdmin,
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.sign.date ? { date: request.sign.date } : {}),
    });
  }
  const body = request.sign?.sendBody ?? request.body;
  const target = request.sign?.sendPath ? new URL(baseUrl + request.sign.sendPath) : url;
  const response = await fetch(target, { method: request.method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** An inventory item for PUT /inventory. */
export function item(product: string, quantity: number, cost = 10, category = 'General') {
  return { product, category, description: `${product} description`, cost, quantity };
}
