/**
 * Walks of valid JSON text's structure for `parseExactJson`, off its default path: naming where a
 * repeated key, a refused number or a too deep container sits (run only once there is one), and
 * finding nesting deeper than `maxDepth` (run only when asked for). Each is one pass over the
 * text, by char code, without recursion.
 */

/** A path segment of an open container: an array's current index or an object's current key. */
interface Frame {
  /** The keys seen so far, for objects when duplicates are looked for; `undefined` for arrays. */
  keys: Set<string> | undefined;
  array: boolean;
  index: number;
  /** Where the current key's text lies (quotes excluded); decoded only to name a path. */
  keyStart: number;
  keyEnd: number;
}

/** Joins the frames into the dotted path of every `ResponseShapeError` (`data.list.3.code`). */
function pathOf(text: string, frames: readonly Frame[]): string {
  return frames
    .map((frame) =>
      frame.array ? String(frame.index) : decodeKey(text, frame.keyStart, frame.keyEnd),
    )
    .join('.');
}

/**
 * Walks `text` (valid JSON) until `target`, an index where a value starts (-1: to the end), or
 * until `onKey`, called at each key with the object it belongs to, returns true. Returns the
 * frames open where the walk stopped, or `undefined` when it reached the end.
 */
function walk(text: string, target: number, onKey?: (top: Frame) => boolean): Frame[] | undefined {
  const frames: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    if (i === target) return frames;
    const code = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (code === QUOTE) {
      const end = endOfString(text, i);
      if (expectKey && top !== undefined) {
        top.keyStart = i + 1;
        top.keyEnd = end;
        if (onKey?.(top)) return frames;
      }
      expectKey = false;
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const array = code === OPEN_BRACKET;
      frames.push({
        keys: onKey !== undefined && !array ? new Set() : undefined,
        array,
        index: 0,
        keyStart: 0,
        keyEnd: 0,
      });
      expectKey = !array;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      frames.pop();
      expectKey = false;
    } else if (code === COMMA && top !== undefined) {
      if (top.array) top.index++;
      else expectKey = true;
    }
  }
  return undefined;
}

/**
 * The first key repeated in an object of `text` (valid JSON), unescaped, with its path. Slow (a
 * `Set` per object), so it runs only once the counts say a key was repeated.
 */
export function findDuplicateKey(text: string): { key: string; path: string } | undefined {
  let repeated = '';
  const frames = walk(text, -1, (top) => {
    repeated = decodeKey(text, top.keyStart, top.keyEnd);
    if (top.keys?.has(repeated)) return true;
    top.keys?.add(repeated);
    return false;
  });
  return frames === undefined ? undefined : { key: repeated, path: pathOf(text, frames) };
}

/** The dotted path of the value starting at `index` of `text` (valid JSON); `''` for the root. */
export function pathAt(text: string, index: number): string {
  return pathOf(text, walk(text, index) ?? []);
}

/**
 * Where the first array or object nested deeper than `maxDepth` opens in `text`, or -1. The
 * outermost container is at depth 1.
 */
export function firstTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = endOfString(text, i);
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) return i;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return -1;
}

/** The key whose text lies between `start` and `end` (its quotes excluded), unescaped. */
function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start - 1, end + 1)) as string) : raw;
}

/** Index of the quote closing the string opened at `start` (or the end of the text). */
export function endOfString(text: string, start: number): number {
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

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
