/*
 * Pictures for the demo catalog, drawn at seed time (an SVG per category, rendered by sharp — nothing
 * downloaded, nothing binary in the repository) and uploaded the way the admin page uploads: a
 * presigned POST to the upload bucket, which the image worker then turns into web variants.
 */
import type { InventoryItemInput, Storefront } from '@store-front/sdk';
import sharp from 'sharp';

// Just wide enough for all three variants (320, 640, 1280).
const width = 1280;
const height = 960;

// One simple drawing per category, on a 1200×900 viewBox; `ink` is the product's own colour.
const drawings: Record<string, (ink: string) => string> = {
  Kitchen: (ink) => `<rect x="420" y="270" width="300" height="380" rx="40" fill="${ink}"/><circle cx="760" cy="450" r="90" fill="none" stroke="${ink}" stroke-width="44"/>`,
  Pantry: (ink) => `<rect x="440" y="300" width="320" height="400" rx="60" fill="${ink}"/><rect x="470" y="230" width="260" height="80" rx="20" fill="#333"/>`,
  Electronics: (ink) => `<rect x="330" y="250" width="540" height="380" rx="30" fill="#222"/><rect x="360" y="280" width="480" height="320" rx="10" fill="${ink}"/><rect x="520" y="640" width="160" height="40" fill="#222"/>`,
  Apparel: (ink) => `<polygon points="450,240 750,240 900,380 820,450 780,410 780,700 420,700 420,410 380,450 300,380" fill="${ink}"/>`,
  Stationery: (ink) => `<g transform="rotate(-30 600 450)"><rect x="330" y="400" width="460" height="100" fill="${ink}"/><polygon points="790,400 900,450 790,500" fill="#e8c9a0"/><rect x="290" y="400" width="40" height="100" fill="#d77"/></g>`,
};

/** A product's demo picture as a PNG: its category's drawing in a colour of its own. */
export async function demoPicture(product: InventoryItemInput, index: number): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const draw = drawings[product.category] ?? drawings.Kitchen!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1200 900">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,92%)"/><stop offset="1" stop-color="hsl(${hue},50%,78%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${draw(`hsl(${(hue + 180) % 360},55%,45%)`)}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Uploads a picture of each product through the same presigned POST the admin page uses; the
 * image worker (running in the stack's background) makes them READY. Returns how many were sent.
 *
 * @example
 * ```ts
 * await seedDemoImages(store, demoProducts);
 * ```
 */
export async function seedDemoImages(store: Pick<Storefront, 'images'>, products: readonly InventoryItemInput[]): Promise<number> {
  let sent = 0;
  for (const [index, product] of products.entries()) {
    const picture = await demoPicture(product, index);
    const ticket = await store.images.request(product.product, { contentType: 'image/png', contentLength: picture.length });
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.upload.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(picture)], { type: 'image/png' }));
    const response = await fetch(ticket.upload.url, { method: 'POST', body: form });
    if (!response.ok) throw new Error(`demo picture of ${product.product}: the upload answered ${response.status}`);
    sent++;
  }
  return sent;
}
