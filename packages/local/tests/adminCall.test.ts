import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodePath, runAdminCall } from '../src/adminCall.js';
import type { LocalStack } from '../src/startLocalStack.js';
import { item, send, startTestStack, testAdmin } from './localStackSupport.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.store.inventory.put([item('Coffee Mug', 10, 12.5)]);
});
afterAll(() => stack?.stop());

/** Runs the CLI in-process against the test stack; returns its exit code and what it printed. */
async function admin(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  try {
    const env = {
      STOREFRONT_API_URL: stack.url,
      STOREFRONT_ADMIN_ACCESS_KEY_ID: testAdmin.accessKeyId,
      STOREFRONT_ADMIN_SECRET_ACCESS_KEY: testAdmin.secretAccessKey,
    };
    const code = await runAdminCall(args, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('npm run admin -- METHOD PATH [JSON]', () => {
  it('encodes each path segment once, plain or already encoded, and keeps the query', () => {
    expect(encodePath('/inventory/Coffee Mug/adjustments')).toBe('/inventory/Coffee%20Mug/adjustments');
    expect(encodePath('/inventory/Coffee%20Mug/adjustments')).toBe('/inventory/Coffee%20Mug/adjustments');
    expect(encodePath('/inventory/AC%2FDC Poster/adjustments')).toBe('/inventory/AC%2FDC%20Poster/adjustments');
    expect(encodePath('/alerts?limit=5')).toBe('/alerts?limit=5');
  });

  it('signs a call to a path with a space, which curl --aws-sigv4 cannot, and the stack applies it', async () => {
    const result = await admin('POST', '/inventory/Coffee Mug/adjustments', '{"delta":5,"reason":"delivery"}');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ product: 'Coffee Mug', quantity: 15 });
    expect(result.err).toMatch(/^200/);
    expect((await stack.store.catalog.get('Coffee Mug')).available).toBe(15);
  });

  it('exits 1 with the error envelope on an error answer, 2 with the usage on bad arguments', async () => {
    const missing = await admin('GET', '/orders/no-such-order');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).error.code).toBe('NOT_FOUND');
    expect((await admin('FETCH', '/alerts')).code).toBe(2);
    expect((await admin('GET', 'alerts')).code).toBe(2);
  });

  it('the local 403 for a path with encoded characters says how to sign it', async () => {
    // Signed over the path exactly as sent, as curl --aws-sigv4 does, instead of escaped once more as AWS signs execute-api.
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { NodeSha256 } = await import('../src/NodeSha256.js');
    const signer = new SignatureV4({ credentials: testAdmin, region: 'us-east-1', service: 'execute-api', sha256: NodeSha256, uriEscapePath: false });
    const url = new URL(`${stack.url}/report/a%20b`);
    const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host } });
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(url, { headers });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/curl --aws-sigv4.*npm run admin/s);

    const plain = await send(stack.url, { method: 'GET', path: '/report/nope', headers: { authorization: `${headers.authorization!.slice(0, -4)}0000`, 'x-amz-date': headers['x-amz-date']! } });
    expect(plain.status).toBe(403);
    expect(plain.json.error.message).not.toMatch(/curl/);
  });
});
