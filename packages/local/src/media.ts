/*
 * The media bucket on one machine: what CloudFront does in AWS (serve the image variants by key,
 * cached for good) and what keeps them across restarts (a directory under .storefront/, since the
 * emulator forgets everything when it stops). Variants never change once written, so saving copies
 * only the keys the directory lacks.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { imageUploadsBucket, type Storefront } from '@store-front/sdk';

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
        cacheControl: object.CacheControl ?? 'no-cache',
        body: await object.Body!.transformToByteArray(),
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  };
}

async function bucketKeys(store: Pick<Storefront, 'clients' | 'config'>): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const page of paginateListObjectsV2({ client: store.clients.s3 }, { Bucket: store.config.buckets.media })) {
    for (const object of page.Contents ?? []) keys.add(object.Key!);
  }
  return keys;
}

async function directoryKeys(directory: string): Promise<Set<string>> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return new Set(entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/')));
}

/**
 * Makes `directory` hold exactly the media bucket's objects: new keys copied in, deleted ones removed.
 *
 * @example
 * ```ts
 * await saveMedia(store, '.storefront/media');
 * ```
 */
export async function saveMedia(store: Pick<Storefront, 'clients' | 'config'>, directory: string): Promise<void> {
  const [inBucket, onDisk] = await Promise.all([bucketKeys(store), directoryKeys(directory)]);
  for (const key of inBucket) {
    if (onDisk.has(key)) continue;
    const file = await mediaFromBucket(store)(key);
    if (!file) continue; // deleted meanwhile
    await mkdir(dirname(join(directory, key)), { recursive: true });
    await writeFile(join(directory, key), file.body);
  }
  for (const key of onDisk) if (!inBucket.has(key)) await rm(join(directory, key), { force: true });
}

/**
 * Puts the directory's files back into the media bucket (after provisioning a fresh emulator).
 *
 * @example
 * ```ts
 * await restoreMedia(store, '.storefront/media');
 * ```
 */
export async function restoreMedia(store: Pick<Storefront, 'clients' | 'config'>, directory: string): Promise<number> {
  const keys = await directoryKeys(directory);
  for (const key of keys) {
    await store.clients.s3.send(
      new PutObjectCommand({
        Bucket: store.config.buckets.media,
        Key: key,
        Body: await readFile(join(directory, key)),
        ContentType: key.endsWith('.webp') ? 'image/webp' : 'application/octet-stream',
        CacheControl: imageUploadsBucket.mediaCacheControl,
      }),
    );
  }
  return keys.size;
}
