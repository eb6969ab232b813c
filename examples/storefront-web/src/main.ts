/*
 * The storefront web page: a shop for everyone and an admin area, over the store's HTTP API through
 * `@store-front/sdk/http`. Hash routes (`#/`, `#/product/<name>`, `#/cart`, `#/admin`) keep it one
 * static page that any server (or S3) can host.
 */
import { createStorefrontClient } from '@store-front/sdk/http';
import { adminView } from './admin.js';
import { Cart } from './cart.js';
import { cartView } from './checkout.js';
import { salesView } from './dashboard.js';
import { productView, shopView } from './shop.js';
import type { ViewContext } from './view.js';

const baseUrl = document.querySelector<HTMLMetaElement>('meta[name="storefront-api-url"]')?.content || location.origin;
const api = createStorefrontClient({ baseUrl });
const cart = new Cart();
const main = document.getElementById('main')!;
const cartLink = document.getElementById('cart-link')!;
let leaving = new AbortController();

const showCartCount = () => {
  cartLink.textContent = `Cart (${cart.count})`;
};
cart.onChange(showCartCount);
showCartCount();

/** Draws the view of the current hash; after a navigation, focus goes to its heading. */
function route(moveFocus: boolean): void {
  leaving.abort();
  leaving = new AbortController();
  const root = document.createElement('div');
  main.replaceChildren(root);
  const context: ViewContext = { baseUrl, api, cart, root, signal: leaving.signal };
  const [, view = '', argument = ''] = /^#?\/([^/]*)\/?(.*)$/.exec(location.hash) ?? [];
  const views: Record<string, () => unknown> = {
    '': () => shopView(context),
    product: () => productView(context, decodeURIComponent(argument)),
    cart: () => cartView(context),
    admin: () => adminView(context),
    sales: () => salesView(context),
  };
  void (views[view] ?? views[''])!();
  for (const link of document.querySelectorAll('nav a')) {
    const current = link.getAttribute('href') === `#/${view}` || (view === '' && link.getAttribute('href') === '#/');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (moveFocus) root.querySelector('h1')?.focus();
}

window.addEventListener('hashchange', () => route(true));
route(false);
