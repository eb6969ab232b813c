/**
 * The one home of the headers a browser relies on for the storefront page and the API: the
 * Content-Security-Policy and its companions. The local stack sends them itself; in AWS the CDN
 * (CloudFront's response headers policy) sends the same, built from these functions.
 */

/**
 * Origins the page may use besides its own (each a full origin, e.g. `https://media.example.com`).
 *
 * @group Browser security
 */
export interface BrowserOrigins {
  /** Where product images are served from (`img-src`). */
  readonly media?: readonly string[];
  /** The API's origin, when not the page's own (`connect-src`). */
  readonly api?: readonly string[];
  /** Where the browser uploads images to (presigned S3 POSTs, `connect-src`). */
  readonly upload?: readonly string[];
}

/**
 * The referrer policy: no URL (which may carry a cursor or an order id) leaks to other sites.
 *
 * @group Browser security
 */
export const referrerPolicy = 'no-referrer';

/**
 * The page's Content-Security-Policy: only its own scripts and styles, images from itself,
 * `data:` and the media origins, requests to itself, the API and the upload origins; never framed.
 *
 * @example
 * ```ts
 * contentSecurityPolicy();
 * // "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
 * contentSecurityPolicy({ media: ['https://d1.cloudfront.net'] }); // img-src 'self' data: https://d1.cloudfront.net
 * ```
 *
 * @group Browser security
 */
export function contentSecurityPolicy(origins: BrowserOrigins = {}): string {
  const img = ["'self'", 'data:', ...(origins.media ?? [])];
  const connect = ["'self'", ...(origins.api ?? []), ...(origins.upload ?? [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${img.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Every browser header as a header map (lower-case names), for a server that sends them itself.
 *
 * @example
 * ```ts
 * response.writeHead(200, { ...browserSecurityHeaders(), 'content-type': 'text/html' });
 * ```
 *
 * @group Browser security
 */
export function browserSecurityHeaders(origins: BrowserOrigins = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(origins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': referrerPolicy,
  };
}
