import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

/** One object of a kept bucket, saved as a file. */
export interface KeptFile {
  readonly key: string;
  /** Path of the file, relative to the bucket's directory. */
  readonly path: string;
  readonly etag: string;
  readonly size: number;
  readonly contentType?: string;
}

// Objects copied at once, each way.
const parallelCopies = 4;

/**
 * The objects of one S3 bucket kept as plain files in a directory (e.g. `.storefront/files/reports/`),
 * one file per object at a path made from its key. Saving is incremental: an object whose key and
 * ETag are in the previous list is not downloaded again, and bodies stream to disk (a temporary file
 * renamed into place), so size is bounded by the disk, not by memory.
 *
 * @example
 * ```ts
 * const kept = new KeptFiles(s3, 'storefront-reports', '.storefront/files/reports');
 * const files = await kept.save(previous);
 * await kept.prune(files);
 * ```
 */
export class KeptFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    readonly directory: string,
  ) {}

  /** Downloads the objects new or changed since `previous`; resolves to the bucket's current list. */
  async save(previous: readonly KeptFile[] = []): Promise<KeptFile[]> {
    const known = new Map(previous.map((file) => [file.key, file]));
    const files: KeptFile[] = [];
    const downloads: Array<() => Promise<void>> = [];
    for await (const page of paginateListObjectsV2({ client: this.s3 }, { Bucket: this.bucket })) {
      for (const object of page.Contents ?? []) {
        const key = object.Key!;
        const etag = object.ETag ?? '';
        const kept = known.get(key);
        if (kept && kept.etag === etag && kept.size === object.Size) {
          files.push(kept);
          continue;
        }
        const path = pathOfKey(key);
        downloads.push(async () => {
          const contentType = await this.download(key, path);
          files.push({ key, path, etag, size: object.Size ?? 0, ...(contentType ? { contentType } : {}) });
        });
      }
    }
    await inParallel(downloads);
    return files;
  }

  /** Uploads every file of `files` into the bucket (run on a fresh emulator, after provisioning). */
  async restore(files: readonly KeptFile[]): Promise<void> {
    await inParallel(
      files.map((file) => async () => {
        await this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: file.key,
            Body: createReadStream(join(this.directory, file.path)),
            ContentLength: file.size,
            ...(file.contentType ? { ContentType: file.contentType } : {}),
          }),
        );
      }),
    );
  }

  /** Deletes the files of the directory that `files` no longer lists (objects deleted from the bucket). */
  async prune(files: readonly KeptFile[]): Promise<void> {
    const wanted = new Set(files.map((file) => file.path));
    let present: string[];
    try {
      present = await readdir(this.directory, { recursive: true, withFileTypes: true }).then((entries) =>
        entries.filter((entry) => entry.isFile()).map((entry) => relative(this.directory, join(entry.parentPath, entry.name)).split(sep).join('/')),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const path of present) if (!wanted.has(path)) await rm(join(this.directory, path), { force: true });
  }

  private async download(key: string, path: string): Promise<string | undefined> {
    const target = join(this.directory, path);
    await mkdir(dirname(target), { recursive: true });
    const { Body, ContentType } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const temporary = `${target}.${process.pid}.part`;
    await pipeline(Body as Readable, createWriteStream(temporary));
    await rename(temporary, target);
    return ContentType;
  }
}

/** A relative file path for an S3 key: one directory per `/`-separated segment, each made safe for a file name. */
export function pathOfKey(key: string): string {
  return key
    .split('/')
    .map((segment) => (segment === '' || segment === '.' || segment === '..' ? `%${segment.length}` : encodeURIComponent(segment)))
    .join('/');
}

async function inParallel(tasks: readonly (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(parallelCopies, tasks.length) }, worker));
}
