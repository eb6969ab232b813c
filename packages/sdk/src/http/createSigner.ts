import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpCredentials } from './HttpTransport.js';
import { WebCryptoSha256 } from './WebCryptoSha256.js';

/**
 * A SigV4 signer for `execute-api` over Web Crypto. Its own module, loaded on the first signed call,
 * so a storefront that never signs never downloads the signer.
 *
 * @example
 * ```ts
 * const signer = createSigner({ accessKeyId: 'AK…', secretAccessKey: '…' }, 'us-east-1');
 * const signed = await signer.sign(request);
 * ```
 */
export function createSigner(credentials: HttpCredentials, region: string): SignatureV4 {
  return new SignatureV4({ credentials, region, service: 'execute-api', sha256: WebCryptoSha256 });
}
