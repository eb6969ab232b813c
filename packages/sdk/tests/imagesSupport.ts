import { crc32, deflateSync } from 'node:zlib';
import { ReceiveMessageCommand, DeleteMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import sharp from 'sharp';
import type { ImageUploadTicket } from '../src/index.js';

/** A photo-like JPEG (a gradient with noise) carrying EXIF and GPS tags, as a phone would upload it. */
export async function jpegWithGps(width: number, height: number): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
  return sharp(noise)
    .blur(3)
    .withExif({
      IFD0: { Make: 'StoreFrontCam', Model: 'Test 1', Copyright: 'secret owner' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' },
    })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A tiny valid PNG whose header claims `width`×`height` pixels: a decompression bomb's signature. */
export function pixelBombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  // One row of zeros, deflated: a real bomb would hold every row; the header alone must stop it.
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Sends a file through a presigned POST as a browser form would: the fields, then the file. */
export async function postUpload(ticket: ImageUploadTicket, bytes: Buffer, contentType: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }));
  return fetch(ticket.upload.url, { method: 'POST', body: form });
}

/** Receives the queue's messages until one names an object, deleting them; returns their bodies. */
export async function receiveNotifications(sqs: SQSClient, queueUrl: string, wanted: number): Promise<string[]> {
  const bodies: string[] = [];
  const deadline = Date.now() + 20_000;
  while (bodies.length < wanted && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const message of Messages) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
      if (message.Body?.includes('ObjectCreated')) bodies.push(message.Body);
    }
  }
  return bodies;
}
