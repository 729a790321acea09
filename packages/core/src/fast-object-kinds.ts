import { parseDecimal } from './decimal.js';

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
  // zod's union takes numbers and strings only; parseDecimal alone would also take a bigint.
  if (typeof value !== 'number' && typeof value !== 'string') return FALLBACK;
  const parsed = parseDecimal(value);
  return parsed.ok ? parsed.value : FALLBACK;
}
