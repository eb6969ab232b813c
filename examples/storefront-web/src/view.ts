import { StorefrontError, type StorefrontApi } from '@store-front/sdk/http';
import type { Cart } from './cart.js';

/** What every view gets: the shop's API client, the cart, where to draw and when to stop. */
export interface ViewContext {
  /** The API's base URL (admin views make their own signed client for it). */
  readonly baseUrl: string;
  readonly api: StorefrontApi;
  readonly cart: Cart;
  /** The view's own element, already in the page. */
  readonly root: HTMLElement;
  /** Aborted when the shopper leaves the view: timers and polls stop. */
  readonly signal: AbortSignal;
}

/** A sentence for the shopper about a failed call. */
export function describeError(error: unknown): string {
  if (error instanceof StorefrontError) return error.message;
  return 'The store could not be reached. Check your connection and try again.';
}

/** The view's heading, focusable so focus lands on it after navigation. */
export function heading(text: string): HTMLHeadingElement {
  const title = document.createElement('h1');
  title.textContent = text;
  title.tabIndex = -1;
  return title;
}

/** The hash link of a product's page. */
export const productHref = (product: string) => `#/product/${encodeURIComponent(product)}`;
