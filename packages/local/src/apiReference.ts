/*
 * The HTTP API reference page the local stack serves at /docs/api: one static HTML page rendered from
 * the OpenAPI document the API serves at /openapi.json (itself generated from the route table, the
 * schemas and the error catalog), plus its stylesheet. No script, no inline style and nothing from
 * another origin, so it works under the page's Content-Security-Policy (`script-src 'self'`,
 * `style-src 'self'`) like the storefront page. Every text taken from the document is HTML-escaped.
 */

import { apiRoutes, buildOpenApiDocument } from '@store-front/handlers';

import type { ApiReferenceDocument, ApiReferenceLinks, Operation, Response, Entry } from './apiReferenceTypes.js';
import { apiReferenceStylesheet } from './apiReferenceStyles.js';

export type { ApiReferenceDocument, ApiReferenceLinks } from './apiReferenceTypes.js';
export { apiReferenceStylesheet } from './apiReferenceStyles.js';


const httpMethods = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'];
const untagged = 'Other';

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<a href="x">'); // '&lt;a href=&quot;x&quot;&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character]!);
}

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
const anchorOf = (prefix: string, text: string) => `${prefix}-${text.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
const schemaBlock = (label: string, schema: unknown) =>
  `<details class="schema"><summary>${escapeHtml(label)}</summary><pre><code>${escapeHtml(JSON.stringify(schema, null, 2))}</code></pre></details>`;
const methodBadge = (method: string) => `<span class="method method-${escapeHtml(method.toLowerCase())}">${escapeHtml(method)}</span>`;

function entriesOf(document: ApiReferenceDocument): Entry[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, value]) => {
        const operation = value as Operation;
        return { path, method: method.toUpperCase(), operation, anchor: anchorOf('op', operation.operationId ?? `${method}-${path}`) };
      }),
  );
}

/** Operations by tag: the document's tags in order, then any other tag met, then untagged ones. */
function byTag(document: ApiReferenceDocument, entries: readonly Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>((document.tags ?? []).map((tag) => [tag.name, []]));
  for (const entry of entries) {
    const tag = entry.operation.tags?.[0] ?? untagged;
    if (!groups.has(tag)) groups.set(tag, []);
    groups.get(tag)!.push(entry);
  }
  for (const [tag, members] of groups) if (members.length === 0) groups.delete(tag);
  return groups;
}

/** The error codes a response documents: the keys of its examples (one per code). */
function errorCodesOf(response: Response): Array<{ code: string; summary: string }> {
  const examples = response.content?.['application/json']?.examples ?? {};
  return Object.entries(examples).map(([name, example]) => ({ code: name, summary: example.summary ?? '' }));
}

function parametersTable(operation: Operation): string {
  if (!operation.parameters?.length) return '';
  const rows = operation.parameters.map(
    (parameter) =>
      `<tr><td>${code(parameter.name)}</td><td>${escapeHtml(parameter.in)}</td><td>${parameter.required ? 'yes' : 'no'}</td>` +
      `<td>${parameter.description ? `${escapeHtml(parameter.description)} ` : ''}<code class="schema-inline">${escapeHtml(JSON.stringify(parameter.schema ?? {}))}</code></td></tr>`,
  );
  return `<h4>Parameters</h4><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">schema</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function requestBodySection(operation: Operation): string {
  const content = operation.requestBody?.content;
  if (!content) return '';
  const types = Object.entries(content).map(
    ([type, media]) => `<p>${code(type)}${operation.requestBody?.required ? ', required' : ', optional'}</p>${media.schema ? schemaBlock(`${type} schema`, media.schema) : ''}`,
  );
  return `<h4>Request body</h4>${types.join('')}`;
}

function responsesSection(operation: Operation): string {
  const responses = Object.entries(operation.responses ?? {});
  if (responses.length === 0) return '';
  const rows = responses.map(([status, response]) => {
    const codes = errorCodesOf(response);
    const meaning = codes.length
      ? `<ul class="codes">${codes.map((entry) => `<li>${code(entry.code)} ${escapeHtml(entry.summary)}</li>`).join('')}</ul>`
      : escapeHtml(response.description ?? '');
    return `<tr class="${status.startsWith('2') ? 'success' : 'failure'}"><td>${escapeHtml(status)}</td><td>${meaning}</td></tr>`;
  });
  const envelope = responses.some(([, response]) =>
    Object.values(response.content ?? {}).some((media) => (media.schema as { $ref?: unknown } | undefined)?.$ref === '#/components/schemas/Error'),
  );
  const schemas = responses.flatMap(([status, response]) =>
    Object.entries(response.content ?? {})
      .filter(([, media]) => media.schema !== undefined && (media.schema as { $ref?: unknown }).$ref === undefined)
      .map(([type, media]) => schemaBlock(`${status} ${type} schema`, media.schema)),
  );
  return [
    '<h4>Responses</h4>',
    `<table><thead><tr><th scope="col">status</th><th scope="col">meaning, error codes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    envelope ? '<p class="note">Errors answer the <a href="#errors">error envelope</a>.</p>' : '',
    ...schemas,
  ].join('');
}

function operationSection(entry: Entry): string {
  const { operation } = entry;
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const access = schemes.length
    ? `<p class="access admin">Admin: a SigV4-signed request (${schemes.map(code).join(', ')})</p>`
    : '<p class="access public">Public</p>';
  return [
    `<article class="operation" id="${escapeHtml(entry.anchor)}">`,
    `<h3>${methodBadge(entry.method)} ${code(entry.path)}</h3>`,
    access,
    operation.summary ? `<p>${escapeHtml(operation.summary)}</p>` : '',
    operation.description ? `<p>${escapeHtml(operation.description)}</p>` : '',
    operation.operationId ? `<p class="operation-id">operationId ${code(operation.operationId)}</p>` : '',
    parametersTable(operation),
    requestBodySection(operation),
    responsesSection(operation),
    '</article>',
  ].join('\n');
}

/** Every error code the operations answer, with its status and meaning, in first-seen order. */
function errorsSection(document: ApiReferenceDocument, entries: readonly Entry[]): string {
  const codes = new Map<string, { status: string; summary: string }>();
  for (const { operation } of entries) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const entry of errorCodesOf(response)) if (!codes.has(entry.code)) codes.set(entry.code, { status, summary: entry.summary });
    }
  }
  const envelope = document.components?.schemas?.['Error'];
  const rows = [...codes].map(([name, { status, summary }]) => `<tr><td>${code(name)}</td><td>${escapeHtml(status)}</td><td>${escapeHtml(summary)}</td></tr>`);
  return [
    '<section id="errors" aria-labelledby="errors-title">',
    '<h2 id="errors-title">Errors</h2>',
    '<p>Every error answers a JSON envelope, <code>{"error":{"code","message","details"?}}</code>, with the status of its code.</p>',
    rows.length
      ? `<table><thead><tr><th scope="col">code</th><th scope="col">status</th><th scope="col">meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '',
    envelope ? schemaBlock('Error envelope schema', envelope) : '',
    '</section>',
  ].join('\n');
}

/**
 * Renders the OpenAPI document as one self-contained HTML page: a table of contents by tag, then
 * each operation with its method, path, summary, access (public or SigV4 admin), parameters, request
 * body schema and responses (status, meaning, error codes), then the error codes. No script, no
 * inline style; the stylesheet is {@link apiReferenceStylesheet}, linked from the same origin.
 *
 * @example
 * ```ts
 * const html = renderApiReference(buildOpenApiDocument(apiRoutes));
 * ```
 */
export function renderApiReference(document: ApiReferenceDocument, links: ApiReferenceLinks = {}): string {
  const entries = entriesOf(document);
  const groups = byTag(document, entries);
  const title = `${document.info.title} — reference`;
  const contents = [...groups].map(
    ([tag, members]) =>
      `<li><a href="#${escapeHtml(anchorOf('tag', tag))}">${escapeHtml(tag)}</a><ul>${members
        .map((entry) => `<li><a href="#${escapeHtml(entry.anchor)}">${methodBadge(entry.method)} ${code(entry.path)}</a></li>`)
        .join('')}</ul></li>`,
  );
  const sections = [...groups].map(([tag, members]) => {
    const description = document.tags?.find((entry) => entry.name === tag)?.description;
    return [
      `<section id="${escapeHtml(anchorOf('tag', tag))}">`,
      `<h2>${escapeHtml(tag)}</h2>`,
      description ? `<p>${escapeHtml(description)}</p>` : '',
      ...members.map(operationSection),
      '</section>',
    ].join('\n');
  });
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    // No /favicon.ico request (a 404): an empty icon, which `img-src data:` allows.
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="${escapeHtml(links.stylesheet ?? 'api.css')}">`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    document.info.description ? `<p>${escapeHtml(document.info.description)}</p>` : '',
    `<p class="meta">API version ${escapeHtml(document.info.version)} · OpenAPI ${escapeHtml(document.openapi)} · ` +
      `machine-readable: <a href="${escapeHtml(links.document ?? '../openapi.json')}">openapi.json</a></p>`,
    '</header>',
    '<div class="layout">',
    '<nav aria-label="Operations">',
    '<h2>Operations</h2>',
    `<ul>${contents.join('')}<li><a href="#errors">Errors</a></li></ul>`,
    '</nav>',
    '<main>',
    ...sections,
    errorsSection(document, entries),
    '</main>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}


/** A file the local stack serves beside the API. */
export interface ServedFile {
  readonly contentType: string;
  readonly body: string;
}

/** Where the local stack serves the reference page and its stylesheet. */
export const apiReferencePaths: {
  /** The page. */
  readonly page: '/docs/api';
  /** Its stylesheet. */
  readonly stylesheet: '/docs/api.css';
} = { page: '/docs/api', stylesheet: '/docs/api.css' };

let referenceFiles: ReadonlyMap<string, ServedFile> | undefined;

/**
 * The reference page or its stylesheet for a request path, `undefined` for any other path. The page
 * is rendered on first use from the same document `GET /openapi.json` answers, then kept.
 *
 * @example
 * ```ts
 * apiReferenceFile('/docs/api')?.contentType; // 'text/html; charset=utf-8'
 * apiReferenceFile('/catalog');               // undefined
 * ```
 */
export function apiReferenceFile(rawPath: string): ServedFile | undefined {
  if (rawPath !== apiReferencePaths.page && rawPath !== apiReferencePaths.stylesheet) return undefined;
  referenceFiles ??= new Map([
    [apiReferencePaths.page, { contentType: 'text/html; charset=utf-8', body: renderApiReference(buildOpenApiDocument(apiRoutes)) }],
    [apiReferencePaths.stylesheet, { contentType: 'text/css; charset=utf-8', body: apiReferenceStylesheet }],
  ]);
  return referenceFiles.get(rawPath);
}
