import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError, ValidationError } from './errors.js';

/*
 * Opaque, tamper-proof pagination cursors: base64url(JSON) + "." + HMAC-SHA256 tag. A modified or
 * forged cursor fails the tag check and is a ValidationError, never a crash or a foreign key.
 */

const tagLength = 16;

function requireKey(secret: string | undefined): string {
  if (secret !== undefined) return secret;
  throw new ConfigurationError(
    'No cursor-signing key: set cursorSecret (env STOREFRONT_CURSOR_SECRET); in Lambda the handler reads it from STOREFRONT_CURSOR_SECRET_ARN',
  );
}

function tag(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(body).digest().subarray(0, tagLength);
}

/** Seals `payload` into a cursor string; without a key (`undefined`) throws a `ConfigurationError`. */
export function sealCursor(payload: unknown, secret: string | undefined): string {
  const key = requireKey(secret);
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${tag(body, key).toString('base64url')}`;
}

/** Opens a cursor made by {@link sealCursor}; throws a ValidationError (field `cursor`) if it was altered. */
export function openCursor(cursor: string, secret: string | undefined): unknown {
  const key = requireKey(secret);
  const invalid = () =>
    new ValidationError('Invalid cursor: pass nextCursor from a previous page unchanged', {
      details: [{ path: 'cursor', message: 'is not a cursor issued by this store' }],
    });
  const [body, signature, extra] = cursor.split('.');
  if (!body || !signature || extra !== undefined || cursor.length > 4096) throw invalid();
  // The tag is compared as text: base64url's last character carries spare bits, so two spellings decode to the same bytes.
  const given = Buffer.from(signature);
  const expected = Buffer.from(tag(body, key).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
}
