/**
 * The key of an inventory position built from the fields that identify it (warehouse, product,
 * batch, …): each part `encodeURIComponent`-escaped, joined with `|`, so a `|` inside a part can
 * never make two positions collide. `null` and `undefined` parts count as empty.
 *
 * Both providers build a key per row, by the hundred thousand per sync, and their parts are
 * nearly always plain codes (`US0001`, `SKU000123`) that escaping leaves as they are. A call to
 * `encodeURIComponent` costs far more than checking a code's characters (bench/RESULTS.md, client
 * overhead), so the joined text is checked once and returned when no part needs escaping; only
 * then are the parts escaped one by one. The result is the same string either way.
 */
export function joinKeyParts(parts: readonly (string | null | undefined)[]): string {
  // `join` writes `null` and `undefined` as empty parts.
  const joined = parts.join('|');
  return parts.length > 0 && plainKey(parts.length).test(joined) ? joined : escapeEach(parts);
}

/**
 * Matches a joined key of `count` parts that escaping leaves as it is: only the characters
 * `encodeURIComponent` keeps, and exactly `count - 1` separators (one more means a part holds a
 * `|` of its own, which must be escaped). One regex test of the joined text costs less than a
 * loop over its characters. Part counts come from the providers' code, so the cache stays small.
 */
function plainKey(count: number): RegExp {
  let pattern = PLAIN_KEYS.get(count);
  if (pattern === undefined) {
    pattern = new RegExp(`^${UNRESERVED}*(?:\\|${UNRESERVED}*){${count - 1}}$`);
    PLAIN_KEYS.set(count, pattern);
  }
  return pattern;
}

/** The characters `encodeURIComponent` leaves as they are: `A-Z a-z 0-9 - _ . ! ~ * ' ( )`. */
const UNRESERVED = "[A-Za-z0-9_.!~*'()-]";
const PLAIN_KEYS = new Map<number, RegExp>();

function escapeEach(parts: readonly (string | null | undefined)[]): string {
  return parts.map((part) => escapePart(part ?? '')).join('|');
}

/**
 * `encodeURIComponent`, which throws a `URIError` on a lone surrogate (half of a UTF-16 pair, as a
 * broken or hostile answer may carry). Each lone surrogate is written `%uXXXX` instead: escaping
 * never writes `%u` (`u` is no hex digit, and a `%` of the part itself becomes `%25`), so the key
 * stays unambiguous, and two different parts never share a key.
 */
function escapePart(part: string): string {
  if (!LONE_SURROGATE.test(part)) return encodeURIComponent(part);
  let escaped = '';
  let from = 0;
  for (const match of part.matchAll(LONE_SURROGATES)) {
    const unit = part.charCodeAt(match.index).toString(16).toUpperCase();
    escaped += `${encodeURIComponent(part.slice(from, match.index))}%u${unit}`;
    from = match.index + 1;
  }
  return escaped + encodeURIComponent(part.slice(from));
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LONE_SURROGATE = new RegExp(LONE_SURROGATES.source);
