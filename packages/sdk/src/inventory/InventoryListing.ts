import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../batchGet.js';
import type { StorefrontConfig } from '../config.js';
import { openCursor, sealCursor } from '../cursor.js';
import { ValidationError } from '../errors.js';
import { catalogCategoryIndex, inventoryListingIndex } from '../resources.js';
import { parseInput } from '../schemas.js';
import { countWithStatus, productsWithStatus, queryProductNames, stockStatus, stockStatuses } from '../stockStatus.js';
import type { InventoryListItem, InventoryListOptions, InventoryPage, InventorySummary, StockStatus } from '../types.js';
import { defaultStockThreshold, inventoryCursorSchema, inventoryListOptionsSchema } from './schema.js';

/** One page of product names from an index, in name order. */
interface NamePage {
  readonly products: string[];
  readonly more: boolean;
}

// With a category and a status both given, a page filters the category's products by status; it
// reads at most this many category pages, so a page's cost stays bounded (it may come back short,
// with a cursor, like a DynamoDB Query with a filter).
const maxCategoryRounds = 2;

/**
 * The managers' inventory view: every product, sold-out ones included, sorted by name. A page is one
 * Query of a keys-only index — all products (`byProductName`), one status (`byStockStatus`) or one
 * category (the catalog's `byCategory`) — then one BatchGet of stock and one of details: three calls
 * per page whatever the tables hold. Quantities and statuses shown are read fresh; the status index
 * follows stock changes through the inventory stream, so a status filter lags them slightly.
 */
export class InventoryListing {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly config: StorefrontConfig,
  ) {}

  async list(options: InventoryListOptions = {}): Promise<InventoryPage> {
    const { status, category, limit, cursor } = parseInput(inventoryListOptionsSchema, options, 'inventory listing options');
    let after = cursor === undefined ? undefined : this.openCursor(cursor, status, category);
    const items: InventoryListItem[] = [];
    let more = false;
    for (let round = 0; round < (category !== undefined && status !== undefined ? maxCategoryRounds : 1); round++) {
      const page = await this.readNames(limit - items.length, status, category, after);
      const rows = await this.readRows(page.products);
      // A product's row is left out when its current status no longer matches the filter.
      items.push(...rows.filter((row) => status === undefined || row.status === status));
      after = page.products.at(-1) ?? after;
      more = page.more;
      if (!more || items.length >= limit) break;
    }
    const nextCursor =
      more && after !== undefined
        ? sealCursor({ listing: 'inventory', status: status ?? null, category: category ?? null, after }, this.config.cursorSecret)
        : null;
    return { items, nextCursor };
  }

  async summary(): Promise<InventorySummary> {
    const counts = await Promise.all(stockStatuses.map((status) => countWithStatus(this.documents, this.config.tables.inventory, status)));
    const summary: Record<StockStatus, number> = { OK: 0, LOW: 0, OUT: 0 };
    stockStatuses.forEach((status, index) => (summary[status] = counts[index]!));
    return summary;
  }

  private readNames(limit: number, status: StockStatus | undefined, category: string | undefined, after: string | undefined): Promise<NamePage> {
    const { tables } = this.config;
    if (status !== undefined && category === undefined) return productsWithStatus(this.documents, tables.inventory, status, { limit, after });
    const index =
      category !== undefined
        ? { table: tables.productCatalog, indexName: catalogCategoryIndex.indexName, partitionKey: catalogCategoryIndex.partitionKey.name, value: category }
        : {
            table: tables.inventory,
            indexName: inventoryListingIndex.indexName,
            partitionKey: inventoryListingIndex.partitionKey.name,
            value: inventoryListingIndex.listingValue,
          };
    return queryProductNames(this.documents, { ...index, limit, after });
  }

  /** Stock and details of up to 100 products (two BatchGets in parallel), in the given order. */
  private async readRows(products: string[]): Promise<InventoryListItem[]> {
    if (products.length === 0) return [];
    const keys = products.map((product) => ({ product }));
    const [stock, details] = await Promise.all([
      batchGetItems(this.documents, this.config.tables.inventory, keys, 'product, quantity, lowStockThreshold'),
      batchGetItems(this.documents, this.config.tables.productCatalog, keys, 'product, category, description, cost'),
    ]);
    const stockOf = new Map(stock.map((item) => [item.product as string, item]));
    const detailsOf = new Map(details.map((item) => [item.product as string, item]));
    return products.flatMap((product) => {
      const level = stockOf.get(product);
      const detail = detailsOf.get(product);
      if (!level || !detail) return []; // deleted since the index was read
      const quantity = level.quantity as number;
      const lowStockThreshold = (level.lowStockThreshold as number | undefined) ?? defaultStockThreshold;
      return [
        {
          product,
          category: detail.category as string,
          description: (detail.description as string | undefined) ?? '',
          cost: detail.cost as number,
          quantity,
          lowStockThreshold,
          status: stockStatus(quantity, lowStockThreshold),
        },
      ];
    });
  }

  private openCursor(cursor: string, status: StockStatus | undefined, category: string | undefined): string {
    const opened = inventoryCursorSchema.safeParse(openCursor(cursor, this.config.cursorSecret));
    if (!opened.success) throw new ValidationError('Invalid cursor', { details: [{ path: 'cursor', message: 'is malformed' }] });
    if (opened.data.status !== (status ?? null) || opened.data.category !== (category ?? null)) {
      throw new ValidationError('Invalid cursor: it belongs to a listing with other filters', {
        details: [{ path: 'cursor', message: 'was issued for another status or category filter' }],
      });
    }
    return opened.data.after;
  }
}
