/*
 * The parts of an OpenAPI 3.1 document the API reference page reads, and its options.
 */

/** The parts of an OpenAPI 3.1 document the reference page reads. */
export interface ApiReferenceDocument {
  /** The OpenAPI version (`3.1.0`). */
  readonly openapi: string;
  /** The page's title, version and introduction. */
  readonly info: {
    /** The API's name. */
    readonly title: string;
    /** The API's version. */
    readonly version: string;
    /** The introduction shown under the title. */
    readonly description?: string;
  };
  /** The resources operations are grouped by, in page order. */
  readonly tags?: readonly {
    /** The tag's name. */
    readonly name: string;
    /** What the tag's operations are about. */
    readonly description?: string;
  }[];
  /** Operations by path, then by lower-case method. */
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Shared definitions the operations refer to. */
  readonly components?: {
    /** Named schemas (`#/components/schemas/…`). */
    readonly schemas?: Readonly<Record<string, unknown>>;
    /** How admin routes are signed. */
    readonly securitySchemes?: Readonly<Record<string, unknown>>;
  };
}

/** Where the page's links point, relative to the page (served at `/docs/api`). */
export interface ApiReferenceLinks {
  /** The stylesheet. Default `api.css` (`/docs/api.css`). */
  readonly stylesheet?: string;
  /** The machine-readable document. Default `../openapi.json` (`/openapi.json`). */
  readonly document?: string;
}

export interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters?: readonly { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  readonly requestBody?: { required?: boolean; content?: Readonly<Record<string, { schema?: unknown }>> };
  readonly responses?: Readonly<Record<string, Response>>;
}

export interface Response {
  readonly description?: string;
  readonly content?: Readonly<Record<string, { schema?: unknown; examples?: Readonly<Record<string, { summary?: string }>> }>>;
}

export interface Entry {
  readonly path: string;
  readonly method: string;
  readonly operation: Operation;
  readonly anchor: string;
}
