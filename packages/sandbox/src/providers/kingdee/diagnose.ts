/**
 * Signature-mistake diagnosis (issue #16): after a 4008, the sandbox re-signs the request the ways
 * real clients get docs/protocols/kingdee.md §4–§5.1 wrong, and names the one that reproduces the
 * signature the request carried. Runs only after a failure, over a fixed list of candidates.
 */
import {
  buildStringToSign,
  canonicalizeRawQuery,
  compareCodeUnits,
  constantTimeEqual,
  decodeRawQuery,
  gwEncode,
  type QueryParam,
  signStringToSign,
  splitRawQuery,
} from '@inv/kingdee-protocol';
import type { DiagnosedMistake, SignatureMistake } from '../../gateway/signature-mistake.js';

export interface KingdeeSignatureInput {
  method: string;
  path: string;
  rawQuery: string;
  nonce: string;
  timestamp: string;
  secret: string;
  /** The `app-token` header, when sent: a client may sign with it instead of the secret. */
  appToken: string | undefined;
  signature: string;
}

interface Candidate {
  mistake: SignatureMistake;
  /** The key the mistaken client signs with, when it is not the client_secret. */
  key?: string;
  /** The string-to-sign and key the mistaken client would have used; `undefined` if not applicable. */
  sign(input: KingdeeSignatureInput): { key: string; stringToSign: string } | undefined;
}

// encodeURIComponent keeps ! ' ( ) * ~, which gw_encode escapes; it writes a space as %20 (§4).
const encodeUriTwice = (text: string): string => encodeURIComponent(encodeURIComponent(text));
// Python's quote() keeps / and escapes ! ' ( ) * (safe='/').
const quote = (text: string): string =>
  Array.from(Buffer.from(text, 'utf8'), (byte) =>
    /[A-Za-z0-9\-_.~/]/.test(String.fromCharCode(byte)) && byte < 0x80
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');

const decoded = (rawQuery: string): QueryParam[] | undefined => {
  const result = decodeRawQuery(rawQuery);
  return result.ok ? result.params : undefined;
};

/** A canonical query built from the decoded parameters with `encode`, pairs sorted. */
const fromDecoded =
  (encode: (text: string) => string) =>
  (rawQuery: string): string | undefined =>
    decoded(rawQuery)
      ?.map(([key, value]) => `${encode(key)}=${encode(value)}`)
      .sort(compareCodeUnits)
      .join('&');

const withQuery =
  (canonical: (rawQuery: string) => string | undefined) =>
  (input: KingdeeSignatureInput): { key: string; stringToSign: string } | undefined => {
    const canonicalQuery = canonical(input.rawQuery);
    if (canonicalQuery === undefined) return undefined;
    return { key: input.secret, stringToSign: buildStringToSign({ ...input, canonicalQuery }) };
  };

/** `gw_encode` of each side of a raw pair's first `=` (§4), as the raw model does. */
const gwPair = (pair: string): string => {
  const at = pair.indexOf('=');
  return at === -1
    ? `${gwEncode(pair)}=`
    : `${gwEncode(pair.slice(0, at))}=${gwEncode(pair.slice(at + 1))}`;
};

const CANDIDATES: readonly Candidate[] = [
  {
    mistake: {
      name: 'double-encoded-values',
      hint: 'your client encodes query values twice with encodeURIComponent (or quote(quote(v))); build url_query with form_encode, then gw_encode each side once more (docs/protocols/kingdee.md §4)',
    },
    sign: withQuery(fromDecoded(encodeUriTwice)),
  },
  {
    mistake: {
      name: 'python-quote-twice',
      hint: "your client encodes query values twice with Python's quote(quote(v)); build url_query with form_encode, then gw_encode each side once more (docs/protocols/kingdee.md §4)",
    },
    sign: withQuery(fromDecoded((text) => quote(quote(text)))),
  },
  {
    mistake: {
      name: 'encode-uri-component',
      hint: 'your client encodes the query with encodeURIComponent once; canonical_query is gw_encode over form_encode, so a value is encoded twice (docs/protocols/kingdee.md §4)',
    },
    sign: withQuery(fromDecoded(encodeURIComponent)),
  },
  {
    mistake: {
      name: 'url-query-signed',
      hint: 'your client signs url_query as sent; canonical_query gw_encodes each side of every pair once more (docs/protocols/kingdee.md §4)',
    },
    sign: withQuery((rawQuery) => splitRawQuery(rawQuery).sort(compareCodeUnits).join('&')),
  },
  {
    mistake: {
      name: 'unsorted-query',
      hint: 'your client signs the query in the order it sends it; sort the pairs by code unit before signing (docs/protocols/kingdee.md §4)',
    },
    sign: withQuery((rawQuery) => splitRawQuery(rawQuery).map(gwPair).join('&')),
  },
  {
    mistake: {
      name: 'signed-with-app-token',
      hint: 'your client signs with the app-token instead of the client_secret (docs/protocols/kingdee.md §5.1)',
    },
    key: 'app-token',
    sign: (input) =>
      input.appToken === undefined || input.appToken === ''
        ? undefined
        : {
            key: input.appToken,
            stringToSign: buildStringToSign({
              ...input,
              canonicalQuery: canonicalizeRawQuery(input.rawQuery),
            }),
          },
  },
  {
    mistake: {
      name: 'missing-final-newline',
      hint: 'your client leaves out the final newline after the x-api-timestamp line (docs/protocols/kingdee.md §5.1)',
    },
    sign: (input) => ({
      key: input.secret,
      stringToSign: buildStringToSign({
        ...input,
        canonicalQuery: canonicalizeRawQuery(input.rawQuery),
      }).slice(0, -1),
    }),
  },
  {
    mistake: {
      name: 'header-lines-swapped',
      hint: 'your client writes the x-api-timestamp line before x-api-nonce; the lines are sorted, nonce first (docs/protocols/kingdee.md §5.1)',
    },
    sign: (input) => {
      const { method, path, nonce, timestamp } = input;
      return {
        key: input.secret,
        stringToSign:
          `${method.toUpperCase()}\n${gwEncode(path)}\n${canonicalizeRawQuery(input.rawQuery)}\n` +
          `x-api-timestamp:${timestamp}\nx-api-nonce:${nonce}\n`,
      };
    },
  },
];

/**
 * The first listed mistake that reproduces `input.signature`, with the string-to-sign it signed
 * (no secret: the key is not part of it), or `undefined`.
 */
export function diagnoseKingdeeSignature(
  input: KingdeeSignatureInput,
): DiagnosedMistake | undefined {
  for (const candidate of CANDIDATES) {
    const signed = candidate.sign(input);
    if (signed === undefined) continue;
    if (constantTimeEqual(input.signature, signStringToSign(signed.key, signed.stringToSign))) {
      return { ...candidate.mistake, stringToSign: signed.stringToSign, key: candidate.key };
    }
  }
  return undefined;
}
