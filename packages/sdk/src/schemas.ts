import * as z from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';
import { idempotencyKeyPattern, idempotencyKeyRule } from './idempotencyKey.js';
import { isMoneyAmount } from './money.js';

/* Field rules shared by every domain. */

// Control characters (C0, DEL, C1) and format characters (zero-width spaces, bidi overrides, …) are
// not printable: they hide or spoof text in the admin page, CSV files and e-mails.
const unprintable = /\p{Cc}|\p{Cf}/u;

// Multi-line text may also hold tabs and line breaks.
const unprintableExceptWhitespace = /(?![\t\n\r])\p{Cc}|\p{Cf}/u;

/** The first Unicode noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) in `value`, if any; SQS rejects them. */
function noncharacterIn(value: string): number | undefined {
  for (const character of value) {
    const codePoint = character.codePointAt(0)!;
    if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) return codePoint;
  }
  return undefined;
}

const codePointLabel = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not a valid `field` of `min`–`max` printable characters, or undefined when it is. */
function textProblem(value: string, field: string, min: number, max: number, forbidden: RegExp): string | undefined {
  if (!value.isWellFormed()) return `${field} contains a lone surrogate`;
  const unprintableCharacter = forbidden.exec(value)?.[0];
  if (unprintableCharacter !== undefined) {
    const kind = /\p{Cf}/u.test(unprintableCharacter) ? 'an invisible format character' : 'a control character';
    return `${field} contains ${kind} (${codePointLabel(unprintableCharacter.codePointAt(0)!)})`;
  }
  const noncharacter = noncharacterIn(value);
  if (noncharacter !== undefined) return `${field} contains a Unicode noncharacter (${codePointLabel(noncharacter)})`;
  const length = [...value].length;
  if (length < min || (min > 0 && value.trim() === '')) return `${field} must not be empty`;
  if (length > max) return `${field} must be at most ${max} characters`;
  return undefined;
}

/**
 * A text of `min`–`max` Unicode characters with no lone surrogates, no control or format characters
 * and no noncharacters (with `multiline`, tabs and line breaks are allowed).
 *
 * @group Field rules
 */
export function printableText(field: string, min: number, max: number, multiline = false) {
  const forbidden = multiline ? unprintableExceptWhitespace : unprintable;
  return z.string({ error: `${field} must be a string` }).superRefine((value, context) => {
    const problem = textProblem(value, field, min, max, forbidden);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/** A name as the store keeps it: NFC-normalized and trimmed. Applied to every name read or written. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim();
}

/**
 * A name (`product`, `category`): NFC-normalized and trimmed first — so "Café" typed as one code
 * point or as e + combining accent is one name — then 1–`max` printable characters, and neither `.`
 * nor `..` (which cannot be addressed in a URL path).
 *
 * @group Field rules
 */
export function nameText(field: string, max: number) {
  return z
    .string({ error: `${field} must be a string` })
    .overwrite(normalizeName)
    .superRefine((value, context) => {
      const problem = textProblem(value, field, 1, max, unprintable);
      if (problem) context.addIssue({ code: 'custom', message: problem });
      else if (value === '.' || value === '..') context.addIssue({ code: 'custom', message: `${field} must not be "." or ".."` });
    });
}

/**
 * A product name: 1–200 printable characters, normalized (see {@link nameText}).
 *
 * @group Field rules
 */
export const productName = nameText('product', 200);
/**
 * A category: 1–100 printable characters, normalized (see {@link nameText}).
 *
 * @group Field rules
 */
export const categoryName = nameText('category', 100);
/**
 * A description: up to 2,000 printable characters; tabs and line breaks allowed.
 *
 * @group Field rules
 */
export const descriptionText = printableText('description', 0, 2000, true);

/**
 * The largest unit price. It keeps every amount the store computes — up to 25 lines × 1,000 units —
 * an exact integer number of cents.
 *
 * @group Field rules
 */
export const maxMoneyAmount = 1_000_000_000;

/**
 * A money amount: a number from 0 to 1,000,000,000 with at most two decimals.
 *
 * @group Field rules
 */
export const moneyAmount = z
  .number({ error: 'must be a number' })
  .refine(isMoneyAmount, 'must be a number ≥ 0 with at most 2 decimals')
  .refine((amount) => amount <= maxMoneyAmount, `must be at most ${maxMoneyAmount}`);

/**
 * An `Idempotency-Key` header (the rule of `idempotencyKey.ts`).
 *
 * @group Field rules
 */
export const idempotencyKeySchema = z.string({ error: 'must be a string' }).regex(idempotencyKeyPattern, idempotencyKeyRule);

/**
 * An integer in [min, max].
 *
 * @group Field rules
 */
export function integerIn(min: number, max: number) {
  return z
    .number({ error: 'must be a number' })
    .refine(Number.isSafeInteger, 'must be an integer')
    .refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`);
}

/**
 * An integer given as a decimal string (query parameters), in [min, max].
 *
 * @group Field rules
 */
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

/**
 * Converts zod issues into the contract's `details`: which field (`rootLabel` for the input as a whole), and why.
 *
 * @group Field rules
 */
export function toFieldIssues(error: z.ZodError, rootLabel = '(body)', parsed?: { readonly input: unknown }): FieldIssue[] {
  return toFieldIssueList(error, parsed).map((issue) => ({
    path: issue.path.map(String).join('.') || rootLabel,
    message: issue.message,
  }));
}

/** What {@link alternatives} registered for a schema: its forms and which one an input is written in. */
interface Forms {
  readonly options: readonly z.ZodType[];
  readonly formOf: (input: unknown) => number;
}

const formsBySchema = new WeakMap<z.ZodType, Forms>();

/**
 * A body accepted in several forms, as one schema that both validates and documents them (OpenAPI
 * `anyOf`), its output normalised by `normalise`. A rejected input is reported in the form it was
 * written in — the option `formOf` picks — rather than as "matches none": so `{"items":[{"quantity":0}]}`
 * is told about its line, not that it lacks `product`.
 *
 * @example
 * ```ts
 * const request = alternatives([itemsForm, lineForm], (input) => (hasKey(input, 'items') ? 0 : 1), toItems);
 * parseInput(request, body, 'order');
 * ```
 *
 * @group Field rules
 */
export function alternatives<const Options extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]], Output>(
  options: Options,
  formOf: (input: unknown) => number,
  normalise: (value: z.output<Options[number]>) => Output,
) {
  const schema = z.union(options).transform((value) => normalise(value as z.output<Options[number]>));
  formsBySchema.set(schema, { options, formOf });
  return schema;
}

/**
 * True when `input` is an object with its own key `key`.
 *
 * @group Field rules
 */
export function hasKey(input: unknown, key: string): boolean {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && Object.hasOwn(input, key);
}

/**
 * Validates `value` against `schema`; throws a {@link ValidationError} listing each rejected field.
 * `what` names the input in the message ("order", "inventory item", …); `rootLabel` is the field
 * path reported when the input as a whole is rejected (a single value such as `product`).
 *
 * @group Field rules
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string, rootLabel = '(body)'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // A body of several forms is reported against the form it was written in.
  const forms = formsBySchema.get(schema);
  const error = (forms && forms.options[forms.formOf(value)]?.safeParse(value).error) || result.error;
  const issues = toFieldIssues(error, rootLabel, { input: value });
  throw new ValidationError(
    `Invalid ${what}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    { details: issues },
  );
}
