import { DecimalError } from './errors.js';

/**
 * Exact decimal quantities. Providers send quantities as JSON numbers or numeric strings, sometimes
 * both in one row; binary floats would drift (0.1 + 0.2), so `inv` keeps every quantity as a
 * canonical decimal string and does arithmetic on scaled bigints.
 */

/** A canonical decimal string: optional `-`, no leading zeros, no trailing fractional zeros, no exponent. */
export type Decimal = string & { readonly __decimal?: never };

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;
const EXPONENT_TEXT = /^([+-])?(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/;

/**
 * Bounds of an exact decimal, in digits of its canonical form. No inventory quantity comes near
 * them (a count of 10^30 units, or 20 decimal places of a weight, is already absurd); they are as
 * wide as they are so that every finite IEEE double a gateway may send as a JSON number still
 * parses exactly (`Number.MAX_VALUE` has 309 integer digits, the smallest subnormal `5e-324` 324
 * fraction digits). Without them a 9-byte `"1e-160000"` took ~11 s and `"1e200000000"` built a
 * 200 MB string: every value is now refused before anything of its size is built, so parsing and
 * the arithmetic on parsed values cost microseconds.
 */
export const DECIMAL_LIMITS = Object.freeze({
  /** Digits before the point. */
  maxIntegerDigits: 400,
  /** Digits after the point. */
  maxFractionDigits: 400,
});

/** Why a value is not an exact decimal: not a number at all, or beyond {@link DECIMAL_LIMITS}. */
export type DecimalRule = 'syntax' | 'range';

export type DecimalParseResult =
  | { ok: true; value: Decimal }
  | { ok: false; reason: string; rule: DecimalRule };

// Already canonical: what almost every quantity looks like on the wire. Checked first so that
// parsing a 100,000-row answer does not pay for the general path on every field.
const CANONICAL_TEXT = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

// Canonical but for the zeros a fixed-scale column pads its fraction with (`"1877.7500"`, as
// JDY's scm/inventory sends every quantity): the general path costs several regexes a value.
const PADDED_TEXT = /^(-?(?:0|[1-9]\d*))\.(\d*[1-9])?0+$/;

/** The canonical decimal of a {@link PADDED_TEXT} match: the zeros dropped, `-0` made `0`. */
function unpadded(match: RegExpExecArray): Decimal {
  const [, integer = '0', fraction] = match;
  if (fraction !== undefined) return `${integer}.${fraction}`;
  return integer === '-0' ? '0' : integer;
}

// A canonical text this short is within the limits whatever its digits: one length comparison
// keeps the hot path free of the digit count.
const SHORT_ENOUGH = Math.min(DECIMAL_LIMITS.maxIntegerDigits, DECIMAL_LIMITS.maxFractionDigits);

/**
 * The canonical decimal of the values almost every quantity is on the wire, without building a
 * result object: a finite number that `String()` writes without exponent, and a short numeric text
 * that is canonical or canonical but for fraction zeros. `undefined` for anything else, which
 * {@link parseDecimal}'s general path decides. Row parsers call it for every quantity of every row.
 */
export function fastDecimal(input: unknown): Decimal | undefined {
  if (typeof input === 'number') {
    // String() of a finite number is its shortest exact form: canonical unless it uses an exponent
    // (below 1e-6 or from 1e21), so a character test replaces the regex on the hot path.
    if (!Number.isFinite(input)) return undefined;
    const text = String(input);
    return text.includes('e') ? undefined : text;
  }
  // A canonical text this short is within the limits whatever its digits.
  if (typeof input !== 'string' || input.length > SHORT_ENOUGH) return undefined;
  if (CANONICAL_TEXT.test(input)) return input === '-0' ? undefined : input;
  const padded = PADDED_TEXT.exec(input);
  return padded === null ? undefined : unpadded(padded);
}

/**
 * Parses a number or a numeric string into a canonical decimal.
 * Refused, with a reason: NaN, Infinity, empty text, thousands separators (`1,000`: ambiguous
 * between locales), anything that is not a plain decimal (`rule: 'syntax'`), and values beyond
 * {@link DECIMAL_LIMITS} (`rule: 'range'`).
 */
export function parseDecimal(input: unknown): DecimalParseResult {
  const fast = fastDecimal(input);
  if (fast !== undefined) return { ok: true, value: fast };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return syntax(`${input} is not a finite number`);
    const text = String(input);
    return canonical(text, text);
  }
  if (typeof input === 'string' && CANONICAL_TEXT.test(input) && input !== '-0') {
    return bounded(input, input);
  }
  if (typeof input === 'bigint') return bounded(input.toString(), `${input}n`);
  if (typeof input !== 'string')
    return syntax(`expected a number or numeric string, got ${describe(input)}`);
  const text = input.trim();
  if (text === '') return syntax('empty string is not a quantity');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    return syntax(`"${input}" uses a thousands separator; send plain digits`);
  }
  return canonical(text, input);
}

function syntax(reason: string): DecimalParseResult {
  return { ok: false, reason, rule: 'syntax' };
}

/** Shortens what a refusal quotes: the input may be megabytes long. */
function quote(text: string): string {
  return text.length <= 40
    ? `"${text}"`
    : `"${text.slice(0, 20)}…${text.slice(-10)}" (${text.length} characters)`;
}

function outOfRange(
  original: string,
  digits: number,
  where: 'before' | 'after',
): DecimalParseResult {
  const max =
    where === 'before' ? DECIMAL_LIMITS.maxIntegerDigits : DECIMAL_LIMITS.maxFractionDigits;
  return {
    ok: false,
    rule: 'range',
    reason: `${quote(original)} has ${digits} digits ${where} the decimal point; at most ${max} are accepted (no inventory quantity needs more)`,
  };
}

/** Checks an already canonical text against the limits. */
function bounded(value: string, original: string): DecimalParseResult {
  const point = value.indexOf('.');
  const integerDigits = (point < 0 ? value.length : point) - (value.startsWith('-') ? 1 : 0);
  const fractionDigits = point < 0 ? 0 : value.length - point - 1;
  if (integerDigits > DECIMAL_LIMITS.maxIntegerDigits)
    return outOfRange(original, integerDigits, 'before');
  if (fractionDigits > DECIMAL_LIMITS.maxFractionDigits)
    return outOfRange(original, fractionDigits, 'after');
  return { ok: true, value };
}

function canonical(text: string, original: string): DecimalParseResult {
  const exponent = EXPONENT_TEXT.exec(text);
  if (exponent) return fromExponent(exponent, original);
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return syntax(`${quote(original)} is not a decimal number`);
  const sign = match[1] ?? match[4] ?? '';
  const intDigits = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fracDigits = withoutTrailingZeros(match[3] ?? match[5] ?? '');
  return finish(sign, intDigits, fracDigits, original);
}

/**
 * Expands `<digits>e<exponent>` after checking the size of the result, which is known from the
 * significant digits and the exponent alone: nothing beyond the limits is ever built.
 */
function fromExponent(match: RegExpExecArray, original: string): DecimalParseResult {
  const [, sign = '', intPart = '', fracPart = '', expText = '0'] = match;
  let digits = intPart + fracPart;
  // Position of the decimal point within `digits` once the exponent is applied.
  let point = intPart.length + Number(expText);
  const leading = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = withoutTrailingZeros(digits.slice(leading));
  point -= leading;
  if (digits === '') return { ok: true, value: '0' };
  const integerDigits = Math.max(point, 0);
  const fractionDigits = Math.max(digits.length - point, 0);
  // Number(expText) of an absurd exponent is huge or Infinity: both fail these checks.
  if (!(integerDigits <= DECIMAL_LIMITS.maxIntegerDigits)) {
    return outOfRange(original, integerDigits, 'before');
  }
  if (!(fractionDigits <= DECIMAL_LIMITS.maxFractionDigits)) {
    return outOfRange(original, fractionDigits, 'after');
  }
  if (point <= 0) return finish(sign, '0', '0'.repeat(-point) + digits, original);
  if (point >= digits.length)
    return finish(sign, digits + '0'.repeat(point - digits.length), '', original);
  return finish(sign, digits.slice(0, point), digits.slice(point), original);
}

/** Joins canonical parts (no leading integer zeros, no trailing fraction zeros) and checks the limits. */
function finish(
  sign: string,
  intDigits: string,
  fracDigits: string,
  original: string,
): DecimalParseResult {
  if (intDigits.length > DECIMAL_LIMITS.maxIntegerDigits) {
    return outOfRange(original, intDigits.length, 'before');
  }
  if (fracDigits.length > DECIMAL_LIMITS.maxFractionDigits) {
    return outOfRange(original, fracDigits.length, 'after');
  }
  const magnitude = fracDigits ? `${intDigits}.${fracDigits}` : intDigits;
  const isZero = intDigits === '0' && fracDigits === '';
  return { ok: true, value: sign === '-' && !isZero ? `-${magnitude}` : magnitude };
}

// A loop, not `/0+$/`: that regex retries from every zero of a long run and goes quadratic.
function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === ZERO) end--;
  return end === digits.length ? digits : digits.slice(0, end);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Like {@link parseDecimal} but throws a {@link DecimalError} (code `INV_DECIMAL`) naming `field`
 * when given, the rule and the reason.
 */
export function toDecimal(input: unknown, field?: string): Decimal {
  const result = parseDecimal(input);
  if (!result.ok) throw new DecimalError(result.reason, { field, rule: result.rule });
  return result.value;
}

function split(value: Decimal): { units: bigint; scale: number } {
  const negative = value.startsWith('-');
  const [intPart = '0', fracPart = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(intPart + fracPart);
  return { units: negative ? -units : units, scale: fracPart.length };
}

function join(units: bigint, scale: number): Decimal {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  // Not re-parsed: a sum may exceed the parse limits, and its parts are already canonical.
  const fraction = withoutTrailingZeros(digits.slice(point));
  const magnitude = fraction ? `${digits.slice(0, point)}.${fraction}` : digits.slice(0, point);
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

function align(a: Decimal, b: Decimal): { a: bigint; b: bigint; scale: number } {
  const x = split(a);
  const y = split(b);
  const scale = Math.max(x.scale, y.scale);
  return {
    a: x.units * 10n ** BigInt(scale - x.scale),
    b: y.units * 10n ** BigInt(scale - y.scale),
    scale,
  };
}

// Below 2^53 a JS number holds any integer exactly: decimals of at most 15 digits scaled to
// integers add without drift, several times faster than the bigint path (normalizers sum a lot).
const SAFE_DIGITS = 15;

function fastAdd(a: Decimal, b: Decimal): Decimal | undefined {
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  const fa = da < 0 ? 0 : a.length - da - 1;
  const fb = db < 0 ? 0 : b.length - db - 1;
  if (a.length > SAFE_DIGITS || b.length > SAFE_DIGITS) return undefined;
  const scale = Math.max(fa, fb);
  const units = (text: string, point: number, fraction: number): number =>
    (point < 0 ? Number(text) : Number(text.replace('.', ''))) * 10 ** (scale - fraction);
  const sum = units(a, da, fa) + units(b, db, fb);
  if (!Number.isSafeInteger(sum)) return undefined;
  return formatScaled(sum, scale);
}

/**
 * The canonical decimal of `units / 10^scale` for a safe integer, formatted from its `String()`
 * (plain digits below 2^53) without the bigint and parsing round trip of {@link join}.
 */
function formatScaled(units: number, scale: number): Decimal {
  if (scale === 0) return String(units);
  const negative = units < 0;
  const digits = String(negative ? -units : units).padStart(scale + 1, '0');
  const point = digits.length - scale;
  let end = digits.length;
  while (end > point && digits.charCodeAt(end - 1) === ZERO) end--;
  const magnitude =
    end === point
      ? digits.slice(0, point)
      : `${digits.slice(0, point)}.${digits.slice(point, end)}`;
  return negative ? `-${magnitude}` : magnitude;
}

const ZERO = 48;

/** Exact `a + b`. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const fast = fastAdd(a, b);
  if (fast !== undefined) return fast;
  const { a: x, b: y, scale } = align(a, b);
  return join(x + y, scale);
}

/** Exact `a - b`. */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const { a: x, b: y, scale } = align(a, b);
  return join(x - y, scale);
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const { a: x, b: y } = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact sum of a list; `"0"` for an empty list. */
export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total: Decimal = '0';
  for (const value of values) total = addDecimal(total, value);
  return total;
}
