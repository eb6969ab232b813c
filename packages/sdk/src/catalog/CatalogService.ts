import { BatchGetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../batchGet.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StorefrontConfig } from '../config.js';
import { openCursor, sealCursor } from '../cursor.js';
import { ValidationError } from '../errors.js';
import { notFound } from '../notFound.js';
import { catalogCategoryIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import type { CatalogApi, CatalogItem, CatalogListOptions, CatalogPage } from '../types.js';
import { catalogCursorSchema, catalogListOptionsSchema, catalogProductSchema } from './schema.js';

/** A product-catalog item as stored. */
interface CatalogRecord {
  product: string;
  category: string;
  description?: string;
  cost: number;
}

/**
 * The catalog over DynamoDB: pages of the catalog (a Scan, or a Query of the category index) joined
 * with their stock by one BatchGet, keeping only in-stock products — 2 calls per full page.
 */
export class CatalogService implements CatalogApi {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  async list(options: CatalogListOptions = {}): Promise<CatalogPage> {
    const { category, limit, cursor } = parseInput(catalogListOptionsSchema, options, 'catalog listing options');
    let startKey = cursor === undefined ? undefined : this.openCursor(cursor, category);
    const items: CatalogItem[] = [];
    do {
      const page = await this.readCatalogPage(limit - items.length, category, startKey);
      startKey = page.LastEvaluatedKey as Record<string, string> | undefined;
      const records = (page.Items ?? []) as CatalogRecord[];
      const stock = await this.readStock(records.map((record) => record.product));
      for (const record of records) {
        const available = stock.get(record.product) ?? 0;
        if (available > 0) items.push(toCatalogItem(record, available));
      }
      // Every product of each page was examined, so the next page starts exactly where this one stopped.
    } while (items.length < limit && startKey);
    return {
      items,
      nextCursor: startKey ? sealCursor({ category: category ?? null, after: startKey }, this.config.cursorSecret) : null,
    };
  }

  async *listAll(options: { readonly category?: string } = {}): AsyncIterable<CatalogItem> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...options, limit: 100, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async get(product: string): Promise<CatalogItem> {
    parseInput(catalogProductSchema, product, 'product', 'product');
    // One BatchGet reads the product and its stock from both tables.
    const { Responses } = await this.documents.send(
      new BatchGetCommand({
        RequestItems: {
          [this.config.tables.productCatalog]: { Keys: [{ product }] },
          [this.config.tables.inventory]: { Keys: [{ product }], ProjectionExpression: 'product, quantity' },
        },
      }),
    );
    const record = Responses?.[this.config.tables.productCatalog]?.[0] as CatalogRecord | undefined;
    if (!record) throw notFound('product', product);
    const stock = Responses?.[this.config.tables.inventory]?.[0] as { quantity?: number } | undefined;
    return toCatalogItem(record, stock?.quantity ?? 0);
  }

  private readCatalogPage(limit: number, category: string | undefined, startKey: Record<string, string> | undefined) {
    const common = {
      TableName: this.config.tables.productCatalog,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    };
    return category === undefined
      ? this.documents.send(new ScanCommand(common))
      : this.documents.send(
          new QueryCommand({
            ...common,
            IndexName: catalogCategoryIndex.indexName,
            KeyConditionExpression: '#category = :category',
            ExpressionAttributeNames: { '#category': catalogCategoryIndex.partitionKey.name },
            ExpressionAttributeValues: { ':category': category },
          }),
        );
  }

  /** Stock of up to 100 products in one BatchGet. */
  private async readStock(products: string[]): Promise<Map<string, number>> {
    if (products.length === 0) return new Map();
    const items = await batchGetItems(
      this.documents,
      this.config.tables.inventory,
      products.map((product) => ({ product })),
      'product, quantity',
    );
    return new Map(items.map((item) => [item.product as string, item.quantity as number]));
  }

  private openCursor(cursor: string, category: string | undefined): Record<string, string> {
    const opened = catalogCursorSchema.safeParse(openCursor(cursor, this.config.cursorSecret));
    if (!opened.success) throw new ValidationError('Invalid cursor', { details: [{ path: 'cursor', message: 'is malformed' }] });
    if (opened.data.category !== (category ?? null)) {
      throw new ValidationError('Invalid cursor: it belongs to a listing with a different category', {
        details: [{ path: 'cursor', message: 'was issued for another category filter' }],
      });
    }
    return opened.data.after;
  }
}

function toCatalogItem(record: CatalogRecord, available: number): CatalogItem {
  return {
    product: record.product,
    category: record.category,
    description: record.description ?? '',
    cost: record.cost,
    available,
  };
}
