import { DuplicateKeyError } from './duplicate-key-error.js';

/**
 * Exact reading of gateway answers. `JSON.parse` rounds every number to a double, so an integer
 * beyond 2^53 (`9007199254740993`) or a decimal with more significant digits than a double keeps
 * (`123456789012345.678`, `0.1000000000000000055511151231257827`) reaches our exact decimals as a
 * different value, silently. And it keeps the last of two equal keys, so `"code":"1004"` followed
 * by `"code":"0"` reads as success. One linear scan of the text, before `JSON.parse`, wraps the
 * number tokens a double would change in quotes (the caller gets their exact text) and counts the
 * members; a walk of the parsed value counts the keys it kept. Fewer keys than members means a key
 * was repeated, and the answer is refused.
 *
 * The rule for numbers: a token stays a number when the double `JSON.parse` makes of it prints
 * (`String(n)`) as the same decimal value and, for a token without fraction or exponent, is a safe
 * integer (|n| ≤ 2^53 − 1, so integer consumers such as ids can trust it). Every other finite token
 * (more digits than a double holds, an integer beyond 2^53, an underflow to 0) becomes the string
 * of its source text. A token beyond the double range stays `±Infinity`, a value JSON cannot
 * otherwise produce and every quantity schema refuses naming the field: no inventory figure is
 * that large, and its text (`1e400`, `1e999999999`) would only be a burden to expand. A token of at
 * most 15 significant digits without exponent always stays a number (any such decimal survives the
 * round trip: IEEE 754 DBL_DIG), so the exact check runs only for long tokens and exponents.
 */

/** Options of {@link parseExactJson}. */
export interface ExactJsonOptions {
  /** Provider id the refusal of a duplicate key is attributed to. */
  provider?: string | undefined;
}

/**
 * `JSON.parse` for gateway answers: numbers a double cannot hold exactly arrive as their source
 * text (a string), the others as numbers; an object with two equal keys, at any depth, throws a
 * {@link DuplicateKeyError} naming the key and its path. Text that is not JSON throws
 * `JSON.parse`'s `SyntaxError`, which takes precedence over a duplicate key. No recursion: any
 * depth `JSON.parse` accepts is accepted.
 */
export function parseExactJson(text: string, options: ExactJsonOptions = {}): unknown {
  const scan = scanJson(text);
  const value: unknown = JSON.parse(scan.text);
  if (scan.members !== countKeys(value)) {
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined) {
      throw new DuplicateKeyError(duplicate, { provider: options.provider });
    }
  }
  return value;
}

/**
 * The text with every number token a double would change (see the rule above) wrapped in quotes;
 * the same string when there is none. Strings, keys and exact numbers are never touched.
 */
export function quoteInexactNumbers(text: string): string {
  return scanJson(text).text;
}

/**
 * The scan behind both exports: by char code, jumping over strings with `indexOf`, as it runs on
 * every answer, often megabytes long. Outside strings a colon only ever follows a key, so colons
 * count the members. A number followed by a colon stands where a key should: it is left as it is
 * for `JSON.parse` to refuse, as quoting it would make invalid text valid.
 */
function scanJson(text: string): { text: string; members: number } {
  let out = '';
  let last = 0;
  let members = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (code === COLON) {
      members++;
      continue;
    }
    if (code !== MINUS && (code < DIGIT_0 || code > DIGIT_9)) continue;
    // A number token. Up to 15 digits with at most one dot and no exponent, it stays as it is.
    let end = i + 1;
    let dots = 0;
    let exponent = false;
    for (; end < length; end++) {
      const next = text.charCodeAt(end);
      if (next >= DIGIT_0 && next <= DIGIT_9) continue;
      if (next === DOT) dots++;
      else if (next === LOWER_E || next === UPPER_E || next === PLUS || next === MINUS) {
        exponent = true;
      } else break;
    }
    const digits = end - i - dots - (code === MINUS ? 1 : 0);
    if (exponent || dots > 1 || digits > MAX_EXACT_DIGITS) {
      const token = text.slice(i, end);
      if (isInexactNumber(token) && !followedByColon(text, end)) {
        out += `${text.slice(last, i)}"${token}"`;
        last = end;
      }
    }
    i = end - 1;
  }
  return { text: last === 0 ? text : out + text.slice(last), members };
}

function followedByColon(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && text.charCodeAt(i) <= SPACE) i++;
  return text.charCodeAt(i) === COLON;
}

/**
 * How many keys the objects in a parsed value hold, all depths, without recursion. `for…in` is
 * the fastest enumeration, but also lists enumerable properties added to `Object.prototype` (the
 * prototype of every object `JSON.parse` makes): then own keys are counted instead.
 */
function countKeys(root: unknown): number {
  const ownKeysOnly = hasEnumerablePrototype();
  let count = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) pending.push(item);
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    if (ownKeysOnly) {
      for (const key of Object.keys(object)) {
        count++;
        pending.push(object[key]);
      }
      continue;
    }
    for (const key in object) {
      count++;
      const item = object[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return count;
}

function hasEnumerablePrototype(): boolean {
  for (const _ in {}) return true;
  return false;
}

/**
 * The first key repeated in an object of `text` (valid JSON), with its path in the dotted form of
 * every `ResponseShapeError` (`data.list.3.code`). Slow (a `Set` per object), so it runs only once
 * the counts say a key was repeated.
 */
function findDuplicateKey(text: string): { key: string; path: string } | undefined {
  const frames: { keys: Set<string> | undefined; key: string; index: number }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (code === QUOTE) {
      const end = endOfString(text, i);
      if (expectKey && top?.keys !== undefined) {
        const key = decodeKey(text, i + 1, end);
        if (top.keys.has(key)) {
          const outer = frames.slice(0, -1).map((frame) => (frame.keys ? frame.key : frame.index));
          return { key, path: [...outer, key].join('.') };
        }
        top.keys.add(key);
        top.key = key;
      }
      expectKey = false;
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      frames.push({ keys: code === OPEN_BRACE ? new Set() : undefined, key: '', index: 0 });
      expectKey = code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      frames.pop();
      expectKey = false;
    } else if (code === COMMA && top !== undefined) {
      if (top.keys) expectKey = true;
      else top.index++;
    }
  }
  return undefined;
}

/** The key whose text lies between `start` and `end` (its quotes excluded), unescaped. */
function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start - 1, end + 1)) as string) : raw;
}

/** More significant digits than this may not survive a double's round trip (DBL_DIG). */
const MAX_EXACT_DIGITS = 15;

const NUMBER_TOKEN = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Whether a number token would reach the caller as another value through a double (the rule at
 * the top of this file). A token that is not a JSON number is left for `JSON.parse` to refuse.
 */
function isInexactNumber(token: string): boolean {
  const match = NUMBER_TOKEN.exec(token);
  if (match === null) return false;
  const value = Number(token);
  if (!Number.isFinite(value)) return false;
  if (match[1] === undefined && match[2] === undefined) return !Number.isSafeInteger(value);
  return canonicalDecimal(token) !== canonicalDecimal(String(value));
}

/** A decimal numeral as `[-]digits e exponent` without leading or trailing zeros ("0" for zero). */
function canonicalDecimal(numeral: string): string {
  const negative = numeral.startsWith('-');
  const body = negative ? numeral.slice(1) : numeral;
  const e = body.search(/[eE]/);
  const mantissa = e < 0 ? body : body.slice(0, e);
  let exponent = e < 0 ? 0 : Number(body.slice(e + 1));
  const dot = mantissa.indexOf('.');
  let digits = mantissa;
  if (dot >= 0) {
    digits = mantissa.slice(0, dot) + mantissa.slice(dot + 1);
    exponent -= mantissa.length - dot - 1;
  }
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === DIGIT_0) first++;
  let end = digits.length;
  while (end > first && digits.charCodeAt(end - 1) === DIGIT_0) end--;
  if (first === end) return '0';
  exponent += digits.length - end;
  return `${negative ? '-' : ''}${digits.slice(first, end)}e${exponent}`;
}

const QUOTE = 34;
const BACKSLASH = 92;
const SPACE = 32;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/** Index of the quote closing the string opened at `start` (or the end of the text). */
function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
