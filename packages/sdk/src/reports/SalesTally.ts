import { divideCents, fromCents, toCents } from '../money.js';
import type { DailySales } from '../types.js';
import type { SalesLine } from './salesOfDay.js';

/** A product's totals for the day. */
export interface ProductTotal {
  category: string;
  units: number;
  revenueCents: bigint;
}

/** Products in the daily figures. */
const topProductCount = 10;

/**
 * The day's figures, added up line by line in the same pass that writes the sales CSV (no second
 * read of the day). Lines arrive in `orderDate`, then order id, order, so an order's lines are
 * consecutive and orders are counted without remembering their ids; memory holds one total per
 * product and per category.
 *
 * @example
 * ```ts
 * const tally = new SalesTally();
 * for await (const line of salesOfDay(dynamodb, options)) tally.add(line);
 * const figures = tally.figures('2024-05-01');
 * ```
 */
export class SalesTally {
  /** Per-product totals, also the source of the summary CSV. */
  readonly products = new Map<string, ProductTotal>();
  private readonly categories = new Map<string, bigint>();
  private orders = 0;
  private units = 0;
  private revenueCents = 0n;
  private lastOrderId: string | undefined;

  add(line: SalesLine): void {
    const lineCents = BigInt(toCents(line.unitCost)) * BigInt(line.quantity);
    if (line.orderId !== this.lastOrderId) this.orders += 1;
    this.lastOrderId = line.orderId;
    this.units += line.quantity;
    this.revenueCents += lineCents;
    this.categories.set(line.category, (this.categories.get(line.category) ?? 0n) + lineCents);
    const total = this.products.get(line.product) ?? { category: line.category, units: 0, revenueCents: 0n };
    // Lines arrive in time order, so a product's category is the one its latest sale recorded.
    total.category = line.category;
    total.units += line.quantity;
    total.revenueCents += lineCents;
    this.products.set(line.product, total);
  }

  /** The figures of `date` as kept (`reported: true`). */
  figures(date: string): DailySales {
    const byRevenue = <T extends { name: string; cents: bigint }>(a: T, b: T) =>
      a.cents === b.cents ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.cents > b.cents ? -1 : 1;
    const categories = [...this.categories].map(([name, cents]) => ({ name, cents })).sort(byRevenue);
    const products = [...this.products].map(([name, total]) => ({ name, cents: total.revenueCents, units: total.units })).sort(byRevenue);
    return {
      date,
      reported: true,
      orders: this.orders,
      units: this.units,
      revenue: money(this.revenueCents),
      averageOrderValue: this.orders === 0 ? 0 : money(divideCents(this.revenueCents, BigInt(this.orders))),
      byCategory: categories.map(({ name, cents }) => ({ category: name, revenue: money(cents) })),
      topProducts: products.slice(0, topProductCount).map(({ name, cents, units }) => ({ product: name, units, revenue: money(cents) })),
    };
  }
}

/** Cents as an amount; the figures are JSON numbers, exact up to 2^53 cents. */
function money(cents: bigint): number {
  return fromCents(Number(cents));
}
