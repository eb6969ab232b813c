import { SignatureV4Base, createScope, getCanonicalHeaders, getSigningKey } from '@smithy/signature-v4';
import type { HttpCredentials } from './HttpTransport.js';
import { WebCryptoSha256 } from './WebCryptoSha256.js';

/** A request to sign: what `@smithy/signature-v4` canonicalises. */
export interface SignableRequest {
  readonly method: string;
  /** Path as sent (percent-encoded); canonicalised the way AWS signs `execute-api`. */
  readonly path: string;
  readonly query: Record<string, string>;
  /** Must include `host`. */
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const encoder = new TextEncoder();
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

async function sha256Hex(data: string, key?: Uint8Array): Promise<string> {
  const hash = new WebCryptoSha256(key);
  hash.update(encoder.encode(data));
  return toHex(await hash.digest());
}

/**
 * SigV4 (`execute-api`) request signing on `@smithy/signature-v4`'s `SignatureV4Base` — canonical
 * path, query and headers, scope and signing key exactly as `SignatureV4` computes them — without
 * `SignatureV4`'s presigning and event-stream code, which a browser would download for nothing.
 * Loaded on the first signed call, so a storefront that never signs never downloads it.
 *
 * @example
 * ```ts
 * const signer = new ExecuteApiSigner({ accessKeyId: 'AK…', secretAccessKey: '…' }, 'us-east-1');
 * const headers = await signer.sign({ method: 'GET', path: '/alerts', query: {}, headers: { host: 'api.example.com' } });
 * ```
 */
export class ExecuteApiSigner extends SignatureV4Base {
  constructor(
    credentials: HttpCredentials,
    private readonly signingRegion: string,
  ) {
    super({ credentials, region: signingRegion, service: 'execute-api', sha256: WebCryptoSha256, uriEscapePath: true });
  }

  /** The request's headers plus `x-amz-date`, `x-amz-content-sha256`, the session token if any, and `authorization`. */
  async sign(request: SignableRequest, signingDate = new Date()): Promise<Record<string, string>> {
    const credentials = await this.credentialProvider();
    this.validateResolvedCredentials(credentials);
    const { longDate, shortDate } = this.formatDate(signingDate);
    const payloadHash = await sha256Hex(request.body ?? '');
    const headers: Record<string, string> = {
      ...request.headers,
      'x-amz-date': longDate,
      'x-amz-content-sha256': payloadHash,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    };
    const signable = { ...request, headers } as unknown as Parameters<typeof getCanonicalHeaders>[0];
    const canonicalHeaders = getCanonicalHeaders(signable);
    const scope = createScope(shortDate, this.signingRegion, this.service);
    const stringToSign = await this.createStringToSign(
      longDate,
      scope,
      this.createCanonicalRequest(signable, canonicalHeaders, payloadHash),
      'AWS4-HMAC-SHA256',
    );
    const key = await getSigningKey(WebCryptoSha256, credentials, shortDate, this.signingRegion, this.service);
    headers.authorization =
      `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=${this.getCanonicalHeaderList(canonicalHeaders)}, Signature=${await sha256Hex(stringToSign, key)}`;
    return headers;
  }
}
