import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { apiRoutes, buildOpenApiDocument, type ApiHandler } from '@store-front/handlers';
import { errorCatalog } from '@store-front/sdk';
import { contentSecurityPolicy } from '@store-front/sdk/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiReferenceStylesheet, escapeHtml, renderApiReference, type ApiReferenceDocument } from '../../src/apiReference.js';
import { createLocalApiServer } from '../../src/createLocalApiServer.js';
import { SigV4Verifier } from '../../src/SigV4Verifier.js';

const document = buildOpenApiDocument(apiRoutes);
const html = renderApiReference(document);

/** The HTML of one operation's article. */
function articleOf(page: string, operationId: string): string {
  const match = new RegExp(`<article class="operation" id="op-${operationId}">([\\s\\S]*?)</article>`).exec(page);
  expect(match, operationId).not.toBeNull();
  return match![1]!;
}

describe('the API reference page', () => {
  it('has every operation: method, path, access, summary and each error code it answers', () => {
    for (const route of apiRoutes) {
      const article = articleOf(html, route.operationId);
      expect(article).toContain(`<span class="method method-${route.method.toLowerCase()}">${route.method}</span> <code>${route.path}</code>`);
      expect(article).toContain(`operationId <code>${route.operationId}</code>`);
      expect(article).toContain(escapeHtml(route.summary));
      expect(article).toContain(route.admin ? 'class="access admin"' : 'class="access public"');
      expect(article).toContain(`<td>${route.response.status}</td>`);
      for (const code of [...route.errors, 'INTERNAL' as const, ...(route.admin ? (['UNAUTHORIZED', 'FORBIDDEN'] as const) : [])]) {
        expect(article, `${route.operationId} ${code}`).toContain(`<td>${errorCatalog[code].status}</td>`);
        expect(article, `${route.operationId} ${code}`).toContain(`<li><code>${code}</code> ${escapeHtml(errorCatalog[code].description)}</li>`);
      }
      for (const name of Object.keys(route.pathParams ?? {})) expect(article).toContain(`<td><code>${name}</code></td><td>path</td><td>yes</td>`);
      if (route.body) expect(article).toContain('<h4>Request body</h4>');
      expect(article).toContain('Errors answer the <a href="#errors">error envelope</a>.');
      // The table of contents links to it.
      expect(html).toContain(`<a href="#op-${route.operationId}">`);
    }
  });

  it('groups the contents by tag and ends with the error codes', () => {
    const contents = /<nav aria-label="Operations">([\s\S]*?)<\/nav>/.exec(html)![1]!;
    for (const tag of document.tags) expect(contents).toContain(`<a href="#tag-${tag.name}">${tag.name}</a>`);
    expect(contents).toContain('<a href="#errors">Errors</a>');
    const errors = /<section id="errors"[\s\S]*?<\/section>/.exec(html)![0];
    const answered = new Set(apiRoutes.flatMap((route) => [...route.errors, 'INTERNAL', ...(route.admin ? ['UNAUTHORIZED', 'FORBIDDEN'] : [])]));
    for (const code of answered) expect(errors).toContain(`<td><code>${code}</code></td><td>${errorCatalog[code as keyof typeof errorCatalog].status}</td>`);
  });

  it('needs nothing a strict CSP forbids: no script, no inline style, nothing from another origin', () => {
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
    const references = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references).toContain('api.css');
    for (const reference of references) expect(reference, reference).not.toMatch(/^(?:[a-z]+:)?\/\//i);
    // The browser asks no /favicon.ico (which would be a 404): an empty data: icon (img-src allows data:).
    expect(html).toContain('<link rel="icon" href="data:,">');
    expect(apiReferenceStylesheet).not.toMatch(/@import|url\(/);
  });

  it('escapes every text it takes from the document', () => {
    const hostile: ApiReferenceDocument = {
      openapi: '3.1.0',
      info: { title: 'A <b>bold</b> API', version: '1"', description: 'Fish & <i>chips</i>' },
      tags: [{ name: '<em>Tag</em>' }],
      paths: {
        '/x/{a}': {
          get: {
            operationId: 'x"><script>alert(1)</script>',
            summary: 'Costs < 5 & "quoted" <script>alert(1)</script>',
            tags: ['<em>Tag</em>'],
            security: [{ '<sig>': [] }],
            parameters: [{ name: '<a>', in: 'path', required: true, description: '<img src=x onerror=alert(1)>', schema: { pattern: '</code><script>' } }],
            responses: {
              '200': { description: 'OK', content: { 'application/json': { schema: { const: '</pre>' } } } },
              '400': {
                description: 'bad',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: { '<CODE>': { summary: 'a & b' } } } },
              },
            },
          },
        },
      },
    };
    const page = renderApiReference(hostile);
    expect(page).toContain('Costs &lt; 5 &amp; &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('A &lt;b&gt;bold&lt;/b&gt; API');
    expect(page).toContain('Fish &amp; &lt;i&gt;chips&lt;/i&gt;');
    expect(page).toContain('<code>&lt;CODE&gt;</code> a &amp; b');
    expect(page).toContain('&lt;/code&gt;&lt;script&gt;');
    expect(page).toContain('&lt;/pre&gt;');
    expect(page).toContain('<code>&lt;sig&gt;</code>');
    // Anchors keep only safe characters.
    expect(page).toContain('id="op-x-script-alert-1-script-"');
    expect(page).not.toMatch(/<(?:script|img|b|i|em|sig|CODE)[\s>]|<a>/);
  });

  it('escapes &, <, >, " and \'', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('the local stack serving it', () => {
  let server: Server;
  let url: string;
  const handled: string[] = [];
  const handler: ApiHandler = async (event) => {
    handled.push(`${event.requestContext.http.method} ${event.rawPath}`);
    return { statusCode: 404, headers: { 'content-type': 'application/json' }, body: '{"error":{"code":"NOT_FOUND","message":"Not found"}}' };
  };

  beforeAll(async () => {
    server = createLocalApiServer({ handler, verifier: new SigV4Verifier({ credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, region: 'us-east-1' }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const expectBrowserHeaders = (response: Response) => {
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('answers GET /docs/api with the page, under the browser security headers', async () => {
    const response = await fetch(`${url}/docs/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectBrowserHeaders(response);
    expect(await response.text()).toBe(html);
  });

  it('serves the stylesheet the page links to, from its own origin', async () => {
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html)![1]!;
    const stylesheet = new URL(href, `${url}/docs/api`);
    expect(stylesheet.origin).toBe(url);
    const response = await fetch(stylesheet);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expectBrowserHeaders(response);
    expect(await response.text()).toBe(apiReferenceStylesheet);
    // …and the link to the machine-readable document points at the API's /openapi.json.
    expect(new URL(/machine-readable: <a href="([^"]+)">/.exec(html)![1]!, `${url}/docs/api`).pathname).toBe('/openapi.json');
  });

  it('answers HEAD like GET without the body; other methods and paths go to the API', async () => {
    const head = await fetch(`${url}/docs/api`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(html)));
    expect(await head.text()).toBe('');
    expect(handled).toEqual([]);
    expect((await fetch(`${url}/docs/api`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${url}/docs/api/`)).status).toBe(404);
    expect(handled).toEqual(['POST /docs/api', 'GET /docs/api/']);
  });
});
