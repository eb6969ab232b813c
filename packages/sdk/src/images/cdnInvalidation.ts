import { SignatureV4 } from '@smithy/signature-v4';
import type { S3Client } from '@aws-sdk/client-s3';
import { WebCryptoSha256 } from '../http/WebCryptoSha256.js';

/*
 * CloudFront's CreateInvalidation, signed with the SigV4 signer the AWS SDK already bundles. The
 * CloudFront client would add ≈ 220 KB to the API's single-file bundle for this one call, made only
 * when an image is deleted; the request is a small, stable XML document (API version 2020-05-31).
 */

const apiVersion = '2020-05-31';

/** What {@link invalidateCdnPaths} needs. */
export interface CdnInvalidation {
  readonly distributionId: string;
  /** Idempotency: CloudFront answers a repeated reference with the invalidation it already made. */
  readonly callerReference: string;
  /** Paths to forget, each starting with `/`. */
  readonly paths: readonly string[];
  /** The store's credentials (any client's `config.credentials`). */
  readonly credentials: S3Client['config']['credentials'];
  /** An emulator's endpoint; default CloudFront's global one. */
  readonly endpoint?: string;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Asks CloudFront to forget `paths` of a distribution; throws with CloudFront's answer when it refuses. */
export async function invalidateCdnPaths(invalidation: CdnInvalidation): Promise<void> {
  const url = new URL(`/${apiVersion}/distribution/${encodeURIComponent(invalidation.distributionId)}/invalidation`, invalidation.endpoint ?? 'https://cloudfront.amazonaws.com');
  const items = invalidation.paths.map((path) => `<Path>${escapeXml(path)}</Path>`).join('');
  const body =
    `<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/${apiVersion}/">` +
    `<Paths><Quantity>${invalidation.paths.length}</Quantity><Items>${items}</Items></Paths>` +
    `<CallerReference>${escapeXml(invalidation.callerReference)}</CallerReference></InvalidationBatch>`;
  // CloudFront is a global service: requests are signed for us-east-1.
  const signer = new SignatureV4({ service: 'cloudfront', region: 'us-east-1', credentials: invalidation.credentials, sha256: WebCryptoSha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/xml' },
    body,
  });
  const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
  if (!response.ok) {
    throw new Error(`CloudFront refused the invalidation (${response.status}): ${(await response.text()).slice(0, 300)}`);
  }
}
