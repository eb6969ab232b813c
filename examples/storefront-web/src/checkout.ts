import { OutOfStockError, StorefrontError, type Order, type StockShortage } from '@store-front/sdk/http';
import { announce, h, money, showMessage } from './dom.js';
import { describeError, heading, productHref, type ViewContext } from './view.js';

// What the store last said is short, by product: shown on the line until its quantity changes.
const shortages = new Map<string, StockShortage>();

/*
 * The checkout attempt whose outcome is unknown (the request may have reached the store). Trying the
 * same cart again reuses its Idempotency-Key, so the store answers with the first order instead of
 * placing a second one; any answer from the store ends the attempt, and a changed cart is a new one.
 */
let unsettled: { readonly body: string; readonly key: string } | undefined;
let placing = false;

const shortageText = ({ product, requested, available }: StockShortage) =>
  available === 0 ? `${product} is sold out (you asked for ${requested}).` : `Only ${available} of ${product} left (you asked for ${requested}).`;

/** The cart: its lines with quantities, the total and the checkout button. */
export function cartView(context: ViewContext): void {
  const { cart, root } = context;
  const message = h('div', { class: 'message', hidden: true });
  root.append(heading('Your cart'), message);
  if (cart.items.length === 0) {
    root.append(h('p', {}, 'Your cart is empty. ', h('a', { href: '#/' }, 'Go shopping')));
    return;
  }
  const rows = cart.items.map(({ item, quantity }, index) => cartLine(context, item, quantity, index));
  const totalCents = cart.items.reduce((sum, { item, quantity }) => sum + Math.round(item.cost * 100) * quantity, 0);
  const checkout = h('button', { type: 'button', id: 'checkout' }, 'Place order');
  checkout.addEventListener('click', () => void placeOrder(context, checkout, message));
  root.append(
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'cart' },
        h('caption', { class: 'visually-hidden' }, 'Cart lines'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col', class: 'number' }, 'Price'), h('th', { scope: 'col' }, 'Quantity'), h('th', { scope: 'col', class: 'number' }, 'Line total'), h('td', {}))),
        h('tbody', {}, ...rows),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, 'Estimated total'), h('td', { class: 'number', id: 'cart-total' }, money(totalCents / 100)), h('td', {}))),
      ),
    ),
    checkout,
  );
  if (shortages.size > 0) {
    showMessage(message, 'error', 'Some lines cannot be served; no order was placed.', h('ul', {}, ...[...shortages.values()].map((shortage) => h('li', {}, shortageText(shortage)))));
  }
}

/** One line of the cart: the product (and what the store said is short), price, quantity, line total, remove. */
function cartLine(context: ViewContext, item: ViewContext['cart']['items'][number]['item'], quantity: number, index: number): HTMLTableRowElement {
  const { cart } = context;
  const shortage = shortages.get(item.product);
  const problemId = `line-${index}-problem`;
  const input = h('input', {
    id: `line-${index}-quantity`,
    type: 'number',
    inputmode: 'numeric',
    min: 0,
    max: 1000,
    value: quantity,
    'aria-invalid': shortage ? 'true' : undefined,
    'aria-describedby': shortage ? problemId : undefined,
  });
  input.addEventListener('change', () => {
    if (!Number.isInteger(input.valueAsNumber)) return;
    shortages.delete(item.product);
    cart.set(item.product, input.valueAsNumber);
    rerender(context, input.id);
  });
  return h(
    'tr',
    { class: shortage ? 'short' : undefined },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: productHref(item.product) }, item.product),
      shortage ? h('p', { id: problemId, class: 'line-problem' }, shortageText(shortage)) : null,
    ),
    h('td', { class: 'number' }, money(item.cost)),
    h('td', {}, h('label', { for: input.id, class: 'visually-hidden' }, `Quantity of ${item.product}`), input),
    h('td', { class: 'number' }, money((Math.round(item.cost * 100) * quantity) / 100)),
    h(
      'td',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          'aria-label': `Remove ${item.product}`,
          onclick: () => {
            shortages.delete(item.product);
            cart.set(item.product, 0);
            announce(`${item.product} removed from the cart.`);
            rerender(context, 'checkout');
          },
        },
        'Remove',
      ),
    ),
  );
}

/** Draws the cart again and puts focus back where it was (the element with `focusId`), if given. */
function rerender(context: ViewContext, focusId?: string): void {
  context.root.replaceChildren();
  cartView(context);
  if (focusId) (document.getElementById(focusId) ?? context.root.querySelector('h1'))?.focus();
}

/** Places the cart as one order; the button stays disabled while the request is in flight. */
async function placeOrder(context: ViewContext, button: HTMLButtonElement, message: HTMLElement): Promise<void> {
  if (placing) return;
  placing = true;
  button.disabled = true;
  button.textContent = 'Placing order…';
  const { api, cart } = context;
  const request = cart.toOrder();
  const body = JSON.stringify(request);
  const attempt = unsettled?.body === body ? unsettled : { body, key: crypto.randomUUID() };
  unsettled = attempt;
  try {
    const order = await api.orders.place(request, { idempotencyKey: attempt.key });
    unsettled = undefined;
    shortages.clear();
    cart.clear();
    confirmation(context, order);
  } catch (error) {
    if (error instanceof StorefrontError && error.status < 500) unsettled = undefined;
    if (error instanceof OutOfStockError) {
      for (const shortage of error.shortages) {
        shortages.set(shortage.product, shortage);
        cart.setAvailable(shortage.product, shortage.available);
      }
      // The cart comes back with the short lines marked and focus on the summary of what is short.
      rerender(context);
      return;
    }
    showMessage(
      message,
      'error',
      describeError(error),
      unsettled ? ' Placing the order again is safe: it will not be placed twice.' : '',
    );
  } finally {
    placing = false;
    button.disabled = false;
    button.textContent = 'Place order';
  }
}

/** The placed order: its number, lines and total. */
function confirmation({ root }: ViewContext, order: Order): void {
  const title = heading('Thank you — your order is placed');
  root.replaceChildren(
    title,
    h('p', {}, 'Order number ', h('strong', { id: 'order-id' }, order.orderId)),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'cart' },
        h('caption', { class: 'visually-hidden' }, 'Ordered lines'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col', class: 'number' }, 'Quantity'), h('th', { scope: 'col', class: 'number' }, 'Unit price'), h('th', { scope: 'col', class: 'number' }, 'Line total'))),
        h('tbody', {}, ...order.items.map((line) => h('tr', {}, h('th', { scope: 'row' }, line.product), h('td', { class: 'number' }, line.quantity), h('td', { class: 'number' }, money(line.unitCost)), h('td', { class: 'number' }, money(line.lineTotal))))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, 'Total'), h('td', { class: 'number', id: 'order-total' }, money(order.total)))),
      ),
    ),
    h('p', {}, h('a', { href: '#/' }, 'Continue shopping')),
  );
  title.focus();
  announce(`Order placed. Total ${money(order.total)}.`);
}
