/**
 * The two percent-encoders of the Kingdee gateway and the query canonicalisation built on them
 * (docs/protocols/kingdee.md §4). Both encoders work on UTF-8 bytes, write uppercase hex and turn a
 * space into `+`, exactly as the official Java SDK's `GwURLEncoder` and `java.net.URLEncoder` do.
 */

const HEX = Array.from(
  { length: 256 },
  (_, byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
);

const isAlphaNumeric = (byte: number): boolean =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a);

// gw_encode keeps - _ . ~ ; form_encode keeps - _ . * (docs/protocols/kingdee.md §4).
const GW_KEEP = new Set([0x2d, 0x5f, 0x2e, 0x7e]);
const FORM_KEEP = new Set([0x2d, 0x5f, 0x2e, 0x2a]);

function percentEncode(text: string, keep: ReadonlySet<number>): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (isAlphaNumeric(byte) || keep.has(byte)) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += '+';
    else out += HEX[byte];
  }
  return out;
}

// Texts made only of kept characters encode to themselves: most keys and values (names, digits),
// which then skip the UTF-8 byte loop on every signature.
const GW_PLAIN = /^[A-Za-z0-9\-_.~]*$/;
const FORM_PLAIN = /^[A-Za-z0-9\-_.*]*$/;

/** `gw_encode`: keeps `A–Z a–z 0–9 - _ . ~`, space → `+`, every other UTF-8 byte → `%XX`. */
export function gwEncode(text: string): string {
  return GW_PLAIN.test(text) ? text : percentEncode(text, GW_KEEP);
}

/** `form_encode` (`java.net.URLEncoder`, WHATWG form serialisation): keeps `* ` instead of `~`. */
export function formEncode(text: string): string {
  return FORM_PLAIN.test(text) ? text : percentEncode(text, FORM_KEEP);
}

// ASCII without `%` and `+` decodes to itself.
const DECODED_PLAIN = /^[^%+\u0080-\uffff]*$/;

/** Outcome of decoding untrusted text: never throws. */
export type DecodeResult = { ok: true; value: string } | { ok: false; reason: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Form-decodes one key or value (`+` → space, `%XX` → byte, bytes read as UTF-8). Malformed
 * escapes and invalid UTF-8 are reported, not thrown, so a verifier can answer with the reason.
 */
export function formDecode(text: string): DecodeResult {
  if (DECODED_PLAIN.test(text)) return { ok: true, value: text };
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x2b) {
      bytes.push(0x20);
    } else if (char === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        return {
          ok: false,
          reason: `invalid percent-encoding "%${hex}" at character ${i + 1}: expected % followed by two hex digits`,
        };
      }
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  try {
    return { ok: true, value: UTF8.decode(Uint8Array.from(bytes)) };
  } catch {
    return { ok: false, reason: 'percent-encoded bytes are not valid UTF-8' };
  }
}

/** One query parameter with its decoded key and value, as the caller means them. */
export type QueryParam = readonly [key: string, value: string];

/**
 * `url_query`: `gw_encode(k)=form_encode(v)` per parameter, pair strings sorted by code unit (the
 * whole pair, as the Java SDK sorts), joined with `&`. `""` when there are no parameters.
 */
export function buildUrlQuery(params: Iterable<QueryParam>): string {
  const pairs = [...params].map(([key, value]) => `${gwEncode(key)}=${formEncode(value)}`);
  return pairs.sort(compareCodeUnits).join('&');
}

/** Plain code-unit order, as `String.compareTo` in Java (never locale-aware). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Splits raw query text into its `&`-separated pair strings, dropping empty ones (`a=1&&b=2`). */
export function splitRawQuery(rawQuery: string): string[] {
  const text = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  return text === '' ? [] : text.split('&').filter((pair) => pair !== '');
}

/**
 * `canonical_query` from query text **as received** (the raw model of §5.3, also how a client turns
 * its own `url_query` into the signed form): sort the raw pair strings, `gw_encode` each side of the
 * first `=`. Never depends on the order the pairs arrived in.
 */
export function canonicalizeRawQuery(rawQuery: string): string {
  return splitRawQuery(rawQuery)
    .sort(compareCodeUnits)
    .map((pair) => {
      const at = pair.indexOf('=');
      const left = at === -1 ? pair : pair.slice(0, at);
      const right = at === -1 ? '' : pair.slice(at + 1);
      return `${gwEncode(left)}=${gwEncode(right)}`;
    })
    .join('&');
}

/** Decodes raw query text into parameters, in received order; the first malformed part is reported. */
export function decodeRawQuery(
  rawQuery: string,
): { ok: true; params: QueryParam[] } | { ok: false; reason: string } {
  const params: QueryParam[] = [];
  for (const pair of splitRawQuery(rawQuery)) {
    const at = pair.indexOf('=');
    const key = formDecode(at === -1 ? pair : pair.slice(0, at));
    if (!key.ok) return { ok: false, reason: `query key "${truncate(pair)}": ${key.reason}` };
    const value = formDecode(at === -1 ? '' : pair.slice(at + 1));
    if (!value.ok) {
      return { ok: false, reason: `query parameter "${truncate(key.value)}": ${value.reason}` };
    }
    params.push([key.value, value.value]);
  }
  return { ok: true, params };
}

/**
 * `canonical_query` under the decoded model (`strictDecode` in the sandbox, §5.3): form-decode what
 * was received, then rebuild `url_query` and canonicalise it, so only the official encoding matches.
 */
export function canonicalizeDecodedQuery(
  rawQuery: string,
): { ok: true; canonicalQuery: string } | { ok: false; reason: string } {
  const decoded = decodeRawQuery(rawQuery);
  if (!decoded.ok) return decoded;
  return { ok: true, canonicalQuery: canonicalizeRawQuery(buildUrlQuery(decoded.params)) };
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
