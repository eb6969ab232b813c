import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExecuteApiSigner } from '../../src/http/ExecuteApiSigner.js';
import { WebCryptoSha256 } from '../../src/http/WebCryptoSha256.js';

// ExecuteApiSigner subclasses @smithy/signature-v4's SignatureV4Base and calls its protected members,
// which a minor release may change: the dependency is pinned exactly, and these tests fail on drift.
describe('ExecuteApiSigner over @smithy/signature-v4', () => {
  it('is pinned to the exact version installed', () => {
    const sdkPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const require = createRequire(new URL('../../package.json', import.meta.url));
    const installedPackage = JSON.parse(readFileSync(require.resolve('@smithy/signature-v4/package.json'), 'utf8'));
    expect(sdkPackage.dependencies['@smithy/signature-v4']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installedPackage.version).toBe(sdkPackage.dependencies['@smithy/signature-v4']);
  });

  it("signs every request exactly as the library's own SignatureV4 does (property)", async () => {
    const segment = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '%', '+', '/', '?', '#', 'é', '💡', '~', '*', '(', ')'), minLength: 1, maxLength: 6 });
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      segments: fc.array(segment, { minLength: 1, maxLength: 3 }),
      query: fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      body: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9]{8,16}$/), { nil: undefined }),
      date: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, segments, query, body, sessionToken, date }) => {
        const credentials = { accessKeyId: 'AKIAEXAMPLE000000000', secretAccessKey: 'secret/example+key', ...(sessionToken ? { sessionToken } : {}) };
        const path = `/${segments.map(encodeURIComponent).join('/')}`;
        const headers = { host: 'abc.execute-api.eu-west-1.amazonaws.com', 'content-type': 'application/json' };
        const ours = await new ExecuteApiSigner(credentials, 'eu-west-1').sign({ method, path, query, headers, ...(body === undefined ? {} : { body }) }, date);
        const reference = await new SignatureV4({ credentials, region: 'eu-west-1', service: 'execute-api', sha256: WebCryptoSha256, uriEscapePath: true }).sign(
          { method, protocol: 'https:', hostname: headers.host, path, query, headers: { ...headers, 'x-amz-content-sha256': ours['x-amz-content-sha256']! }, ...(body === undefined ? {} : { body }) },
          { signingDate: date },
        );
        expect(ours.authorization).toBe(reference.headers.authorization);
      }),
      { numRuns: 200 },
    );
  });
});
