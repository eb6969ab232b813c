/*
 * docs/contract.md from its three homes: the route table (through the OpenAPI document), the error
 * catalog and the report files' columns. `npm run contract` writes it; a test checks it is current.
 */
import { fileURLToPath } from 'node:url';
import { apiRoutes, buildOpenApiDocument } from '@store-front/handlers';
import { errorCatalog, reportFiles } from '@store-front/sdk';
import { renderContract, type OpenApiDocument } from './renderContract.js';

/** Where the generated contract lives in the repository. */
export const contractFile = fileURLToPath(new URL('../../../../docs/contract.md', import.meta.url));

/**
 * The Markdown of docs/contract.md as the code stands now.
 *
 * @example
 * ```ts
 * const current = (await readFile(contractFile, 'utf8')) === contractMarkdown();
 * ```
 */
export function contractMarkdown(): string {
  // The builder types an operation as `unknown`; it writes the fields OpenApiDocument reads.
  const openApi = buildOpenApiDocument(apiRoutes) as OpenApiDocument;
  return renderContract({ openApi, errors: errorCatalog, csvFiles: reportFiles });
}
