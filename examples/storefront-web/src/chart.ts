/*
 * A bar chart in plain SVG: about 2 KB minified, no dependency, and nothing the page's
 * Content-Security-Policy (`style-src 'self'`) would block — SVG attributes and CSS classes only.
 * Every bar is focusable and named, hovering or focusing one shows its exact figure, and the
 * caller pairs the chart with a table (the text alternative).
 */

/** One bar. */
export interface ChartPoint {
  /** Axis label (a day, `YYYY-MM-DD`). */
  readonly label: string;
  readonly value: number;
  /** The exact figure as people read it (`$1,234.50`, `12 orders`). */
  readonly text: string;
}

/** What to draw. */
export interface BarChartOptions {
  /** Element id of the chart's `<figure>`. */
  readonly id: string;
  /** Caption, also the chart's accessible name. */
  readonly title: string;
  readonly points: readonly ChartPoint[];
  /** Formats a y-axis tick (`$200`, `15`). */
  readonly formatTick: (value: number) => string;
}

const svgNs = 'http://www.w3.org/2000/svg';
const size = { width: 720, height: 240, left: 64, right: 8, top: 12, bottom: 28 };
const tickCount = 4;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: Node[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** A round step (1, 2 or 5 × 10ⁿ) giving about `tickCount` ticks up to `max`. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const rough = max / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!;
  return step;
}

/**
 * Draws the bars with a y axis (round ticks, gridlines) and day labels on the x axis (about six, so
 * they stay legible at phone width: the SVG scales with its box). Returns the `<figure>`.
 *
 * @example
 * ```ts
 * root.append(barChart({ id: 'revenue', title: 'Revenue per day', points, formatTick: (v) => `$${v}` }));
 * ```
 */
export function barChart(options: BarChartOptions): HTMLElement {
  const { points } = options;
  const plotWidth = size.width - size.left - size.right;
  const plotHeight = size.height - size.top - size.bottom;
  const step = niceStep(Math.max(0, ...points.map((point) => point.value)));
  const top = step * Math.max(1, Math.ceil(Math.max(0, ...points.map((point) => point.value)) / step));
  const y = (value: number) => size.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, points.length);

  const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  for (let tick = 0; tick <= top + step / 2; tick += step) {
    axis.append(
      svg('line', { x1: size.left, x2: size.width - size.right, y1: y(tick), y2: y(tick), class: 'grid' }),
      svg('text', { x: size.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, document.createTextNode(options.formatTick(tick))),
    );
  }
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((point, index) => {
    if (index % labelEvery !== 0 && index !== points.length - 1) return;
    const x = size.left + slot * (index + 0.5);
    axis.append(svg('text', { x, y: size.height - 8, 'text-anchor': 'middle' }, document.createTextNode(point.label.slice(5))));
  });

  const readout = document.createElement('p');
  readout.className = 'chart-readout';
  readout.setAttribute('aria-live', 'polite');
  readout.textContent = 'Hover or focus a bar for its exact figure.';
  const bars = svg('g', { class: 'bars' });
  points.forEach((point, index) => {
    const name = `${point.label}: ${point.text}`;
    const height = Math.max(point.value > 0 ? 1 : 0, size.top + plotHeight - y(point.value));
    const bar = svg(
      'rect',
      { class: 'bar', x: size.left + slot * index + slot * 0.15, y: size.top + plotHeight - height, width: slot * 0.7, height, tabindex: 0, role: 'img', 'aria-label': name, 'data-value': point.value },
      svg('title', {}, document.createTextNode(name)),
    );
    const show = () => (readout.textContent = name);
    bar.addEventListener('focus', show);
    bar.addEventListener('mouseenter', show);
    bars.append(bar);
  });

  const captionId = `${options.id}-caption`;
  const chart = svg('svg', { viewBox: `0 0 ${size.width} ${size.height}`, class: 'chart', role: 'group', 'aria-labelledby': captionId }, axis, bars);
  const caption = document.createElement('figcaption');
  caption.id = captionId;
  caption.textContent = options.title;
  const figure = document.createElement('figure');
  figure.id = options.id;
  figure.className = 'chart-figure';
  figure.append(caption, chart, readout);
  return figure;
}
