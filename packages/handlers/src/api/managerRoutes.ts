import { parseInput } from '@store-front/sdk';
import type { Route } from './routes.js';
import {
  dailySalesQuerySchema,
  dailySalesSchema,
  inventoryListQuerySchema,
  inventoryPageSchema,
  inventorySummarySchema,
  reportListQuerySchema,
  reportPageSchema,
} from './schemas.js';

/**
 * The managers' admin routes: the whole inventory by status, report history and the kept daily
 * figures. Query strings are read by the HTTP schema (decimal `limit`), then the SDK's own options
 * schema checks the rest (ranges, filters).
 */
export const managerRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/inventory',
    admin: true,
    operationId: 'listInventory',
    summary: 'Every product, sold-out ones included, by name; status (eventually consistent) and category filter it.',
    query: inventoryListQuerySchema,
    response: { status: 200, schema: inventoryPageSchema },
    errors: ['VALIDATION_ERROR'],
    run: (store, { query }) => store.inventory.list(parseInput(inventoryListQuerySchema, query, 'inventory listing options')),
  },
  {
    method: 'GET',
    path: '/inventory/summary',
    admin: true,
    operationId: 'summarizeInventory',
    summary: 'How many products are OK, LOW and OUT.',
    response: { status: 200, schema: inventorySummarySchema },
    errors: [],
    run: (store) => store.inventory.summary(),
  },
  {
    method: 'GET',
    path: '/reports',
    admin: true,
    operationId: 'listReports',
    summary: 'Report history, newest report date first; from/to filter on the report date.',
    query: reportListQuerySchema,
    response: { status: 200, schema: reportPageSchema },
    errors: ['VALIDATION_ERROR'],
    run: (store, { query }) => store.reports.list(parseInput(reportListQuerySchema, query, 'report listing options')),
  },
  {
    method: 'GET',
    path: '/reports/daily',
    admin: true,
    operationId: 'getDailySales',
    summary: "Each day's sales figures (at most 366 days), oldest first, as kept by its latest succeeded sales report.",
    query: dailySalesQuerySchema,
    response: { status: 200, schema: dailySalesSchema },
    errors: ['VALIDATION_ERROR'],
    run: (store, { query }) => store.reports.dailySales(parseInput(dailySalesQuerySchema, query, 'daily sales range')),
  },
];
