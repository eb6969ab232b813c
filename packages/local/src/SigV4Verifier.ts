import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { ForbiddenError, UnauthorizedError, type AwsCredentials } from '@store-front/sdk';
import { NodeSha256 } from './NodeSha256.js';

/** A request as it arrived: the raw (still percent-encoded) path and query, lower-case headers, the body bytes. */
export interface SignedRequest {
  /** HTTP method. */
  readonly method: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  /** The query string as sent, without `?`. */
  readonly rawQuery: string;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body's bytes (the signature covers their hash). */
  readonly body: Uint8Array;
}

/** Options of {@link SigV4Verifier}. */
export interface SigV4VerifierOptions {
  /** The credentials admin requests must be signed with. */
  readonly credentials: AwsCredentials;
  /** Signing region (the store's `AWS_REGION`). */
  readonly region: string;
  /** Largest accepted difference between the request's date and now, in ms (AWS: 5 minutes). */
  readonly maxSkewMs?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

const service = 'execute-api';
const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
// The usual cause of a mismatch on a path like /inventory/Coffee%20Mug: a signer that signs the path as sent.
const encodedPathHint =
  '. The path has encoded characters: AWS (and this stack) sign each path segment escaped once more, which curl --aws-sigv4 does not do; use `npm run admin -- METHOD PATH [JSON]`, the SDK\'s HTTP client or another AWS SigV4 signer';
const amzDatePattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Verifies AWS SigV4 (`execute-api`) signatures the way API Gateway's IAM authorizer does, against
 * one pair of admin credentials: it re-signs the request as received with `@smithy/signature-v4` —
 * same signed headers, same date, the body's real hash — and compares. A missing or unparsable
 * `Authorization` is a 401; a wrong key, signature, scope, stale date or altered body is a 403.
 *
 * @example
 * ```ts
 * const verifier = new SigV4Verifier({ credentials: { accessKeyId: 'AK…', secretAccessKey: '…' }, region: 'us-east-1' });
 * await verifier.verify({ method: 'PUT', rawPath: '/inventory', rawQuery: '', headers, body }); // throws when not signed
 * ```
 */
export class SigV4Verifier {
  private readonly signer: SignatureV4;
  private readonly maxSkewMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SigV4VerifierOptions) {
    this.signer = new SignatureV4({
      credentials: { accessKeyId: options.credentials.accessKeyId, secretAccessKey: options.credentials.secretAccessKey },
      region: options.region,
      service,
      sha256: NodeSha256,
      uriEscapePath: true,
      // Sign exactly the headers the client signed: no x-amz-content-sha256 unless it sent one.
      applyChecksum: false,
    });
    this.maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves with the caller's access key id when the request is signed by the admin credentials;
   * throws `UnauthorizedError` / `ForbiddenError` otherwise.
   */
  async verify(request: SignedRequest): Promise<{
    /** The access key id the request was signed with. */
    readonly accessKeyId: string;
  }> {
    const authorization = request.headers.authorization;
    if (!authorization) throw new UnauthorizedError('Missing Authorization header: admin routes need a SigV4-signed request');
    const parsed = authorizationPattern.exec(authorization.trim());
    if (!parsed) throw new UnauthorizedError('Authorization header is not an AWS SigV4 (AWS4-HMAC-SHA256) signature');
    const [, accessKeyId, scopeDate, region, scopeService, signedHeaderList, signature] = parsed as unknown as string[];

    if (accessKeyId !== this.options.credentials.accessKeyId) throw new ForbiddenError('The access key is not valid for this API');
    const signingDate = parseAmzDate(request.headers['x-amz-date']);
    if (!signingDate) throw new ForbiddenError('Signed requests need an x-amz-date header (YYYYMMDDTHHMMSSZ)');
    if (Math.abs(this.now() - signingDate.getTime()) > this.maxSkewMs) {
      throw new ForbiddenError('Signature expired: the request date is more than 5 minutes from the server time');
    }
    if (scopeDate !== request.headers['x-amz-date']!.slice(0, 8) || region !== this.options.region || scopeService !== service) {
      throw new ForbiddenError(`Credential scope must be <date>/${this.options.region}/${service}/aws4_request`);
    }
    const signedHeaders = signedHeaderList!.split(';');
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
      throw new ForbiddenError('host and x-amz-date must be signed');
    }
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    const claimedHash = request.headers['x-amz-content-sha256'];
    if (claimedHash !== undefined && claimedHash !== bodyHash) {
      throw new ForbiddenError('The body does not match x-amz-content-sha256');
    }

    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value = request.headers[name];
      if (value !== undefined && name !== 'x-amz-date') headers[name] = value;
    }
    const signed = await this.signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: headers.host ?? '',
        path: request.rawPath,
        query: parseQuery(request.rawQuery),
        headers,
        body: request.body,
      },
      { signingDate, signableHeaders: new Set(signedHeaders) },
    );
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1];
    if (!expected || !timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature!, 'hex'))) {
      throw new ForbiddenError(`The request signature does not match${request.rawPath.includes('%') ? encodedPathHint : ''}`);
    }
    return { accessKeyId: accessKeyId! };
  }
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value === undefined ? null : amzDatePattern.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The decoded query as `@smithy/signature-v4` takes it (repeated names as arrays). */
function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}
