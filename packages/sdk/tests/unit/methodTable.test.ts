import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createStorefrontClient } from '../../src/http/index.js';
import { createStorefront } from '../../src/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const sourceDir = join(root, 'packages/sdk/src');
const services = ['catalog', 'orders', 'inventory', 'reports', 'alerts', 'images'] as const;

/** Methods a class declares `private` (TypeScript keeps them on the prototype at run time). */
async function privateMethodsOf(className: string): Promise<Set<string>> {
  const files = (await readdir(sourceDir, { recursive: true })).filter((file) => file.endsWith(`/${className}.ts`));
  expect(files, `the source file of ${className}`).toHaveLength(1);
  const source = ts.createSourceFile(files[0]!, await readFile(join(sourceDir, files[0]!), 'utf8'), ts.ScriptTarget.Latest);
  const names = new Set<string>();
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    for (const member of node.members) {
      const isPrivate = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private;
      if (ts.isMethodDeclaration(member) && isPrivate && ts.isIdentifier(member.name)) names.add(member.name.text);
    }
  });
  return names;
}

/** The public methods of each service, as `service.method`, of both transports. */
async function methodsOfBothTransports() {
  const direct = createStorefront({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', cursorSecret: 'method-table-test-secret-0123' });
  const http = createStorefrontClient({ baseUrl: 'http://127.0.0.1:9' });
  const directMethods = new Set<string>();
  const httpMethods = new Set<string>();
  for (const service of services) {
    const prototype = Object.getPrototypeOf(direct[service]) as object;
    const hidden = await privateMethodsOf(prototype.constructor.name);
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name !== 'constructor' && !hidden.has(name) && typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function') {
        directMethods.add(`${service}.${name}`);
      }
    }
    for (const [name, value] of Object.entries(http[service])) if (typeof value === 'function') httpMethods.add(`${service}.${name}`);
  }
  return { directMethods, httpMethods };
}

/** The call table of docs/sdk.md: `service.method` → its transports cell. */
async function documentedCalls(): Promise<Map<string, string>> {
  const markdown = await readFile(join(root, 'docs/sdk.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const row = /^\| `([a-z]+)\.([A-Za-z]+)\(.*?` \| (\w+) \|/.exec(line);
    if (row) {
      expect(rows.has(`${row[1]}.${row[2]}`), `${row[1]}.${row[2]} listed twice`).toBe(false);
      rows.set(`${row[1]}.${row[2]}`, row[3]!);
    }
  }
  return rows;
}

describe("docs/sdk.md's method table", () => {
  it('lists every public method of both transports, with the transports that have it', async () => {
    const { directMethods, httpMethods } = await methodsOfBothTransports();
    // The derivation sees what it should: direct-only calls, shared calls, and no private helper.
    expect(directMethods).toContain('reports.setSchedule');
    expect(directMethods).toContain('images.remove');
    expect(directMethods).not.toContain('orders.transactItems');
    expect(httpMethods).toContain('alerts.recent');
    expect(httpMethods).not.toContain('reports.setSchedule');
    for (const method of httpMethods) expect(directMethods, `${method} over HTTP but not direct`).toContain(method);

    const documented = await documentedCalls();
    expect([...documented.keys()].sort(), 'the calls docs/sdk.md lists').toEqual([...directMethods].sort());
    for (const [method, transports] of documented) {
      expect(transports, method).toBe(httpMethods.has(method) ? 'both' : 'direct');
    }
  });
});
