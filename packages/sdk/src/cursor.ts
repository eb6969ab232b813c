import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from './errors.js';

/*
 * Opaque, tamper-proof pagination cursors: base64url(JSON) + "." + HMAC-SHA256 tag. A modified or
 * forged cursor fails the tag check and is a ValidationError, never a crash or a foreign key.
 */

const tagLength = 16;

function tag(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(body).digest().subarray(0, tagLength);
}

/** Seals `payload` into a cursor string. */
export function sealCursor(payload: unknown, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${tag(body, secret).toString('base64url')}`;
}

/** Opens a cursor made by {@link sealCursor}; throws a ValidationError (field `cursor`) if it was altered. */
export function openCursor(cursor: string, secret: string): unknown {
  const invalid = () =>
    new ValidationError('Invalid cursor: pass nextCursor from a previous page unchanged', {
      details: [{ path: 'cursor', message: 'is not a cursor issued by this store' }],
    });
  const [body, signature, extra] = cursor.split('.');
  if (!body || !signature || extra !== undefined || cursor.length > 4096) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== tagLength || !timingSafeEqual(given, tag(body, secret))) throw invalid();
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
}
