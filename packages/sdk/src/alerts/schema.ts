import * as z from 'zod';
import { integerIn } from '../schemas.js';
import { defaultLowStockThreshold } from '../lowStockThreshold.js';


/** Alerts `recent()` returns at most, and by default. */
export const maxRecentAlerts = 100;
export const defaultRecentAlerts = 20;

/** Options of `alerts.recent`. */
export const recentAlertsSchema = z.strictObject({
  limit: integerIn(1, maxRecentAlerts).default(defaultRecentAlerts),
});

/** The fields of an inventory item the checker reads. */
export const stockImageSchema = z.looseObject({
  product: z.string().min(1),
  quantity: z.number().int().min(0),
  lowStockThreshold: z.number().int().min(0).default(defaultLowStockThreshold),
  updatedAt: z.string().optional(),
});
