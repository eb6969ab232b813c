/**
 * The page served at `/` until the storefront web example (examples/storefront-web) replaces it:
 * it lists the in-stock catalog through the public API, so a fresh `npm start` shows the store.
 */
export const storefrontPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Store Front (local)</title>
<style>body{font:16px system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}td,th{padding:.3rem .8rem;text-align:left}td.n{text-align:right}</style>
</head>
<body>
<h1>Store Front — local stack</h1>
<p>The storefront page is coming (examples/storefront-web). Meanwhile: the
<a href="/openapi.json">OpenAPI document</a> and the in-stock catalog from <code>GET /catalog</code>.</p>
<table><thead><tr><th>Product</th><th>Category</th><th>Price</th><th>In stock</th></tr></thead><tbody id="catalog"></tbody></table>
<script type="module">
const rows = document.getElementById('catalog');
let cursor = null;
do {
  const response = await fetch('/catalog?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
  const page = await response.json();
  for (const item of page.items ?? []) {
    const row = rows.insertRow();
    for (const [text, cls] of [[item.product], [item.category], [item.cost.toFixed(2), 'n'], [String(item.available), 'n']]) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (cls) cell.className = cls;
    }
  }
  cursor = page.nextCursor ?? null;
} while (cursor);
</script>
</body>
</html>
`;
