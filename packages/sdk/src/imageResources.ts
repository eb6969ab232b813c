/*
 * Product images as resources (docs/images.md): what an upload may be, the uploads bucket and its
 * notifications, and the media keys the CDN serves. Read by the SDK, the local stack and the CDK stack.
 */
import type { QueueNames } from './config.js';

/**
 * Product images (docs/images.md): what an upload may be, how long its presigned POST
 * lives, and the web variants the image worker makes.
 *
 * @group Resources
 */
export const imageLimits = {
  /** Formats an upload may be in. */
  contentTypes: ['image/jpeg', 'image/png', 'image/webp'],
  /** 1 B – 5 MiB. */
  maxBytes: 5 * 1024 * 1024,
  /** Images a product may have, any status. */
  maxImagesPerProduct: 8,
  /** Lifetime of the presigned POST; an upload never sent stops counting after it. */
  uploadSeconds: 600,
  /** Larger images are refused before they are decoded (decompression bombs). */
  maxPixels: 40_000_000,
  /** WebP variants, by width; none wider than the original. */
  variantWidths: [320, 640, 1280],
  /** The image worker's time limit (the Lambda timeout; the queue's visibility timeout is six times it). */
  workerTimeoutSeconds: 20,
} as const;

/**
 * Where uploads land and what happens then: the upload bucket notifies the image-uploads queue of
 * every object created under `keyPrefix`; browsers POST to it from any origin (the presigned policy,
 * not the origin, decides what may be sent). Media keys start with `mediaKeyPrefix` and never change
 * (a new image gets a new id), so they are cached for a year.
 *
 * @group Resources
 */
export const imageUploadsBucket: {
  /** The config key of the bucket uploads land in (`config.buckets.uploads`). */
  readonly bucket: 'uploads';
  /** Key prefix of uploaded files; only these notify the queue. */
  readonly keyPrefix: string;
  /** The config key of the queue notified of each upload. */
  readonly notifyQueue: keyof QueueNames;
  /** The bucket's CORS rules (S3's shape), so browsers may POST to it. */
  readonly cors: ReadonlyArray<{
    /** Methods browsers may use. */
    AllowedMethods: string[];
    /** Origins browsers may send from. */
    AllowedOrigins: string[];
    /** Request headers browsers may send. */
    AllowedHeaders: string[];
    /** How long a browser may cache the preflight answer. */
    MaxAgeSeconds: number;
  }>;
  /** Key prefix of the web variants in the media bucket. */
  readonly mediaKeyPrefix: string;
  /** `Cache-Control` of the web variants (their keys never change). */
  readonly mediaCacheControl: string;
} = {
  bucket: 'uploads',
  keyPrefix: 'uploads/',
  notifyQueue: 'imageUploads',
  cors: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }],
  mediaKeyPrefix: 'images/',
  mediaCacheControl: 'public, max-age=31536000, immutable',
};
