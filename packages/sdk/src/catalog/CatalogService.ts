import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, batchGetTables } from '../batchGet.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StorefrontConfig } from '../config.js';
import { openCursor, sealCursor } from '../cursor.js';
import { ValidationError } from '../errors.js';
import { notFound } from '../notFound.js';
import { inStockByCategoryIndex, inStockIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import type { CatalogApi, CatalogItem, CatalogListOptions, CatalogPage } from '../types.js';
import { syncInStockListing, type ListingSyncOutcome } from './syncListing.js';
import { catalogCursorSchema, catalogListOptionsSchema, catalogProductSchema } from './schema.js';
import { catalogImagesOf, toCatalogImage, type StoredVariant } from '../catalogImages.js';

/** A product-catalog item as stored (and as the listing index projects it). */
interface CatalogRecord {
  product: string;
  category: string;
  description?: string;
  cost: number;
  /** The variants of the product's first READY image (see `GalleryTable`), when it has one. */
  cover?: readonly StoredVariant[];
}

/**
 * The catalog over DynamoDB. A listing page is one Query of a sparse in-stock index of the inventory
 * table (`inStockIndex`, or `inStockByCategoryIndex` for a category; both by product name) and one
 * consistent BatchGet of those products' stock, so it costs at most 2 calls whatever the tables hold,
 * and walking the listing costs in proportion to the products in stock. A product whose stock has
 * just reached 0 is dropped by the stock read even while it is still indexed; {@link syncListing}
 * takes it out.
 *
 * @group Catalog
 */
export class CatalogService implements CatalogApi {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  async list(options: CatalogListOptions = {}): Promise<CatalogPage> {
    const { category, limit, cursor } = parseInput(catalogListOptionsSchema, options, 'catalog listing options');
    const startKey = cursor === undefined ? undefined : this.openCursor(cursor, category);
    const index = category === undefined ? inStockIndex : inStockByCategoryIndex;
    const page = await this.documents.send(
      new QueryCommand({
        TableName: this.config.tables.inventory,
        IndexName: index.indexName,
        KeyConditionExpression: '#listed = :listed',
        ExpressionAttributeNames: { '#listed': index.partitionKey.name },
        ExpressionAttributeValues: { ':listed': category ?? inStockIndex.inStockValue },
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const records = (page.Items ?? []) as CatalogRecord[];
    const stock = await this.readStock(records.map((record) => record.product));
    const items = records.flatMap((record) => {
      const available = stock.get(record.product) ?? 0;
      if (available === 0) return [];
      return [toCatalogItem(record, available, record.cover && { image: toCatalogImage(record.cover, this.config.mediaUrl) })];
    });
    const after = page.LastEvaluatedKey as Record<string, string> | undefined;
    return {
      items,
      nextCursor: after ? sealCursor({ category: category ?? null, after }, this.config.cursorSecret) : null,
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

  /**
   * The catalog listing consumer: applies one inventory stream record (the JSON the inventory-changes
   * pipe puts on the inventory-check queue) to the in-stock indexes: a product that sold out is
   * unlisted, one restocked by an adjustment listed again.
   * Idempotent and safe out of order; throws `ValidationError` for a message that is not such a record.
   * The inventory checker runs it for every record, before the low-stock check.
   *
   * @example
   * ```ts
   * const outcome = await store.catalog.syncListing(JSON.parse(sqsRecord.body)); // 'unlisted'
   * ```
   */
  syncListing(record: unknown): Promise<ListingSyncOutcome> {
    return syncInStockListing(this.documents, this.config.tables.inventory, record);
  }

  async get(name: string): Promise<CatalogItem> {
    const product = parseInput(catalogProductSchema, name, 'product', 'product');
    // One BatchGet reads the product, its stock and its gallery (unprocessed keys read again).
    const { productCatalog, inventory, productImages } = this.config.tables;
    const found = await batchGetTables(this.documents, {
      [productCatalog]: { keys: [{ product }] },
      [inventory]: { keys: [{ product }], projection: 'product, quantity' },
      [productImages]: { keys: [{ product }], projection: 'images' },
    });
    const record = found[productCatalog]?.[0] as CatalogRecord | undefined;
    if (!record) throw notFound('product', product);
    const stock = found[inventory]?.[0] as { quantity?: number } | undefined;
    const gallery = found[productImages]?.[0] as { images: Parameters<typeof catalogImagesOf>[0] } | undefined;
    const images = gallery ? catalogImagesOf(gallery.images, this.config.mediaUrl) : [];
    return toCatalogItem(record, stock?.quantity ?? 0, images.length > 0 ? { image: images[0]!, images } : undefined);
  }

  /** Stock of up to 100 products in one consistent BatchGet: a sale just made is seen. */
  private async readStock(products: string[]): Promise<Map<string, number>> {
    if (products.length === 0) return new Map();
    const items = await batchGetItems(
      this.documents,
      this.config.tables.inventory,
      products.map((product) => ({ product })),
      'product, quantity',
      true,
    );
    return new Map(items.map((item) => [item.product as string, item.quantity as number]));
  }

  /** The cover image of each product that has one, in one BatchGet (at most 100 products). */

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

function toCatalogItem(record: CatalogRecord, available: number, pictures?: Pick<CatalogItem, 'image' | 'images'>): CatalogItem {
  return {
    product: record.product,
    category: record.category,
    description: record.description ?? '',
    cost: record.cost,
    available,
    ...pictures,
  };
}
