/**
 * Exact decimal quantities. Providers send quantities as JSON numbers or numeric strings, sometimes
 * both in one row; binary floats would drift (0.1 + 0.2), so `inv` keeps every quantity as a
 * canonical decimal string and does arithmetic on scaled bigints.
 */

/** A canonical decimal string: optional `-`, no leading zeros, no trailing fractional zeros, no exponent. */
export type Decimal = string & { readonly __decimal?: never };

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;
const EXPONENT_TEXT = /^([+-])?(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/;

export type DecimalParseResult = { ok: true; value: Decimal } | { ok: false; reason: string };

/**
 * Parses a number or a numeric string into a canonical decimal.
 * Refused, with a reason: NaN, Infinity, empty text, thousands separators (`1,000`: ambiguous
 * between locales), and anything that is not a plain decimal.
 */
// Already canonical: what almost every quantity looks like on the wire. Checked first so that
// parsing a 100,000-row answer does not pay for the general path on every field.
const CANONICAL_TEXT = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

export function parseDecimal(input: unknown): DecimalParseResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: `${input} is not a finite number` };
    // String() of a finite number is its shortest exact form: canonical unless it uses an exponent
    // (below 1e-6 or from 1e21), so a character test replaces the regex on the hot path.
    const text = String(input);
    if (!text.includes('e')) return { ok: true, value: text };
    return canonical(numberToText(input));
  }
  if (typeof input === 'string' && CANONICAL_TEXT.test(input) && input !== '-0') {
    return { ok: true, value: input };
  }
  if (typeof input === 'bigint') return { ok: true, value: input.toString() };
  if (typeof input !== 'string')
    return { ok: false, reason: `expected a number or numeric string, got ${describe(input)}` };
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty string is not a quantity' };
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    return { ok: false, reason: `"${input}" uses a thousands separator; send plain digits` };
  }
  return canonical(text, input);
}

function numberToText(value: number): string {
  const text = String(value);
  if (!/[eE]/.test(text)) return text;
  return expandExponent(text) ?? text;
}

function expandExponent(text: string): string | undefined {
  const match = EXPONENT_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', intPart = '', fracPart = '', expText = '0'] = match;
  const digits = intPart + fracPart;
  const point = intPart.length + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function canonical(text: string, original: string = text): DecimalParseResult {
  const expanded = EXPONENT_TEXT.test(text) ? expandExponent(text) : text;
  const match = expanded === undefined ? null : DECIMAL_TEXT.exec(expanded);
  if (!match) return { ok: false, reason: `"${original}" is not a decimal number` };
  const sign = match[1] ?? match[4] ?? '';
  const intDigits = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fracDigits = (match[3] ?? match[5] ?? '').replace(/0+$/, '');
  const magnitude = fracDigits ? `${intDigits}.${fracDigits}` : intDigits;
  const isZero = /^0(\.0*)?$/.test(magnitude);
  return { ok: true, value: sign === '-' && !isZero ? `-${magnitude}` : magnitude };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Like {@link parseDecimal} but throws a `TypeError` naming the reason. */
export function toDecimal(input: unknown): Decimal {
  const result = parseDecimal(input);
  if (!result.ok) throw new TypeError(result.reason);
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
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return toDecimal(negative ? `-${text}` : text);
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
