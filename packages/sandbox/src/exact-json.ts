/** Deepest nesting of arrays and objects an admin body may have (a dataset row sits at depth 4). */
export const MAX_JSON_DEPTH = 64;

export type ExactJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; issues: string[] };

/**
 * Parses JSON text for the admin routes and dataset files, refusing what `JSON.parse` would change
 * silently or what the sandbox could not serve back: a number that does not survive as a double
 * (`9007199254740993`, `1e400`, `0.1000000000000000055511151231257827`) and nesting deeper than
 * {@link MAX_JSON_DEPTH} (which `JSON.stringify` of the dataset and the answers could not take).
 * Issues name the field path. One linear scan after `JSON.parse`, without recursion.
 */
export function parseJsonExactly(text: string): ExactJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `body is not valid JSON: ${(error as Error).message}`,
      issues: [],
    };
  }
  const issue = scan(text);
  return issue === undefined
    ? { ok: true, value }
    : { ok: false, message: `body cannot be read exactly: ${issue}`, issues: [issue] };
}

/** An open array (its current index) or object (where its current key's text lies). */
interface Frame {
  array: boolean;
  index: number;
  keyStart: number;
  keyEnd: number;
}

/** The first problem in valid JSON text, as `path: reason`, or undefined. */
function scan(text: string): string | undefined {
  const frames: Frame[] = [];
  // Keys are decoded only to name a problem: a large dataset has millions of them.
  const path = (): string =>
    frames
      .map((frame) =>
        frame.array
          ? String(frame.index)
          : (JSON.parse(text.slice(frame.keyStart, frame.keyEnd + 1)) as string),
      )
      .join('.') || '(root)';
  // Inside an object, the next string is a key until its ':' is seen.
  let expectKey = false;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x22 /* " */) {
      const end = stringEnd(text, at);
      if (expectKey) {
        const frame = frames[frames.length - 1] as Frame;
        frame.keyStart = at;
        frame.keyEnd = end;
        expectKey = false;
      }
      at = end;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (frames.length === MAX_JSON_DEPTH) {
        return `${path()}: nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`;
      }
      const array = char === 0x5b;
      frames.push({ array, index: 0, keyStart: 0, keyEnd: 1 });
      expectKey = !array;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      frames.pop();
    } else if (char === 0x2c /* , */) {
      const frame = frames[frames.length - 1] as Frame;
      if (frame.array) frame.index++;
      else expectKey = true;
    } else if (char === 0x2d /* - */ || (char >= 0x30 && char <= 0x39)) {
      let end = at + 1;
      while (end < text.length && /[-+.eE\d]/.test(text[end] as string)) end++;
      const literal = text.slice(at, end);
      const problem = inexact(literal);
      if (problem) return `${path()}: ${problem}`;
      at = end - 1;
    }
  }
  return undefined;
}

/** Index of the closing quote of the string starting at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; ; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x5c /* \ */) at++;
    else if (char === 0x22) return at;
  }
}

const SHORT_INTEGER = /^-?\d{1,15}$/;

/** Why a JSON number literal does not survive as a double, or undefined when it does. */
function inexact(literal: string): string | undefined {
  if (SHORT_INTEGER.test(literal)) return undefined;
  const value = Number(literal);
  if (Number.isFinite(value) && normalise(String(value)) === normalise(literal)) return undefined;
  const shown =
    literal.length > 40 ? `${literal.slice(0, 40)}… (${literal.length} characters)` : literal;
  return `the number ${shown} would be read as ${value}; send it as a string (the sandbox reads numbers as 64-bit floats)`;
}

/** A decimal literal as `sign digits e exponent` without leading or trailing zeros. */
function normalise(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) return literal;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let digits = whole + fraction;
  let scale = Number(exponent) - fraction.length;
  let start = 0;
  while (start < digits.length && digits[start] === '0') start++;
  digits = digits.slice(start);
  if (digits === '') return '0';
  let end = digits.length;
  while (digits[end - 1] === '0') end--;
  scale += digits.length - end;
  return `${sign}${digits.slice(0, end)}e${scale}`;
}
