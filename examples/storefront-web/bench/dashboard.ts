/*
 * Bench: what the Sales dashboard's chart costs the page. The chart is plain SVG
 * (src/chart.ts, no library); this measures it minified + gzip on its own, the whole dashboard view
 * (chart, tables, report history; the SDK's HTTP client left out, the page has it already), and the
 * page's full bundle. Run: npm run bench:dashboard. Prints one JSON object, then a table.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));
const common: BuildOptions = { bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, write: false, conditions: ['store-front-source'], logLevel: 'silent' };

async function size(entry: string, external: string[] = []) {
  const { outputFiles = [] } = await build({ ...common, entryPoints: [source(entry)], outfile: 'out.js', external });
  const bytes = outputFiles.reduce((sum, file) => sum + file.contents.byteLength, 0);
  const gzipBytes = outputFiles.reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).byteLength, 0);
  return { minifiedBytes: bytes, gzipBytes };
}

const result = {
  chart: await size('chart.ts'),
  dashboardView: await size('dashboard.ts', ['@store-front/sdk/http']),
  wholePage: await size('main.ts'),
  chartLibrary: 'none: plain SVG (src/chart.ts)',
};
console.log(JSON.stringify(result, null, 2));
console.table({
  'chart (plain SVG), min': { bytes: result.chart.minifiedBytes },
  'chart (plain SVG), min+gzip': { bytes: result.chart.gzipBytes },
  'dashboard view incl. chart, min+gzip': { bytes: result.dashboardView.gzipBytes },
  'whole page bundle, min+gzip': { bytes: result.wholePage.gzipBytes },
  'chart share of the page': { bytes: `${((result.chart.gzipBytes / result.wholePage.gzipBytes) * 100).toFixed(1)} %` },
});
