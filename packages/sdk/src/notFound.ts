import { NotFoundError } from './errors.js';

/**
 * The kinds of thing a `NOT_FOUND` names (`schedule` only from the direct transport's schedule calls).
 *
 * @group Errors
 */
export type MissingResource = 'product' | 'order' | 'report' | 'image' | 'schedule';

/**
 * One missing thing, as `NOT_FOUND` details list it.
 *
 * @group Errors
 */
export interface MissingThing {
  /** What kind of thing is missing. */
  readonly resource: MissingResource;
  /** Its id or name as the caller gave it. */
  readonly id: string;
}

/**
 * The one shape of `NOT_FOUND`: details `[{ resource, id }]`, one entry per missing thing, on
 * every route and from both transports.
 *
 * @example
 * ```ts
 * throw notFound('product', ['Mug', 'Teapot']); // details: [{ resource: 'product', id: 'Mug' }, { resource: 'product', id: 'Teapot' }]
 * ```
 *
 * @group Errors
 */
export function notFound(resource: MissingResource, ids: string | readonly string[], message?: string): NotFoundError {
  const list = typeof ids === 'string' ? [ids] : [...ids];
  const details: MissingThing[] = list.map((id) => ({ resource, id }));
  return new NotFoundError(message ?? `Unknown ${resource}${list.length > 1 ? 's' : ''}: ${list.join(', ')}`, { details });
}

/**
 * The missing things a `NotFoundError` names (empty for an unknown route).
 *
 * @example
 * ```ts
 * if (error instanceof NotFoundError) for (const { resource, id } of missingThings(error)) console.log(resource, id);
 * ```
 *
 * @group Errors
 */
export function missingThings(error: NotFoundError): MissingThing[] {
  return Array.isArray(error.details) ? (error.details as MissingThing[]) : [];
}
