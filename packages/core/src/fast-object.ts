import { z } from 'zod';
import { parseDecimal } from './decimal.js';

/**
 * A fast path in front of a zod `looseObject` schema, for rows that arrive by the hundred thousand.
 * zod's generic machinery (a union, a pipe and a transform per quantity, a payload object per
 * field) costs several times `JSON.parse` on such answers; a `typeof` check per documented field
 * does the same for the values that are actually sent. Anything the fast path does not recognise
 * exactly goes to `schema.safeParse`, so errors, messages and odd inputs stay zod's own.
 */

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

/** One kind per field of a schema's shape: no more, no fewer (checked by type and at run time). */
export type FieldKinds<Shape> = { readonly [K in keyof Shape]: FieldKind };

/** A parser with zod's `safeParse` contract, usable wherever a schema is (`parseShape`). */
export interface FastObjectParser<T> {
  /** The schema this parser stands for: the fallback and the source of every error. */
  readonly schema: z.ZodType<T>;
  /**
   * The same result as `schema.safeParse(input)`: the fast path when every documented field has a
   * value it recognises, otherwise zod's own answer (data or error).
   */
  safeParse(input: unknown): z.ZodSafeParseResult<T>;
  /**
   * The fast path alone: the parsed object, or `undefined` when `input` needs the schema. For
   * callers that validate many rows inside one larger schema and fall back to that schema.
   */
  parseFast(input: unknown): T | undefined;
}

const TEXT = 0;
const TEXTISH = 1;
const OPTIONAL_TEXT = 2;
const ID = 3;
const QUANTITY = 4;
const OPTIONAL_QUANTITY = 5;
type KindCode = 0 | 1 | 2 | 3 | 4 | 5;

const KIND_CODES: Readonly<Record<FieldKind, KindCode>> = {
  text: TEXT,
  textish: TEXTISH,
  optionalText: OPTIONAL_TEXT,
  id: ID,
  quantity: QUANTITY,
  optionalQuantity: OPTIONAL_QUANTITY,
};

/** Returned by {@link readField} for a value only the schema may judge. */
const FALLBACK: unique symbol = Symbol('fallback');

/** The value a field of `kind` parses to, `FALLBACK` when the schema has to decide. */
function readField(kind: KindCode, value: unknown): unknown {
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

/**
 * Builds a {@link FastObjectParser} for a `z.looseObject` schema from a kind per field of its
 * shape. At construction the kinds are checked against the schema: a field without a kind (or a
 * kind without a field) throws, and every field is parsed by both paths on probe values, so a kind
 * that does not match its field's schema throws naming the field instead of diverging silently.
 */
export function createFastObjectParser<S extends z.ZodObject>(
  schema: S,
  kinds: FieldKinds<S['shape']>,
): FastObjectParser<z.output<S>> {
  const shape = schema.shape as Record<string, z.ZodType>;
  assertLoose(schema);
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) {
    // zod skips such a field altogether; no row schema needs one.
    throw new Error('createFastObjectParser: a field named "__proto__" is not supported');
  }
  for (const key of keys) {
    if (!Object.hasOwn(kinds, key)) {
      throw new Error(`createFastObjectParser: field "${key}" of the schema has no kind`);
    }
  }
  const table = kinds as Readonly<Record<string, FieldKind>>;
  for (const key of Object.keys(table)) {
    if (!Object.hasOwn(shape, key)) {
      throw new Error(`createFastObjectParser: kind for "${key}", which the schema does not have`);
    }
  }
  const codes = keys.map((key) => {
    const code = KIND_CODES[table[key] as FieldKind];
    if (code === undefined) {
      throw new Error(`createFastObjectParser: "${String(table[key])}" (${key}) is not a kind`);
    }
    return code;
  });
  const parseFast = (compilable() ? compile(keys, codes) : interpret(keys, codes)) as (
    input: unknown,
  ) => z.output<S> | undefined;

  const parser: FastObjectParser<z.output<S>> = {
    schema: schema as unknown as z.ZodType<z.output<S>>,
    safeParse: (input) => {
      const data = parseFast(input);
      return data === undefined
        ? (schema.safeParse(input) as z.ZodSafeParseResult<z.output<S>>)
        : { success: true, data };
    },
    parseFast,
  };
  probe(schema, keys, codes, parseFast);
  return parser;
}

type FastPath = (input: unknown) => Record<string, unknown> | undefined;

/**
 * The fast path as one function compiled for this shape, as zod compiles its own object parsers:
 * every field read and written under its literal name gets its own inline cache, where a loop over
 * the keys makes every access megamorphic (measured: ~40% less time per row). The output is built
 * in zod's order (the shape, then unknown members as `for…in` yields them), down to key order.
 */
function compile(keys: readonly string[], codes: readonly KindCode[]): FastPath {
  const lines = [
    "if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;",
  ];
  // Read and check every field before allocating: a row that needs the schema costs nothing more.
  keys.forEach((key, i) => {
    lines.push(`const v${i} = readField(${codes[i]}, input[${JSON.stringify(key)}]);`);
    lines.push(`if (v${i} === FALLBACK) return undefined;`);
  });
  lines.push('const out = {};');
  keys.forEach((key, i) => {
    const name = JSON.stringify(key);
    // Only `text` and `textish` read as `undefined`: an absent member stays absent, a present
    // `undefined` is kept, as zod does. The other kinds always give a value (`null` when absent).
    lines.push(
      codes[i] === TEXT || codes[i] === TEXTISH
        ? `if (v${i} !== undefined || ${name} in input) out[${name}] = v${i};`
        : `out[${name}] = v${i};`,
    );
  });
  lines.push(
    // zod never copies `__proto__`: assigning it would replace the result's prototype.
    "for (const key in input) if (!known.has(key) && key !== '__proto__') out[key] = input[key];",
    'return out;',
  );
  // Keys are embedded as JSON string literals and kinds as small integers: nothing else is code.
  const factory = new Function(
    'readField',
    'FALLBACK',
    'known',
    `'use strict'; return function parseFast(input) {\n${lines.join('\n')}\n};`,
  ) as (read: typeof readField, fallback: typeof FALLBACK, known: Set<string>) => FastPath;
  return factory(readField, FALLBACK, new Set(keys));
}

/** The same fast path as a loop, where code cannot be compiled (see {@link compilable}). */
function interpret(keys: readonly string[], codes: readonly KindCode[]): FastPath {
  const known = new Set(keys);
  const count = keys.length;
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
    const row = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      const read = readField(codes[i] as KindCode, row[key]);
      if (read === FALLBACK) return undefined;
      if (read !== undefined || key in row) out[key] = read;
    }
    for (const key in row) {
      if (!known.has(key) && key !== '__proto__') out[key] = row[key];
    }
    return out;
  };
}

/**
 * Whether code may be compiled: not when zod was told not to (`z.config({ jitless: true })`, for
 * a strict Content-Security-Policy), nor where `new Function` throws.
 */
function compilable(): boolean {
  if (z.config().jitless) return false;
  try {
    new Function('');
    return true;
  } catch {
    return false;
  }
}

function assertLoose(schema: z.ZodObject): void {
  // Unknown members are copied as they are: right only for a schema that keeps them unvalidated.
  const catchall = schema.def.catchall;
  if (catchall?._zod.def.type !== 'unknown') {
    throw new Error('createFastObjectParser: the schema must be a z.looseObject');
  }
  if ((schema.def.checks?.length ?? 0) > 0) {
    throw new Error('createFastObjectParser: the schema has refinements the fast path would skip');
  }
}

// Values that tell the kinds apart and reach their edges (empty text, -0, fractions, unsafe and
// huge integers, exponents, non-finite numbers, other types).
const PROBES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'a',
  'x'.repeat(300),
  '0',
  '-0',
  '1',
  '01',
  '1.50',
  '-2.5',
  '1e3',
  '1,000',
  0,
  -0,
  1,
  -7,
  1.5,
  2 ** 53,
  2 ** 60,
  1e21,
  1e-7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  {},
  [],
];

const SAMPLES: Readonly<Record<KindCode, unknown>> = {
  [TEXT]: 'a',
  [TEXTISH]: 'a',
  [OPTIONAL_TEXT]: 'a',
  [ID]: '1',
  [QUANTITY]: '1',
  [OPTIONAL_QUANTITY]: '1',
};

/**
 * Runs both paths on probe values and throws on the first difference: per field, every probe the
 * fast path accepts must be accepted by the field's schema with the same value; per row, a row of
 * sample values and the same row with only its required members (how absent members come out is
 * the object's rule, not the field's) must give the same object.
 */
function probe(
  schema: z.ZodObject,
  keys: readonly string[],
  codes: readonly KindCode[],
  parseFast: (input: unknown) => unknown,
): void {
  const shape = schema.shape as Record<string, z.ZodType>;
  // Fields often share one schema instance (every quantity): probe each pairing once, so that
  // construction stays in the low milliseconds.
  const probed = new Map<z.ZodType, Set<KindCode>>();
  keys.forEach((key, i) => {
    const field = shape[key] as z.ZodType;
    const code = codes[i] as KindCode;
    const seen = probed.get(field) ?? new Set<KindCode>();
    if (seen.has(code)) return;
    seen.add(code);
    probed.set(field, seen);
    for (const value of PROBES) {
      const read = readField(code, value);
      if (read === FALLBACK) continue;
      const result = field.safeParse(value);
      if (!result.success || !Object.is(result.data, read)) {
        throw new Error(
          `createFastObjectParser: field "${key}" does not behave as its kind: ${describe(value)} reads as ${describe(read)} on the fast path, but the schema ${result.success ? `gives ${describe(result.data)}` : 'refuses it'}`,
        );
      }
    }
  });
  const full: Record<string, unknown> = {};
  const required: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    const code = codes[i] as KindCode;
    full[key] = SAMPLES[code];
    if (code === ID || code === QUANTITY) required[key] = SAMPLES[code];
  });
  for (const [row, what] of [
    [full, 'a row of sample values'],
    [required, 'a row of its required members alone'],
  ] as const) {
    const fast = parseFast(row);
    if (fast === undefined) throw new Error(`createFastObjectParser: ${what} needs the schema`);
    const result = schema.safeParse(row);
    if (!result.success || !sameMembers(fast, result.data)) {
      throw new Error(
        `createFastObjectParser: ${what} parses differently on the fast path than with the schema`,
      );
    }
  }
}

/** Same own keys in the same order, and the same values by `Object.is`. */
function sameMembers(a: unknown, b: unknown): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  const other = Object.keys(y);
  return (
    keys.length === other.length &&
    keys.every((key, i) => key === other[i] && Object.is(x[key], y[key]))
  );
}

function describe(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  return JSON.stringify(value) ?? typeof value;
}
