import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '@store-front/sdk';
import { NodeSha256 } from './NodeSha256.js';

/** A request to sign for an admin route of the API. */
export interface AdminRequestToSign {
  readonly method: string;
  /** The full URL, path already percent-encoded (as it will be sent). */
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly credentials: AwsCredentials;
  /** Signing region; default `us-east-1`. */
  readonly region?: string;
  /** Signing date; default now. */
  readonly date?: Date;
}

/**
 * SigV4-signs a request for service `execute-api` the way AWS signs API Gateway calls (each path
 * segment escaped again in the canonical path, which is `@smithy/signature-v4`'s default) and
 * returns the headers to send, `host` left to fetch.
 *
 * @example
 * ```ts
 * const headers = await signAdminRequest({ method: 'GET', url: new URL('http://127.0.0.1:3000/alerts'), credentials });
 * await fetch('http://127.0.0.1:3000/alerts', { headers });
 * ```
 */
export async function signAdminRequest(request: AdminRequestToSign): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials: request.credentials,
    region: request.region ?? 'us-east-1',
    service: 'execute-api',
    sha256: NodeSha256,
  });
  const query: Record<string, string> = {};
  for (const [name, value] of request.url.searchParams) query[name] = value;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: Number(request.url.port) || undefined,
      path: request.url.pathname,
      query,
      headers: { ...request.headers, host: request.url.host },
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    request.date ? { signingDate: request.date } : {},
  );
  const { host: _host, ...headers } = signed.headers;
  return headers;
}
