/**
 * The catalog listing as it was before the in-stock index, kept only to be measured against it:
 * a Scan of the catalog asking for the rows still missing, joined with their stock by a BatchGet,
 * repeated until the page is full — so sold-out products cost a Scan row and a BatchGet key each.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../src/batchGet.js';
import type { StorefrontConfig } from '../src/index.js';

/** One page of the old listing: the products in stock, and where the next page starts. */
export async function listPageByScan(
  documents: DynamoDBDocumentClient,
  config: StorefrontConfig,
  limit: number,
  startKey: Record<string, unknown> | undefined,
): Promise<{ products: string[]; after: Record<string, unknown> | undefined }> {
  const products: string[] = [];
  let after = startKey;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: config.tables.productCatalog, Limit: limit - products.length, ...(after ? { ExclusiveStartKey: after } : {}) }),
    );
    after = page.LastEvaluatedKey;
    const names = (page.Items ?? []).map((item) => item.product as string);
    if (names.length === 0) continue;
    const stock = await batchGetItems(documents, config.tables.inventory, names.map((product) => ({ product })), 'product, quantity');
    const inStock = new Set(stock.filter((item) => (item.quantity as number) > 0).map((item) => item.product as string));
    products.push(...names.filter((name) => inStock.has(name)));
  } while (products.length < limit && after);
  return { products, after };
}
