import { once } from 'node:events';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { stringify, type Stringifier } from 'csv-stringify';
import { InternalError } from '../errors.js';
import { awsErrorName } from './awsErrorName.js';

/** One CSV cell: text (neutralised against formula injection) or a number (written as is). */
export type CsvCell = string | number;

/** Where a {@link CsvUpload} writes and which columns it has. */
export interface CsvUploadTarget {
  readonly bucket: string;
  readonly key: string;
  /** Header row, and the order of each record's cells. */
  readonly columns: readonly string[];
}

// S3's smallest multipart part, one in flight: the upload holds one part of CSV (plus the part being
// filled), whatever the number of rows. Rows are produced more slowly than a part uploads.
const partSize = 5 * 1024 * 1024;
const partsInFlight = 1;

/**
 * A CSV file streamed into S3: records go through csv-stringify into a multipart upload
 * (`@aws-sdk/lib-storage`), and `write` waits whenever the upload falls behind, so memory stays
 * flat however many rows pass through.
 *
 * CSV is RFC 4180 (CRLF, quotes where needed), UTF-8, with a header row — also when no record is
 * written. Text cells starting with `= + - @`, tab or CR get a leading `'` so spreadsheets do not
 * run them as formulas; number cells are written unchanged.
 *
 * @example
 * ```ts
 * const csv = new CsvUpload(s3, { bucket: 'reports', key: 'reports/x.csv', columns: ['product', 'units'] });
 * await csv.write({ product: 'Mug', units: 3 });
 * await csv.finish();
 * ```
 */
export class CsvUpload {
  private readonly stringifier: Stringifier;
  private readonly upload: Upload;
  /** Settles when the upload has ended; never rejects (a failure is kept in `failure`). */
  private readonly done: Promise<void>;
  private failure: InternalError | undefined;

  constructor(s3: S3Client, target: CsvUploadTarget) {
    this.stringifier = stringify({
      header: true,
      columns: [...target.columns],
      record_delimiter: 'windows',
      escape_formulas: true,
    });
    // The upload reads this stream and reports its failures through `done`; a stream error (the upload
    // aborting its read) must not also crash the process as an unhandled 'error' event.
    this.stringifier.on('error', () => undefined);
    this.upload = new Upload({
      client: s3,
      params: { Bucket: target.bucket, Key: target.key, Body: this.stringifier, ContentType: 'text/csv; charset=utf-8' },
      partSize,
      queueSize: partsInFlight,
      leavePartsOnError: false,
    });
    // The failure is kept for `write`/`finish` to throw: an early one must not be an unhandled rejection.
    this.done = this.upload.done().then(() => undefined, (error: unknown) => {
      this.failure = new InternalError(`Could not write the report to S3 (${awsErrorName(error) ?? 'upload failed'})`, {
        cause: error,
      });
      this.stringifier.destroy();
    });
  }

  /** Appends one record; resolves when the stream can take more. Throws if the upload failed. */
  async write(record: Readonly<Record<string, CsvCell>>): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.stringifier.write(record)) return;
    const drained = await Promise.race([
      once(this.stringifier, 'drain').then(
        () => true,
        () => false,
      ),
      this.done.then(() => false),
    ]);
    if (drained) return;
    // The stream broke or the upload ended: the upload's own outcome says why.
    await this.done;
    throw this.failure ?? new InternalError('Could not write the report to S3 (the upload ended early)');
  }

  /** Ends the file and waits until S3 has it. */
  async finish(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.stringifier.end();
    await this.done;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Stops the upload (the multipart upload is aborted, nothing is left in S3). */
  async abort(): Promise<void> {
    await this.upload.abort().catch(() => undefined);
    await this.done;
  }
}
