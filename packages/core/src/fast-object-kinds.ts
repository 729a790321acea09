import { fastDecimal, parseDecimal } from './decimal.js';

/**
 * How one field is read on the fast path, named after the zod construct it reproduces:
 *
 * - `text`: `z.string().nullish()`: strings, `null` and `undefined` kept as they are.
 * - `textish`: `z.union([z.string(), z.number()]).transform(String).nullish()`: like `text`, and
 *   finite numbers become their `String()`.
 * - `optionalText`: strings kept, `null` and absent become `null`, numbers become `String()` when
 *   they are safe integers or have a fraction (a larger integer already lost digits: zod refuses it).
 * - `id`: required; strings kept, safe integers become `String()`.
 * - `quantity`: core's `quantitySchema` (required exact decimal).
 * - `optionalQuantity`: core's `optionalQuantitySchema` (`null`, absent and `""` become `null`).
 *
 * Whatever a kind does not accept is left to the schema.
 */
export type FieldKind =
  | 'text'
  | 'textish'
  | 'optionalText'
  | 'id'
  | 'quantity'
  | 'optionalQuantity';

export const TEXT = 0;
export const TEXTISH = 1;
export const OPTIONAL_TEXT = 2;
export const ID = 3;
export const QUANTITY = 4;
export const OPTIONAL_QUANTITY = 5;
export type KindCode = 0 | 1 | 2 | 3 | 4 | 5;

export const KIND_CODES: Readonly<Record<FieldKind, KindCode>> = {
  text: TEXT,
  textish: TEXTISH,
  optionalText: OPTIONAL_TEXT,
  id: ID,
  quantity: QUANTITY,
  optionalQuantity: OPTIONAL_QUANTITY,
};

/** Returned by {@link readField} for a value only the schema may judge. */
export const FALLBACK: unique symbol = Symbol('fallback');

/** The value a field of `kind` parses to, `FALLBACK` when the schema has to decide. */
export function readField(kind: KindCode, value: unknown): unknown {
  switch (kind) {
    case TEXT:
      return value === undefined || value === null || typeof value === 'string' ? value : FALLBACK;
    case TEXTISH:
      if (typeof value === 'number') return Number.isFinite(value) ? String(value) : FALLBACK;
      return value === undefined || value === null || typeof value === 'string' ? value : FALLBACK;
    case OPTIONAL_TEXT:
      if (typeof value === 'string') return value;
      if (value === undefined || value === null) return null;
      if (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (Number.isSafeInteger(value) || !Number.isInteger(value))
      ) {
        return String(value);
      }
      return FALLBACK;
    case ID:
      if (typeof value === 'string') return value;
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : FALLBACK;
    case QUANTITY:
      return readDecimal(value);
    case OPTIONAL_QUANTITY:
      return value === undefined || value === null || value === '' ? null : readDecimal(value);
  }
}

function readDecimal(value: unknown): unknown {
  const fast = fastDecimal(value);
  if (fast !== undefined) return fast;
  // zod's union takes numbers and strings only; parseDecimal alone would also take a bigint.
  if (typeof value !== 'number' && typeof value !== 'string') return FALLBACK;
  const parsed = parseDecimal(value);
  return parsed.ok ? parsed.value : FALLBACK;
}

/**
 * {@link readField} as a statement for a compiled parser: it declares `v<i>` from the member `name`
 * (a JSON string literal) of `input` and returns `undefined` where `readField` gives `FALLBACK`.
 * What nearly every value takes is written out, so that a row parser reading dozens of fields per
 * row does not pay a call and a switch for each: every text kind reads a string as itself (`text`
 * and `textish` also `null` and `undefined`), and {@link fastDecimal} reads nearly every quantity.
 * Other values go to `readField`. The statement expects `readField`, `FALLBACK` and `fastDecimal`
 * in scope; the construction probe runs every field through it and through `readField` alike.
 */
export function readFieldSource(code: KindCode, i: number, name: string): string {
  const v = `v${i}`;
  const orField = `readField(${code}, ${v})) === FALLBACK) return undefined;`;
  switch (code) {
    case QUANTITY:
      return `let ${v} = input[${name}]; if ((${v} = fastDecimal(${v}) ?? ${orField}`;
    case OPTIONAL_QUANTITY:
      return `let ${v} = input[${name}]; if (${v} == null) ${v} = null; else if ((${v} = fastDecimal(${v}) ?? ${orField}`;
    case TEXT:
    case TEXTISH:
      return `let ${v} = input[${name}]; if (typeof ${v} !== 'string' && ${v} != null && (${v} = ${orField}`;
    default:
      return `let ${v} = input[${name}]; if (typeof ${v} !== 'string' && (${v} = ${orField}`;
  }
}
