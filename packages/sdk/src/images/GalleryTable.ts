import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { settle, type Gallery, type StoredImage } from './gallery.js';

// Writers of one gallery are an admin or two and the image worker: a few retries absorb any race.
const maxAttempts = 8;

/**
 * The product-images table: one gallery item per product. Every change is a read, a pure edit and
 * a Put conditional on the version read (optimistic locking), so the limit of 8 images and the
 * display order hold under concurrent requests and worker runs.
 */
export class GalleryTable {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
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
      try {
        await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: gallery,
            ConditionExpression: 'attribute_not_exists(product) OR version = :version',
            ExpressionAttributeValues: { ':version': current.version },
          }),
        );
        return { gallery, result };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}
