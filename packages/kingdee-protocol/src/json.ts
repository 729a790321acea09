/**
 * JSON parsing that keeps integers beyond 2^53 exact. JDY ids are 19-digit snowflakes
 * (protocols/kingdee.md §11.2); should one arrive as a JSON number, `JSON.parse` would silently
 * round it to another id. Integer literals of 16 or more digits outside strings are turned into
 * strings holding the original digits before parsing, so the text is kept, never a rounded number.
 */
export function parseJsonPreservingIntegers(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

const LONG_INTEGER_DIGITS = 16;

/**
 * In valid JSON a number follows `:`, `,`, `[`, whitespace or the start of the text; ids sent as
 * strings (as JDY usually does) follow a quote. When nothing like a long number follows one of
 * those, no long integer literal can be outside a string: one regex search, about 2.5× faster than
 * the scan, settles most answers.
 */
const LONG_INTEGER_CANDIDATE = new RegExp(`(?:^|[:,[\\s])-?\\d{${LONG_INTEGER_DIGITS}}`);

/** Wraps long integer literals (outside strings, no fraction or exponent) in quotes. */
export function quoteLongIntegers(text: string): string {
  return LONG_INTEGER_CANDIDATE.test(text) ? scanLongIntegers(text) : text;
}

/**
 * The scan behind {@link quoteLongIntegers}, exported for its tests. Scans by char code and jumps
 * over strings with `indexOf`: this runs on every answer, often megabytes long.
 */
export function scanLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (code !== MINUS && (code < DIGIT_0 || code > DIGIT_9)) continue;
    let end = i + 1;
    let integer = true;
    while (end < length) {
      const next = text.charCodeAt(end);
      if (next >= DIGIT_0 && next <= DIGIT_9) end++;
      else if (
        next === DOT ||
        next === LOWER_E ||
        next === UPPER_E ||
        next === PLUS ||
        next === MINUS
      ) {
        integer = false;
        end++;
      } else break;
    }
    const digits = end - i - (code === MINUS ? 1 : 0);
    if (integer && digits >= LONG_INTEGER_DIGITS) {
      out += `${text.slice(last, i)}"${text.slice(i, end)}"`;
      last = end;
    }
    i = end - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

const QUOTE = 34;
const BACKSLASH = 92;
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
