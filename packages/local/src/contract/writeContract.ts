/*
 * `npm run contract`: writes docs/contract.md (the HTTP contract: routes, payloads, error codes, CSV
 * formats) from the code. Run it after changing a route, a schema, an error code or a report column.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { contractFile, contractMarkdown } from './contractDocument.js';

const markdown = contractMarkdown();
const before = await readFile(contractFile, 'utf8').catch(() => undefined);
const where = relative(process.cwd(), contractFile);
if (before === markdown) {
  console.log(`${where} is current`);
} else {
  await writeFile(contractFile, markdown);
  console.log(`${where} written`);
}
