/*
 * Product images' public shapes (docs/images.md). Browser-safe: types only.
 */

/**
 * A product picture as a page shows it: a default source with its size, and the `srcset` of every variant.
 *
 * @group Catalog
 */
export interface CatalogImage {
  /** Absolute URL of the 640 px variant (or the widest below it). */
  readonly url: string;
  /** Pixel size of `url`: set them on the `<img>` so the page does not shift as it loads. */
  readonly width: number;
  /** Pixel height of `url`. */
  readonly height: number;
  /** `<url> <width>w` for every variant, for the `<img srcset>`. */
  readonly srcset: string;
}

/**
 * Formats a product image may be uploaded in.
 *
 * @group Images
 */
export type ImageContentType = 'image/jpeg' | 'image/png' | 'image/webp';
/**
 * Where an upload is: waiting for its file, processed into variants, or refused.
 *
 * @group Images
 */
export type ImageStatus = 'PENDING' | 'READY' | 'FAILED';

/**
 * Input of `images.request`.
 *
 * @group Images
 */
export interface ImageUploadRequest {
  /** Format of the file: JPEG, PNG or WebP. */
  readonly contentType: ImageContentType;
  /** Bytes the file has, 1 – 5,242,880. */
  readonly contentLength: number;
}

/**
 * One WebP variant of a READY image.
 *
 * @group Images
 */
export interface ImageVariant {
  /** Pixel width (one of 320, 640, 1280, never wider than the original). */
  readonly width: number;
  /** Pixel height, keeping the aspect ratio. */
  readonly height: number;
  /** Absolute, immutable URL. */
  readonly url: string;
}

/**
 * A product image, as the admin sees it.
 *
 * @group Images
 */
export interface ProductImage {
  /** The image's id, unique within its product. */
  readonly imageId: string;
  /** Where the upload is: waiting for its file, ready, or refused. */
  readonly status: ImageStatus;
  /** Why a FAILED upload was refused. */
  readonly error?: string;
  /** The variants of a READY image, narrowest first. */
  readonly variants?: ImageVariant[];
}

/**
 * What `images.request` returns: the new image and the presigned S3 POST that uploads its file.
 *
 * @group Images
 */
export interface ImageUploadTicket {
  /** Id of the new image: poll `images.get` with it until it is READY or FAILED. */
  readonly imageId: string;
  /** Always PENDING: the file is not there yet. */
  readonly status: 'PENDING';
  /** POST `fields`, then the file as `file`, as multipart/form-data to `url`, within 10 minutes. */
  readonly upload: {
    /** The upload bucket's URL, the form's target. */
    readonly url: string;
    /** Form fields of the presigned policy, sent before the file. */
    readonly fields: Record<string, string>;
  };
}
