import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryingWrite } from '../retry.js';
import { settle, type Gallery, type StoredImage } from './gallery.js';

// Writers of one gallery are an admin or two and the image worker: a few retries absorb any race.
const maxAttempts = 8;

/**
 * The product-images table: one gallery item per product. Every change is a read, a pure edit and
 * a Put conditional on the version read (optimistic locking), so the limit of 8 images and the
 * display order hold under concurrent requests and worker runs. A change of the cover (the first
 * READY image) also copies it onto the product's inventory item, in the same transaction: the
 * catalog listing reads it from there (projected into the in-stock indexes), so a page costs no
 * extra read for pictures.
 */
export class GalleryTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly inventoryTable: string,
  ) {}

  /** The product's gallery (empty when it never had an image). */
  async read(product: string, consistent = false): Promise<Gallery> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { product }, ConsistentRead: consistent }),
    );
    return (Item as Gallery | undefined) ?? { product, version: 0, images: [] };
  }

  /**
   * Applies `edit` to the current images and stores the result; `edit` may throw to change
   * nothing. Returns the stored gallery and what `edit` returned.
   */
  async change<T>(
    product: string,
    edit: (images: readonly StoredImage[], now: number) => { images: readonly StoredImage[]; result: T },
  ): Promise<{ gallery: Gallery; result: T }> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(product, true);
      const now = Date.now();
      const { images, result } = edit(current.images, now);
      const gallery = settle(product, current.version + 1, images, now);
      const put = {
        TableName: this.tableName,
        Item: gallery,
        ConditionExpression: 'attribute_not_exists(product) OR version = :version',
        ExpressionAttributeValues: { ':version': current.version },
      };
      try {
        if (sameCover(current.cover, gallery.cover)) await this.documents.send(new PutCommand(put));
        else await retryingWrite(() => this.documents.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Update: this.coverUpdate(gallery) }] })));
        return { gallery, result };
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (reasons[1]?.Code === 'ConditionalCheckFailed') {
          // The product has no stock item (never put): there is no listing to keep, only the gallery.
          try {
            await this.documents.send(new PutCommand(put));
            return { gallery, result };
          } catch (cause) {
            if (!(cause instanceof ConditionalCheckFailedException) || attempt >= maxAttempts) throw cause;
            continue;
          }
        }
        const lostRace = error instanceof ConditionalCheckFailedException || reasons[0]?.Code === 'ConditionalCheckFailed';
        if (!lostRace || attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  /** Copies the gallery's cover onto the product's stock item, never creating one. */
  private coverUpdate(gallery: Gallery) {
    return {
      TableName: this.inventoryTable,
      Key: { product: gallery.product },
      UpdateExpression: gallery.cover ? 'SET #cover = :cover' : 'REMOVE #cover',
      ConditionExpression: 'attribute_exists(product)',
      ExpressionAttributeNames: { '#cover': 'cover' },
      ...(gallery.cover ? { ExpressionAttributeValues: { ':cover': gallery.cover } } : {}),
    };
  }
}

function sameCover(before: Gallery['cover'], after: Gallery['cover']): boolean {
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null);
}
