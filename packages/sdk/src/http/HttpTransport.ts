import type { ExecuteApiSigner } from './ExecuteApiSigner.js';
import { errorFromResponse } from '../errorFromResponse.js';
import { InternalError } from '../errors.js';
import { markReplayed } from '../idempotentReplay.js';
import { Backoff } from '../retry.js';

/**
 * Static AWS credentials, or a function that returns current ones (e.g. from Cognito).
 *
 * @group HTTP client
 */
export type HttpCredentials =
  | {
      /** Access key id. */
      readonly accessKeyId: string;
      /** Secret access key. */
      readonly secretAccessKey: string;
      /** Session token, for temporary credentials (Cognito's are). */
      readonly sessionToken?: string;
    }
  | (() => Promise<{
      /** Access key id. */
      readonly accessKeyId: string;
      /** Secret access key. */
      readonly secretAccessKey: string;
      /** Session token, for temporary credentials (Cognito's are). */
      readonly sessionToken?: string;
    }>);

/**
 * Options of the HTTP transport (see `createStorefrontClient`).
 *
 * @group HTTP client
 */
export interface HttpTransportOptions {
  /** The API's base URL. */
  readonly baseUrl: string;
  /** Credentials that sign admin calls (SigV4, `execute-api`); without them admin calls go unsigned and the API answers 401. */
  readonly credentials?: HttpCredentials;
  /** SigV4 signing region; default: from an `execute-api.<region>.amazonaws.com` URL, else `us-east-1`. */
  readonly region?: string;
  /** The `fetch` to send with (tests, proxies); default the global one. */
  readonly fetch?: typeof fetch;
  /** Retries of a safe request after a network error, a timeout, 429 or 5xx. Default 3. */
  readonly maxRetries?: number;
  /** Time for one call's attempts together, waits included (a wait `Retry-After` asks for counts), ms. Default 20 000. */
  readonly retryBudgetMs?: number;
  /** Time limit of one attempt, ms. Default 10 000. */
  readonly timeoutMs?: number;
}

/**
 * One API call.
 *
 * @group HTTP client
 */
export interface HttpCall {
  /** HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with its parameters already percent-encoded. */
  readonly path: string;
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, unknown>>;
  /** Body, sent as JSON. */
  readonly body?: unknown;
  /** Extra headers, e.g. `Idempotency-Key`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Sign with the credentials (admin routes). */
  readonly signed?: boolean;
  /** Safe to send again: GETs, and writes carrying an Idempotency-Key. */
  readonly retry?: boolean;
}

/** A `Retry-After` header (seconds, or an HTTP date) in ms; 0 when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  if (header === null) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
}

/**
 * Sends the store's API calls with `fetch`: JSON bodies, SigV4 signing (`execute-api`) of admin
 * calls, retries of safe calls with the SDK's one backoff (exponential, full jitter, a time budget,
 * at least what `Retry-After` asks), and HTTP errors turned into the same error classes the direct
 * transport throws. Browser-safe (Web Crypto, fetch).
 *
 * @example
 * ```ts
 * const transport = new HttpTransport({ baseUrl: 'http://localhost:3000' });
 * const page = await transport.send({ method: 'GET', path: '/catalog', query: { limit: 10 }, retry: true });
 * ```
 *
 * @group HTTP client
 */
export class HttpTransport {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private signer: Promise<ExecuteApiSigner> | undefined;
  private readonly region: string;

  constructor(private readonly options: HttpTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.region =
      options.region ?? /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(this.baseUrl)?.[1] ?? 'us-east-1';
  }

  /** The signer, loaded on the first signed call: a storefront that never signs never downloads it. */
  private signerFor(credentials: HttpCredentials): Promise<ExecuteApiSigner> {
    this.signer ??= import('./ExecuteApiSigner.js').then(({ ExecuteApiSigner }) => new ExecuteApiSigner(credentials, this.region));
    return this.signer;
  }

  /** Sends a call (retrying when allowed) and returns its parsed JSON body, or throws the matching store error. */
  async send<T>(call: HttpCall): Promise<T> {
    const backoff = new Backoff({
      maxAttempts: call.retry ? (this.options.maxRetries ?? 3) + 1 : 1,
      budgetMs: this.options.retryBudgetMs ?? 20_000,
      baseDelayMs: 100,
      maxDelayMs: 2_000,
    });
    for (;;) {
      let response: Response;
      try {
        response = await this.attempt(call);
      } catch (error) {
        if (await backoff.wait()) continue;
        throw new InternalError(`The store could not be reached: ${(error as Error).message}`, { cause: error });
      }
      // 503 TRY_AGAIN and API Gateway's 429 say when to come back; other 5xx get the backoff alone.
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && (await backoff.wait(retryAfterMs(response.headers.get('retry-after'))))) continue;
      // 204 No Content (a deletion): nothing to parse.
      if (response.status === 204) return undefined as T;
      const requestId = response.headers.get('x-request-id') ?? response.headers.get('apigw-requestid') ?? undefined;
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok && body !== undefined) {
        const replayed = response.headers.get('idempotent-replayed') === 'true' && typeof body === 'object' && body !== null;
        return (replayed ? markReplayed(body) : body) as T;
      }
      throw errorFromResponse(response.status, body, requestId, response.headers);
    }
  }

  private async attempt(call: HttpCall): Promise<Response> {
    const url = new URL(this.baseUrl + call.path);
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query[name] = String(value);
    }
    const search = Object.entries(query)
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&');
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    let headers: Record<string, string> = {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...call.headers,
    };
    if (call.signed && this.options.credentials) {
      const signer = await this.signerFor(this.options.credentials);
      const signed = await signer.sign({
        method: call.method,
        path: url.pathname,
        query,
        headers: { ...headers, host: url.host },
        ...(body === undefined ? {} : { body }),
      });
      // The browser sets Host itself (to the same value); fetch refuses to.
      const { host: _host, ...rest } = signed;
      headers = rest;
    }
    return this.fetch(`${url.origin}${url.pathname}${search ? `?${search}` : ''}`, {
      method: call.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
  }
}
