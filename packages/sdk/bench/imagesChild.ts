/**
 * One measurement of the images bench, in its own process so its peak RSS is its own: uploads the
 * file through a presigned POST, then times `ImageWorker.process` on it and reads the peak RSS it
 * added. Prints one JSON line.
 */
import { readFile } from 'node:fs/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { ImageWorker } from '../src/images/index.js';
import { createStorefront } from '../src/index.js';
import { postUpload } from '../tests/imagesSupport.js';

const [endpoint, prefix, file] = process.argv.slice(2) as [string, string, string];
const store = createStorefront({ endpoint, prefix, region: 'us-east-1', cursorSecret: 'bench-cursor-secret-000000' });
const bytes = await readFile(file);
await store.inventory.put({ product: 'Bench', category: 'Bench', description: '', cost: 1, quantity: 1 });
const ticket = await store.images.request('Bench', { contentType: 'image/jpeg', contentLength: bytes.length });
const posted = await postUpload(ticket, bytes, 'image/jpeg');
if (posted.status !== 204) throw new Error(`upload answered ${posted.status}`);
const worker = new ImageWorker(store.clients, store.config);

const rssBeforeMB = process.resourceUsage().maxRSS / 1024;
const started = performance.now();
const outcome = await worker.process({ bucket: store.config.buckets.uploads, key: ticket.upload.fields.key! });
const seconds = (performance.now() - started) / 1000;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
if (outcome.outcome !== 'ready') throw new Error(`worker: ${JSON.stringify(outcome)}`);

const variant = await store.clients.s3.send(new HeadObjectCommand({ Bucket: store.config.buckets.media, Key: `images/${ticket.imageId}/640.webp` }));
console.log(JSON.stringify({ seconds, peakRssMB, addedRssMB: peakRssMB - rssBeforeMB, originalBytes: bytes.length, variant640Bytes: variant.ContentLength }));
