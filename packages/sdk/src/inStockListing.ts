import { inventoryInStockIndex } from './resources.js';

/*
 * The inventory item's side of the catalog listing (see `inventoryInStockIndex`): the attributes
 * `inventory.put` and `inventory.adjust` write so that the sparse index holds exactly the products
 * in stock. Shared by the inventory domain (which writes them) and the catalog (which reads them).
 */

/** What a product is listed with. */
export interface ListingFields {
  readonly product: string;
  readonly category: string;
  readonly description: string;
  readonly cost: number;
}

/** Parts of an UpdateItem that set a product's listing attributes. */
export interface ListingUpdate {
  /** `SET` clauses, to join with the caller's own. */
  readonly set: string[];
  /** `REMOVE` clauses (empty, or the `inStock` key when the product is sold out). */
  readonly remove: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/** The listing's sort key of a product: its category, the separator, its name. */
export function listingKeyOf(category: string, product: string): string {
  return `${category}${inventoryInStockIndex.keySeparator}${product}`;
}

/** The `listingKey` prefix every product of `category` starts with. */
export function listingCategoryPrefix(category: string): string {
  return `${category}${inventoryInStockIndex.keySeparator}`;
}

/**
 * The listing attributes of a product written with an absolute `quantity` (`inventory.put`):
 * details and sort key copied, and the product keyed into the index only when `quantity > 0`.
 */
export function listingUpdate(fields: ListingFields, quantity: number): ListingUpdate {
  const inStock = quantity > 0;
  return {
    set: [
      '#listingCategory = :listingCategory',
      '#listingDescription = :listingDescription',
      '#listingCost = :listingCost',
      '#listingKey = :listingKey',
      ...(inStock ? ['#inStock = :inStock'] : []),
    ],
    remove: inStock ? [] : ['#inStock'],
    names: {
      '#listingCategory': 'category',
      '#listingDescription': 'description',
      '#listingCost': 'cost',
      '#listingKey': inventoryInStockIndex.sortKey.name,
      '#inStock': inventoryInStockIndex.partitionKey.name,
    },
    values: {
      ':listingCategory': fields.category,
      ':listingDescription': fields.description,
      ':listingCost': fields.cost,
      ':listingKey': listingKeyOf(fields.category, fields.product),
      ...(inStock ? { ':inStock': inventoryInStockIndex.inStockValue } : {}),
    },
  };
}

/** The clause (and its name and value) that lists a product whose stock an adjustment raises. */
export const listInStock = {
  set: '#inStock = :inStock',
  names: { '#inStock': inventoryInStockIndex.partitionKey.name },
  values: { ':inStock': inventoryInStockIndex.inStockValue },
} as const;
