/** What {@link h} accepts as a child. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes (`true` sets an empty one, `false`/`undefined` leaves it out) and `on…` listeners. */
export type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Creates an element with attributes, listeners and children: the page's only way to build DOM, so
 * every text goes in as a text node (never HTML) and product names cannot inject markup.
 *
 * @example
 * ```ts
 * h('button', { type: 'button', onclick: () => save() }, 'Save');
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children.filter((child): child is Node | string | number => child !== null && child !== undefined && child !== false).map((child) => (typeof child === 'number' ? String(child) : child)));
  return element;
}

/** A labelled form field: the label wraps nothing, it names the control by `for`/`id`. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', { id: hintId }, hint) : null);
}

/** Says `message` to screen readers through the page's polite live region. */
export function announce(message: string): void {
  const status = document.getElementById('status')!;
  // Cleared first so the same message twice in a row is still read out.
  status.textContent = '';
  requestAnimationFrame(() => {
    status.textContent = message;
  });
}

/** Shows a message in a box (`role=alert` for errors) and moves focus to it, so keyboard users land on it. */
export function showMessage(box: HTMLElement, kind: 'error' | 'ok', ...content: Child[]): void {
  box.replaceChildren(...content.filter((child): child is Node | string => typeof child === 'string' || child instanceof Node));
  box.className = `message ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.hidden = false;
  box.tabIndex = -1;
  box.focus();
}

/** Formats a price: the API's exact decimals, shown with two places. */
export const money = (amount: number) => `$${amount.toFixed(2)}`;
