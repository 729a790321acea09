/**
 * The checks a fast object parser passes when it is built: the schema must be one the fast path
 * can stand for, and both paths must agree on probe values of every field.
 */
import type { z } from 'zod';
import {
  FALLBACK,
  ID,
  type KindCode,
  OPTIONAL_QUANTITY,
  OPTIONAL_TEXT,
  QUANTITY,
  readField,
  TEXT,
  TEXTISH,
} from './fast-object-kinds.js';

/** Throws unless `schema` is a `z.looseObject` without refinements. */
export function assertLoose(schema: z.ZodObject): void {
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
 * Runs both paths on probe values and throws on the first difference: per field, the parser reads
 * every probe (in a row of sample values) as `readField` does, and every probe `readField` accepts
 * must be accepted by the field's schema with the same value; per row, a row of sample values and
 * the same row with only its required members (how absent members come out is the object's rule,
 * not the field's) must give the same object.
 */
export function probe(
  schema: z.ZodObject,
  keys: readonly string[],
  codes: readonly KindCode[],
  parseFast: (input: unknown) => unknown,
  parseKnown: (input: unknown) => unknown,
): void {
  const shape = schema.shape as Record<string, z.ZodType>;
  const full: Record<string, unknown> = {};
  const required: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    const code = codes[i] as KindCode;
    full[key] = SAMPLES[code];
    if (code === ID || code === QUANTITY) required[key] = SAMPLES[code];
  });
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
      const parsed = parseFast({ ...full, [key]: value }) as Record<string, unknown> | undefined;
      if (parsed === undefined ? read !== FALLBACK : !Object.is(parsed[key], read)) {
        throw new Error(
          `createFastObjectParser: field "${key}" reads ${describe(value)} as ${parsed === undefined ? 'needing the schema' : describe(parsed[key])} in the parser, but as ${read === FALLBACK ? 'needing the schema' : describe(read)} by its kind`,
        );
      }
      if (read === FALLBACK) continue;
      const result = field.safeParse(value);
      if (!result.success || !Object.is(result.data, read)) {
        throw new Error(
          `createFastObjectParser: field "${key}" does not behave as its kind: ${describe(value)} reads as ${describe(read)} on the fast path, but the schema ${result.success ? `gives ${describe(result.data)}` : 'refuses it'}`,
        );
      }
    }
  });
  for (const [row, what] of [
    [full, 'a row of sample values'],
    [required, 'a row of its required members alone'],
  ] as const) {
    const fast = parseFast(row);
    if (fast === undefined) throw new Error(`createFastObjectParser: ${what} needs the schema`);
    const result = schema.safeParse(row);
    // The rows hold no unknown member, so parseKnown must give the same object.
    if (!result.success || !sameMembers(fast, result.data) || !sameMembers(parseKnown(row), fast)) {
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
