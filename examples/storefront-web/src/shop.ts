import { NotFoundError, type CatalogItem } from '@store-front/sdk/http';
import { announce, field, h, money, showMessage } from './dom.js';
import { describeError, heading, productHref, type ViewContext } from './view.js';
import { pictureSizes, productGallery, productPicture } from './pictures.js';

const pageSize = 8;
// Kept across visits, so coming back from a product page shows the same filter.
let category = '';
// Categories seen so far: the API has no category list, so the filter grows as the shopper browses.
const categories = new Set<string>();

/** Adds `quantity` of `item` to the cart unless that would ask for more than is in stock. */
function addToCart({ cart }: ViewContext, item: CatalogItem, quantity: number, messageBox: HTMLElement): void {
  const inCart = cart.items.find((line) => line.item.product === item.product)?.quantity ?? 0;
  if (inCart + quantity > item.available) {
    showMessage(messageBox, 'error', `Only ${item.available} of ${item.product} in stock; your cart already has ${inCart}.`);
    return;
  }
  cart.add(item, quantity);
  announce(`Added ${quantity} × ${item.product} to the cart. The cart has ${cart.count} items.`);
}

/** The catalog: a grid of in-stock products, a category filter and "Load more". */
export async function shopView(context: ViewContext): Promise<void> {
  const { api, root } = context;
  const message = h('div', { class: 'message', hidden: true });
  const grid = h('ul', { class: 'grid', 'aria-label': 'Products' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const select = h('select', { id: 'category' });
  const fillCategories = () => {
    select.replaceChildren(
      h('option', { value: '' }, 'All categories'),
      ...[...categories].sort().map((name) => h('option', { value: name, selected: name === category }, name)),
    );
  };
  fillCategories();
  root.append(heading('Shop'), h('div', { class: 'filters' }, field('Category', select)), message, grid, more);

  let cursor: string | undefined;
  const load = async (focusNew: boolean) => {
    more.disabled = true;
    try {
      const page = await api.catalog.list({ limit: pageSize, ...(category ? { category } : {}), ...(cursor ? { cursor } : {}) });
      const cards = page.items.map((item) => card(context, item, message));
      grid.append(...cards);
      for (const item of page.items) categories.add(item.category);
      fillCategories();
      cursor = page.nextCursor ?? undefined;
      more.hidden = !cursor;
      if (grid.childElementCount === 0) grid.append(h('li', { class: 'empty' }, 'Nothing in stock here right now.'));
      // After "Load more", focus goes to the first new product so keyboard users carry on from there.
      if (focusNew) cards[0]?.querySelector('a')?.focus();
      announce(`${grid.querySelectorAll('.card').length} products shown${cursor ? ', more to load' : ''}.`);
    } catch (error) {
      showMessage(message, 'error', describeError(error));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load(true));
  select.addEventListener('change', () => {
    category = select.value;
    cursor = undefined;
    grid.replaceChildren();
    void load(false);
  });
  await load(false);
}

function card(context: ViewContext, item: CatalogItem, message: HTMLElement): HTMLLIElement {
  return h(
    'li',
    { class: 'card' },
    productPicture(item.product, item.image, pictureSizes.card),
    h('h2', {}, h('a', { href: productHref(item.product) }, item.product)),
    h('p', { class: 'category' }, item.category),
    h('p', { class: 'price' }, money(item.cost)),
    h('p', { class: 'stock', 'data-product': item.product }, `${item.available} in stock`),
    h(
      'button',
      { type: 'button', 'aria-label': `Add ${item.product} to cart`, onclick: () => addToCart(context, item, 1, message) },
      'Add to cart',
    ),
  );
}

/** One product: description, price, stock and a quantity to add. */
export async function productView(context: ViewContext, product: string): Promise<void> {
  const { api, root } = context;
  const title = heading(product);
  const message = h('div', { class: 'message', hidden: true });
  root.append(h('p', {}, h('a', { href: '#/' }, '← Back to the shop')), title, message);
  let item: CatalogItem;
  try {
    item = await api.catalog.get(product);
  } catch (error) {
    showMessage(message, 'error', error instanceof NotFoundError ? `There is no product called “${product}”.` : describeError(error));
    return;
  }
  const quantity = h('input', { id: 'quantity', type: 'number', inputmode: 'numeric', min: 1, max: Math.max(1, item.available), value: 1, required: true });
  const form = h(
    'form',
    { class: 'add', 'aria-label': `Add ${item.product} to cart` },
    field('Quantity', quantity),
    h('button', { type: 'submit', disabled: item.available === 0 }, 'Add to cart'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    addToCart(context, item, quantity.valueAsNumber, message);
  });
  root.append(
    h(
      'div',
      { class: 'detail' },
      productGallery(item.product, item.images),
      h('p', { class: 'category' }, item.category),
      h('p', {}, item.description),
      h('p', { class: 'price' }, money(item.cost)),
      h('p', { class: 'stock', 'data-product': item.product }, item.available > 0 ? `${item.available} in stock` : 'Sold out'),
      form,
    ),
  );
}
