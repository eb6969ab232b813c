import { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';
import { isMoneyAmount } from './money.js';

/* Field rules shared by every domain (DESIGN.md "Field rules"). */

// Control characters (C0, DEL, C1) are not printable.
const controlCharacter = /\p{Cc}/u;

// Multi-line text may also hold tabs and line breaks; no other control character.
const controlCharacterExceptWhitespace = /(?![\t\n\r])\p{Cc}/u;

/**
 * A text of `min`–`max` Unicode characters with no lone surrogates and no control characters
 * (with `multiline`, tabs and line breaks are allowed).
 */
export function printableText(field: string, min: number, max: number, multiline = false) {
  const forbidden = multiline ? controlCharacterExceptWhitespace : controlCharacter;
  return z.string({ error: `${field} must be a string` }).superRefine((value, context) => {
    const length = [...value].length;
    if (!value.isWellFormed()) context.addIssue({ code: 'custom', message: `${field} contains a lone surrogate` });
    else if (forbidden.test(value)) context.addIssue({ code: 'custom', message: `${field} contains a control character` });
    else if (length < min || (min > 0 && value.trim() === ''))
      context.addIssue({ code: 'custom', message: `${field} must not be empty` });
    else if (length > max) context.addIssue({ code: 'custom', message: `${field} must be at most ${max} characters` });
  });
}

/** A product name: 1–200 printable characters. */
export const productName = printableText('product', 1, 200);
/** A category: 1–100 printable characters. */
export const categoryName = printableText('category', 1, 100);
/** A description: up to 2,000 printable characters; tabs and line breaks allowed. */
export const descriptionText = printableText('description', 0, 2000, true);

/**
 * The largest unit price. It keeps every amount the store computes — up to 25 lines × 1,000 units —
 * an exact integer number of cents.
 */
export const maxMoneyAmount = 1_000_000_000;

/** A money amount: a number from 0 to 1,000,000,000 with at most two decimals. */
export const moneyAmount = z
  .number({ error: 'must be a number' })
  .refine(isMoneyAmount, 'must be a number ≥ 0 with at most 2 decimals')
  .refine((amount) => amount <= maxMoneyAmount, `must be at most ${maxMoneyAmount}`);

/** An integer in [min, max]. */
export function integerIn(min: number, max: number) {
  return z
    .number({ error: 'must be a number' })
    .refine(Number.isSafeInteger, 'must be an integer')
    .refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`);
}

/** An integer given as a decimal string (query parameters), in [min, max]. */
export function integerString(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,16}$/, 'must be an integer')
    .transform(Number)
    .pipe(integerIn(min, max));
}

/**
 * Zod issues with an unknown field reported at that field's own path, and a field missing from
 * `parsed.input` (when given) said to be required rather than of the wrong type.
 */
export function toFieldIssueList(error: z.ZodError, parsed?: { readonly input: unknown }): Array<{ path: PropertyKey[]; message: string }> {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...issue.path, key], message: 'is not a known field' }));
    const missing = issue.code === 'invalid_type' && parsed !== undefined && valueAt(parsed.input, issue.path) === undefined;
    return [{ path: issue.path, message: missing ? 'is required' : issue.message }];
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Converts zod issues into the contract's `details`: which field (`rootLabel` for the input as a whole), and why. */
export function toFieldIssues(error: z.ZodError, rootLabel = '(body)', parsed?: { readonly input: unknown }): FieldIssue[] {
  return toFieldIssueList(error, parsed).map((issue) => ({
    path: issue.path.map(String).join('.') || rootLabel,
    message: issue.message,
  }));
}

/**
 * Validates `value` against `schema`; throws a {@link ValidationError} listing each rejected field.
 * `what` names the input in the message ("order", "inventory item", …); `rootLabel` is the field
 * path reported when the input as a whole is rejected (a single value such as `product`).
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string, rootLabel = '(body)'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error, rootLabel, { input: value });
  throw new ValidationError(
    `Invalid ${what}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    { details: issues },
  );
}
