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
  let separators = 0;
  for (let i = 0; i < joined.length; i++) {
    const code = joined.charCodeAt(i);
    if (code === PIPE) separators++;
    else if (code >= 128 || UNRESERVED[code] === 0) return escapeEach(parts);
  }
  // More separators than parts need: some part holds a `|` of its own, which must be escaped.
  return separators === parts.length - 1 ? joined : escapeEach(parts);
}

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

const PIPE = 124;

/** 1 for the ASCII characters `encodeURIComponent` leaves as they are: `A-Z a-z 0-9 - _ . ! ~ * ' ( )`. */
const UNRESERVED = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const char = String.fromCharCode(code);
  UNRESERVED[code] = encodeURIComponent(char) === char ? 1 : 0;
}
