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

/** Wraps long integer literals (outside strings, no fraction or exponent) in quotes. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== '-' && !(char !== undefined && char >= '0' && char <= '9')) continue;
    let end = i + 1;
    while (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) end++;
    const literal = text.slice(i, end);
    if (/^-?\d+$/.test(literal) && literal.replace('-', '').length >= LONG_INTEGER_DIGITS) {
      out += `${text.slice(last, i)}"${literal}"`;
      last = end;
    }
    i = end - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
