/**
 * Image worker bench, against its own emulator (moto): photo-like JPEGs of
 * 1, 4 and 16 megapixels, each processed by `ImageWorker` in a child process (its peak RSS is its own):
 * worker time and added peak RSS per megapixel, as ratios across the three sizes of this one run, and
 * the bytes of the 640 px WebP variant against the original upload.
 * Prints a JSON object, then a table. Run: `npm run bench:images`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { startEmulator } from '../../local/src/emulator.js';
import { provisionResources } from '../src/index.js';

const child = fileURLToPath(new URL('./imagesChild.ts', import.meta.url));
const megapixels = [1, 4, 16] as const;

/** A photo-like 4:3 JPEG of about `mp` megapixels: upscaled, blurred noise compresses like a photo. */
async function photo(mp: number): Promise<{ width: number; height: number; bytes: Buffer }> {
  const width = Math.round(Math.sqrt((mp * 1e6 * 4) / 3));
  const height = Math.round((width * 3) / 4);
  const noise = await sharp({
    create: { width: Math.ceil(width / 4), height: Math.ceil(height / 4), channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .png()
    .toBuffer();
  return { width, height, bytes: await sharp(noise).resize(width, height).blur(1.5).jpeg({ quality: 82 }).toBuffer() };
}

interface Measurement {
  seconds: number;
  peakRssMB: number;
  addedRssMB: number;
  originalBytes: number;
  variant640Bytes: number;
}

const emulator = await startEmulator();
const directory = await mkdtemp(join(tmpdir(), 'storefront-images-bench-'));
try {
  const rows = [];
  for (const mp of megapixels) {
    const { width, height, bytes } = await photo(mp);
    const file = join(directory, `${mp}mp.jpg`);
    await writeFile(file, bytes);
    const prefix = `bench-images-${mp}`;
    await provisionResources({ endpoint: emulator.endpoint, prefix, region: 'us-east-1' });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=store-front-source', child, emulator.endpoint, prefix, file],
      { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, maxBuffer: 1 << 20 },
    );
    const measured = JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
    const pixels = (width * height) / 1e6;
    rows.push({
      megapixels: Number(pixels.toFixed(2)),
      size: `${width}×${height}`,
      seconds: Number(measured.seconds.toFixed(3)),
      msPerMegapixel: Number(((measured.seconds * 1000) / pixels).toFixed(1)),
      addedPeakRssMB: Number(measured.addedRssMB.toFixed(1)),
      addedRssMBPerMegapixel: Number((measured.addedRssMB / pixels).toFixed(2)),
      originalBytes: measured.originalBytes,
      variant640Bytes: measured.variant640Bytes,
      variant640OfOriginal: Number((measured.variant640Bytes / measured.originalBytes).toFixed(4)),
    });
  }
  const [one, , sixteen] = rows;
  const result = {
    rows,
    ratios16to1: {
      msPerMegapixel: Number((sixteen!.msPerMegapixel / one!.msPerMegapixel).toFixed(2)),
      addedRssMBPerMegapixel: Number((sixteen!.addedRssMBPerMegapixel / one!.addedRssMBPerMegapixel).toFixed(2)),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log('\n| MP | size | worker s | ms/MP | added peak RSS MB | MB/MP | original B | 640 px WebP B | 640/original |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.megapixels} | ${row.size} | ${row.seconds} | ${row.msPerMegapixel} | ${row.addedPeakRssMB} | ${row.addedRssMBPerMegapixel} | ${row.originalBytes} | ${row.variant640Bytes} | ${row.variant640OfOriginal} |`,
    );
  }
  console.log(`\n16 MP vs 1 MP, per megapixel: time ×${result.ratios16to1.msPerMegapixel}, added peak RSS ×${result.ratios16to1.addedRssMBPerMegapixel}`);
} finally {
  await rm(directory, { recursive: true, force: true });
  await emulator.stop();
}
