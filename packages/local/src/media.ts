/*
 * The media bucket served on one machine, as CloudFront serves it in AWS: the image variants by
 * key, cached for good (a key is never reused). Its files are kept across restarts like the reports'
 * (`keptBuckets` in snapshot.ts).
 */
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import type { Storefront } from '@store-front/sdk';
import { imageUploadsBucket } from '@store-front/sdk/resources';

/** A media file as the local server sends it. */
export interface MediaFile {
  readonly contentType: string;
  readonly cacheControl: string;
  readonly body: Uint8Array;
}

/** Reads media keys from the store's media bucket; `undefined` for a key that does not exist. */
export type MediaSource = (key: string) => Promise<MediaFile | undefined>;

/**
 * Serves the media bucket's objects by key, as CloudFront serves them in AWS.
 *
 * @example
 * ```ts
 * const media = mediaFromBucket(store);
 * await media('images/<imageId>/640.webp'); // { contentType: 'image/webp', … }
 * ```
 */
export function mediaFromBucket(store: Pick<Storefront, 'clients' | 'config'>): MediaSource {
  return async (key) => {
    try {
      const object = await store.clients.s3.send(new GetObjectCommand({ Bucket: store.config.buckets.media, Key: key }));
      return {
        contentType: object.ContentType ?? 'application/octet-stream',
        // Files restored from a snapshot come back without it; every media key is immutable anyway.
        cacheControl: object.CacheControl ?? imageUploadsBucket.mediaCacheControl,
        body: await object.Body!.transformToByteArray(),
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  };
}
