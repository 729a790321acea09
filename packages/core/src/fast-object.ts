import { z } from 'zod';
import { fastDecimal } from './decimal.js';
import {
  FALLBACK,
  type FieldKind,
  KIND_CODES,
  type KindCode,
  readField,
  readFieldSource,
  TEXT,
  TEXTISH,
} from './fast-object-kinds.js';
import { assertLoose, probe } from './fast-object-probe.js';

/**
 * A fast path in front of a zod `looseObject` schema, for rows that arrive by the hundred thousand.
 * zod's generic machinery (a union, a pipe and a transform per quantity, a payload object per
 * field) costs several times `JSON.parse` on such answers; a `typeof` check per documented field
 * does the same for the values that are actually sent. Anything the fast path does not recognise
 * exactly goes to `schema.safeParse`, so errors, messages and odd inputs stay zod's own.
 */

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

/** What {@link createFastObjectParser} builds: a {@link FastObjectParser} of one object schema. */
export interface FastRowParser<T> extends FastObjectParser<T> {
  /**
   * {@link FastObjectParser.parseFast} without the members the schema does not name: the result
   * holds the schema's fields alone, while zod's (and `parseFast`'s) also holds a copy of every
   * other member. For callers that keep the input beside the result (a record's `raw`) and read
   * only the named fields: the copy costs a `for…in` and a lookup per member of every row, about
   * 7% of reading a 100,000-row Winit page (bench/proposals.md, issue #18).
   */
  parseKnown(input: unknown): T | undefined;
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
): FastRowParser<z.output<S>> {
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
  const paths = compilable() ? compile(keys, codes) : interpret(keys, codes);
  const parseFast = paths.parseFast as (input: unknown) => z.output<S> | undefined;
  const parseKnown = paths.parseKnown as (input: unknown) => z.output<S> | undefined;

  const parser: FastRowParser<z.output<S>> = {
    schema: schema as unknown as z.ZodType<z.output<S>>,
    safeParse: (input) => {
      const data = parseFast(input);
      return data === undefined
        ? (schema.safeParse(input) as z.ZodSafeParseResult<z.output<S>>)
        : { success: true, data };
    },
    parseFast,
    parseKnown,
  };
  probe(schema, keys, codes, parseFast, parseKnown);
  return parser;
}

type FastPath = (input: unknown) => Record<string, unknown> | undefined;

/** `parseFast` and `parseKnown` of one shape. */
interface FastPaths {
  parseFast: FastPath;
  parseKnown: FastPath;
}

/** Builds a row's output object from the values read, one per field of the shape. */
type Build = (...values: unknown[]) => Record<string, unknown>;

/**
 * The fast paths as functions compiled for this shape, as zod compiles its own object parsers:
 * every field read and written under its literal name gets its own inline cache, where a loop over
 * the keys makes every access megamorphic (measured: ~40% less time per row). The output is built
 * in zod's order (the shape, then, for `parseFast` only, unknown members as `for…in` yields them),
 * down to key order. Both functions share one body but that loop, and one set of builders.
 *
 * The output object is written as one object literal (see {@link createBuilders}) rather than
 * member by member: growing an object field by field reallocates its property store every few
 * fields, and a 36-field Winit row cost 2.5× more that way (bench/RESULTS.md, client overhead).
 */
function compile(keys: readonly string[], codes: readonly KindCode[]): FastPaths {
  const lines = [
    "if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;",
  ];
  // Read and check every field before allocating: a row that needs the schema costs nothing more.
  keys.forEach((key, i) => {
    lines.push(readFieldSource(codes[i] as KindCode, i, JSON.stringify(key)));
  });
  // Only `text` and `textish` read as `undefined`: an absent member stays absent, a present
  // `undefined` is kept, as zod does. The other kinds always give a value (`null` when absent).
  const bits = presenceBits(codes);
  const isPresent = (i: number): string =>
    `(v${i} !== undefined || ${JSON.stringify(keys[i])} in input)`;
  if (bits === undefined) {
    lines.push('const out = {};');
    keys.forEach((key, i) => {
      const name = JSON.stringify(key);
      lines.push(
        codes[i] === TEXT || codes[i] === TEXTISH
          ? `if ${isPresent(i)} out[${name}] = v${i};`
          : `out[${name}] = v${i};`,
      );
    });
  } else {
    lines.push('let present = 0;');
    bits.forEach((bit, i) => {
      if (bit !== 0) lines.push(`if ${isPresent(i)} present |= ${bit};`);
    });
    lines.push(`const out = builderFor(present)(${keys.map((_, i) => `v${i}`).join(', ')});`);
  }
  // zod never copies `__proto__`: assigning it would replace the result's prototype.
  const copyUnknown =
    "for (const key in input) if (!known.has(key) && key !== '__proto__') out[key] = input[key];";
  const known = new Set(keys);
  const builderFor = bits === undefined ? undefined : createBuilders(keys, bits);
  // Keys are embedded as JSON string literals and kinds as small integers: nothing else is code.
  const make = (name: string, tail: readonly string[]): FastPath =>
    (
      new Function(
        'readField',
        'FALLBACK',
        'fastDecimal',
        'known',
        'builderFor',
        `'use strict'; return function ${name}(input) {\n${[...lines, ...tail].join('\n')}\n};`,
      ) as (
        read: typeof readField,
        fallback: typeof FALLBACK,
        decimal: typeof fastDecimal,
        known: Set<string>,
        builderFor: ((present: number) => Build) | undefined,
      ) => FastPath
    )(readField, FALLBACK, fastDecimal, known, builderFor);
  return {
    parseFast: make('parseFast', [copyUnknown, 'return out;']),
    parseKnown: make('parseKnown', ['return out;']),
  };
}

/**
 * The bit of each field in `present` (0 for the fields always in the output), or `undefined` when
 * there are more optional fields than {@link MAX_PRESENCE_BITS}: members are then written one by
 * one.
 */
function presenceBits(codes: readonly KindCode[]): number[] | undefined {
  let next = 1;
  const bits = codes.map((code) => {
    if (code !== TEXT && code !== TEXTISH) return 0;
    const bit = next;
    next *= 2;
    return bit;
  });
  return next > 2 ** MAX_PRESENCE_BITS ? undefined : bits;
}

/**
 * The builders of a shape's output objects, one per set of present optional members (`present`):
 * each returns an object literal of the fields it has, in shape order, so the object is allocated
 * once at its final size. Answers carry few such sets (a gateway leaves out the same members row
 * after row); past {@link MAX_BUILDERS} of them, members are written one by one, with the same
 * result.
 */
function createBuilders(
  keys: readonly string[],
  bits: readonly number[],
): (present: number) => Build {
  const builders = new Map<number, Build>();
  const has = (present: number, i: number): boolean =>
    bits[i] === 0 || (present & (bits[i] ?? 0)) !== 0;
  return (present) => {
    const known = builders.get(present);
    if (known !== undefined) return known;
    if (builders.size >= MAX_BUILDERS) {
      return (...values) => {
        const out: Record<string, unknown> = {};
        keys.forEach((key, i) => {
          if (has(present, i)) out[key] = values[i];
        });
        return out;
      };
    }
    const members = keys.flatMap((key, i) =>
      has(present, i) ? [`${JSON.stringify(key)}: v${i}`] : [],
    );
    const build = new Function(
      ...keys.map((_, i) => `v${i}`),
      `'use strict'; return { ${members.join(', ')} };`,
    ) as Build;
    builders.set(present, build);
    return build;
  };
}

/** Optional members `present` tells apart (its bits stay a small integer). */
const MAX_PRESENCE_BITS = 30;
/** Object literals compiled per shape; each is a small function, compiled once. */
const MAX_BUILDERS = 64;

/** The same fast paths as a loop, where code cannot be compiled (see {@link compilable}). */
function interpret(keys: readonly string[], codes: readonly KindCode[]): FastPaths {
  const known = new Set(keys);
  const count = keys.length;
  const parse = (input: unknown, copyUnknown: boolean): Record<string, unknown> | undefined => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
    const row = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      const read = readField(codes[i] as KindCode, row[key]);
      if (read === FALLBACK) return undefined;
      if (read !== undefined || key in row) out[key] = read;
    }
    if (!copyUnknown) return out;
    for (const key in row) {
      if (!known.has(key) && key !== '__proto__') out[key] = row[key];
    }
    return out;
  };
  return { parseFast: (input) => parse(input, true), parseKnown: (input) => parse(input, false) };
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
