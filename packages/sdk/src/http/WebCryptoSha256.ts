import type { Checksum, SourceData } from '@smithy/types';

const encoder = new TextEncoder();

function toBytes(data: SourceData): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return encoder.encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) as Uint8Array<ArrayBuffer>;
  return new Uint8Array(data.slice(0)) as Uint8Array<ArrayBuffer>;
}

/**
 * SHA-256 (or HMAC-SHA256 when given a secret) over the Web Crypto API, in the shape
 * `@smithy/signature-v4` expects. Browsers and Node 20+ both have `crypto.subtle`, so the HTTP
 * client signs without bundling a hash implementation.
 *
 * @example
 * ```ts
 * const hash = new WebCryptoSha256();
 * hash.update(new TextEncoder().encode('abc'));
 * await hash.digest(); // ba7816bf…
 * ```
 */
export class WebCryptoSha256 implements Checksum {
  private chunks: Uint8Array<ArrayBuffer>[] = [];
  private readonly key: Promise<CryptoKey> | undefined;

  constructor(secret?: SourceData) {
    this.key =
      secret === undefined
        ? undefined
        : crypto.subtle.importKey('raw', toBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }

  update(data: Uint8Array): void {
    this.chunks.push(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    const length = this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    const data = new Uint8Array(length);
    let offset = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const result = this.key ? await crypto.subtle.sign('HMAC', await this.key, data) : await crypto.subtle.digest('SHA-256', data);
    return new Uint8Array(result);
  }

  reset(): void {
    this.chunks = [];
  }
}
