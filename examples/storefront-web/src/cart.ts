import type { CatalogItem, OrderLineRequest } from '@store-front/sdk/http';

/** One line of the cart: the product as last seen and how many the shopper wants. */
export interface CartLine {
  readonly item: CatalogItem;
  quantity: number;
}

const storageKey = 'storefront-cart';

/**
 * The shopper's cart, kept in `localStorage` so it survives a reload. Listeners hear every change
 * (the header's "Cart (n)" link follows it).
 */
export class Cart {
  private readonly lines = new Map<string, CartLine>();
  private readonly listeners = new Set<() => void>();

  constructor() {
    try {
      for (const line of JSON.parse(localStorage.getItem(storageKey) ?? '[]') as CartLine[]) this.lines.set(line.item.product, line);
    } catch {
      localStorage.removeItem(storageKey); // a cart from an older page version: start empty
    }
  }

  /** The lines in the order they were added. */
  get items(): readonly CartLine[] {
    return [...this.lines.values()];
  }

  /** Units over all lines. */
  get count(): number {
    return this.items.reduce((sum, line) => sum + line.quantity, 0);
  }

  /** Adds `quantity` units of `item` (to its line when there is one). */
  add(item: CatalogItem, quantity: number): void {
    const line = this.lines.get(item.product);
    this.lines.set(item.product, { item, quantity: (line?.quantity ?? 0) + quantity });
    this.changed();
  }

  /** Sets a line's quantity; 0 removes it. */
  set(product: string, quantity: number): void {
    const line = this.lines.get(product);
    if (!line) return;
    if (quantity <= 0) this.lines.delete(product);
    else line.quantity = quantity;
    this.changed();
  }

  /** Records what the store said is left, so the line shows it. */
  setAvailable(product: string, available: number): void {
    const line = this.lines.get(product);
    if (!line) return;
    this.lines.set(product, { item: { ...line.item, available }, quantity: line.quantity });
    this.changed();
  }

  clear(): void {
    this.lines.clear();
    this.changed();
  }

  /** The order request for this cart. */
  toOrder(): { items: OrderLineRequest[] } {
    return { items: this.items.map(({ item, quantity }) => ({ product: item.product, quantity })) };
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    localStorage.setItem(storageKey, JSON.stringify(this.items));
    for (const listener of this.listeners) listener();
  }
}
