/**
 * The contract's default low-stock threshold, in one place: inventory writes (a new product left
 * without one), the low-stock checker and the reports (a stock item that has none) all read it here.
 *
 * @group Inventory
 */
export const defaultLowStockThreshold = 5;
