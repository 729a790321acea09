import { DuplicateKeyError, ExactJsonError } from './exact-json-error.js';
import { endOfString, findDuplicateKey, firstTooDeep, pathAt } from './json-structure.js';

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

/** Options of {@link parseExactJson}. Without any, it reads gateway answers. */
export interface ExactJsonOptions {
  /** Provider id a refusal is attributed to (the error's `provider`, and its message). */
  provider?: string | undefined;
  /**
   * What becomes of a number token a double would change. `'text'` (the default): it arrives as a
   * string holding its source text. `'refuse'`: the text is refused with an {@link ExactJsonError}
   * (`rule: 'inexact-number'`) naming the first such token and its path, and so is a token beyond
   * the double range (`1e400`), which `'text'` leaves `±Infinity`. For text someone sends to be
   * stored and served back as numbers, such as the sandbox's admin bodies.
   */
  inexact?: 'text' | 'refuse' | undefined;
  /**
   * The deepest nesting of arrays and objects accepted (the outermost is depth 1); deeper text is
   * refused with an {@link ExactJsonError} (`rule: 'max-depth'`) naming where. Default: no limit.
   */
  maxDepth?: number | undefined;
}

/**
 * `JSON.parse` for gateway answers: numbers a double cannot hold exactly arrive as their source
 * text (a string), the others as numbers; an object with two equal keys, at any depth, throws a
 * {@link DuplicateKeyError} naming the key and its path. Text that is not JSON throws
 * `JSON.parse`'s `SyntaxError`, which takes precedence over every refusal. No recursion: any
 * depth `JSON.parse` accepts is accepted unless `maxDepth` says otherwise. The options' refusals
 * ({@link ExactJsonOptions}) cost nothing when not asked for: no further pass over the text.
 */
export function parseExactJson(text: string, options?: ExactJsonOptions): unknown {
  const scan = scanJson(text);
  const value: unknown = JSON.parse(scan.text);
  if (options !== undefined) checkRules(text, scan.refusable, options);
  if (scan.members !== countKeys(value)) {
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined) {
      throw new DuplicateKeyError(duplicate, { provider: options?.provider });
    }
  }
  return value;
}

/**
 * The refusals the options ask for, in valid JSON text: the number token at `refusable` (-1: none)
 * with `inexact: 'refuse'`, then a container deeper than `maxDepth`. Off the default path.
 */
function checkRules(text: string, refusable: number, options: ExactJsonOptions): void {
  const provider = options.provider;
  if (options.inexact === 'refuse' && refusable >= 0) {
    let end = refusable + 1;
    while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
    const token = text.slice(refusable, end);
    throw new ExactJsonError(
      { rule: 'inexact-number', path: pathAt(text, refusable), message: inexactReason(token) },
      { provider },
    );
  }
  if (options.maxDepth !== undefined) {
    const deep = firstTooDeep(text, options.maxDepth);
    if (deep >= 0) {
      throw new ExactJsonError(
        {
          rule: 'max-depth',
          path: pathAt(text, deep),
          message: `nested deeper than ${options.maxDepth} levels of arrays and objects`,
        },
        { provider },
      );
    }
  }
}

/** Why a refused number token cannot be read as a number, and what the sender should do. */
function inexactReason(token: string): string {
  const value = Number(token);
  const shown = token.length > 40 ? `${token.slice(0, 40)}… (${token.length} characters)` : token;
  const why =
    String(value) === token
      ? `the integer ${shown} is beyond ±(2^53 − 1), where a double cannot tell it from its neighbours`
      : `the number ${shown} would be read as ${value}`;
  return `${why}; send it as a string (JSON numbers are read as 64-bit floats)`;
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
 * for `JSON.parse` to refuse, as quoting it would make invalid text valid. `refusable` is where
 * the first token that is not {@link EXACT} starts (-1: none), for `inexact: 'refuse'`.
 */
function scanJson(text: string): { text: string; members: number; refusable: number } {
  let out = '';
  let last = 0;
  let members = 0;
  let refusable = -1;
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
      const kind = classifyNumber(token);
      if (kind !== EXACT && !followedByColon(text, end)) {
        if (refusable < 0) refusable = i;
        if (kind === INEXACT) {
          out += `${text.slice(last, i)}"${token}"`;
          last = end;
        }
      }
    }
    i = end - 1;
  }
  return { text: last === 0 ? text : out + text.slice(last), members, refusable };
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

/** More significant digits than this may not survive a double's round trip (DBL_DIG). */
const MAX_EXACT_DIGITS = 15;

const NUMBER_TOKEN = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A token a double holds exactly, or that is not a JSON number (`JSON.parse` refuses it). */
const EXACT = 0;
/** A finite token a double would change (the rule at the top of this file): given as text. */
const INEXACT = 1;
/** A token beyond the double range: left `±Infinity`, or refused with `inexact: 'refuse'`. */
const OVERFLOW = 2;

/** Which of {@link EXACT}, {@link INEXACT} and {@link OVERFLOW} a number token is. */
function classifyNumber(token: string): number {
  const match = NUMBER_TOKEN.exec(token);
  if (match === null) return EXACT;
  const value = Number(token);
  if (!Number.isFinite(value)) return OVERFLOW;
  if (match[1] === undefined && match[2] === undefined) {
    return Number.isSafeInteger(value) ? EXACT : INEXACT;
  }
  return canonicalDecimal(token) === canonicalDecimal(String(value)) ? EXACT : INEXACT;
}

function isNumberChar(code: number): boolean {
  return (
    (code >= DIGIT_0 && code <= DIGIT_9) ||
    code === DOT ||
    code === MINUS ||
    code === PLUS ||
    code === LOWER_E ||
    code === UPPER_E
  );
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

// Declared here, not imported from a shared module like json-structure.ts's: the scan above reads
// them per character, and imported bindings measured 5–15% slower there (cpuUsage, 100k-row
// Winit and Kingdee answers, interleaved, both orders).
const QUOTE = 34;
const SPACE = 32;
const COLON = 58;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_E = 101;
const UPPER_E = 69;
