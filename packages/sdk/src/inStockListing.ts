import { inStockByCategoryIndex, inStockIndex } from './resources.js';

/*
 * The inventory item's side of the catalog listing (see `inStockIndex`): the attributes that key a
 * product into the sparse in-stock indexes while it is in stock. Shared by the inventory domain
 * (`inventory.put` writes them) and the catalog (its listing consumer keeps them in step with stock).
 */

/** What a product is listed with. */
export interface ListingFields {
  readonly category: string;
  readonly description: string;
  readonly cost: number;
}

/** Parts of an UpdateItem, to join with the caller's own. */
export interface UpdateParts {
  /** `SET` clauses. */
  readonly set: string[];
  /** `REMOVE` clauses. */
  readonly remove: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

const keyNames = {
  '#inStock': inStockIndex.partitionKey.name,
  '#inStockCategory': inStockByCategoryIndex.partitionKey.name,
};

/** Keys a product of `category` into both in-stock indexes. */
export function listInStock(category: string): UpdateParts {
  return {
    set: ['#inStock = :inStock', '#inStockCategory = :inStockCategory'],
    remove: [],
    names: keyNames,
    values: { ':inStock': inStockIndex.inStockValue, ':inStockCategory': category },
  };
}

/** Takes a product out of both in-stock indexes. */
export const unlist: UpdateParts = { set: [], remove: ['#inStock', '#inStockCategory'], names: keyNames, values: {} };

/**
 * The listing attributes of a product written with an absolute `quantity` (`inventory.put`): its
 * details copied, and its index keys set when `quantity > 0`, removed otherwise.
 */
export function listingUpdate(fields: ListingFields, quantity: number): UpdateParts {
  const keys = quantity > 0 ? listInStock(fields.category) : unlist;
  return {
    set: ['#listingCategory = :listingCategory', '#listingDescription = :listingDescription', '#listingCost = :listingCost', ...keys.set],
    remove: keys.remove,
    names: { '#listingCategory': 'category', '#listingDescription': 'description', '#listingCost': 'cost', ...keys.names },
    values: {
      ':listingCategory': fields.category,
      ':listingDescription': fields.description,
      ':listingCost': fields.cost,
      ...keys.values,
    },
  };
}

/** An UpdateExpression from its parts. */
export function updateExpression(parts: Pick<UpdateParts, 'set' | 'remove'>): string {
  return [parts.set.length > 0 ? `SET ${parts.set.join(', ')}` : '', parts.remove.length > 0 ? `REMOVE ${parts.remove.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
}
