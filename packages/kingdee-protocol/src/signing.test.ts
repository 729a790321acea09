import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildUrlQuery,
  canonicalizeDecodedQuery,
  canonicalizeRawQuery,
  formDecode,
  formEncode,
  gwEncode,
} from './encoding.js';
import {
  buildStringToSign,
  computeAppSignature,
  constantTimeEqual,
  hmacSha256Hex,
  randomNonce,
  signRequest,
  signStringToSign,
  stringToSignParts,
} from './signing.js';

interface Variant {
  url_query: string;
  canonical_query: string;
  signature: string;
  accepted_by_raw_model: boolean;
  accepted_by_decoded_model: boolean;
}
interface Vector {
  id: string;
  kind: 'app_signature' | 'x_api_signature';
  input: Record<string, unknown> & {
    client_id?: string;
    client_secret?: string;
    method?: 'GET' | 'POST';
    path?: string;
    query?: Record<string, string>;
    nonce?: string;
    timestamp?: string;
    app_token?: string;
    domain?: string;
    app_key?: string;
    app_secret?: string;
  };
  expected: Record<string, string> & { headers?: Record<string, string> };
  must_not_match?: Record<string, string>;
  non_official_variants?: Record<string, Variant>;
}

// Known-answer vectors (docs/protocols/kingdee.md §12), copied as published into test/fixtures/.
const file = new URL('../test/fixtures/kingdee-vectors.json', import.meta.url);
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] };
const signatureVectors = vectors.filter((v) => v.kind === 'x_api_signature');

describe('known-answer vectors (protocols/kingdee-vectors.json)', () => {
  it('loads every vector', () => {
    expect(vectors.length).toBe(11);
    expect(signatureVectors.length).toBe(10);
  });

  it('doc-app-signature: app_signature and its hmac_hex', () => {
    const vector = vectors.find((v) => v.id === 'doc-app-signature') as Vector;
    const { app_key, app_secret } = vector.input as { app_key: string; app_secret: string };
    expect(hmacSha256Hex(app_secret, app_key)).toBe(vector.expected.hmac_hex);
    expect(computeAppSignature(app_secret, app_key)).toBe(vector.expected.app_signature);
  });

  describe.each(signatureVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const input = vector.input;
    const signed = signRequest({
      clientId: input.client_id as string,
      clientSecret: input.client_secret as string,
      method: input.method as 'GET' | 'POST',
      path: input.path as string,
      query: Object.entries(input.query ?? {}),
      nonce: input.nonce as string,
      timestamp: input.timestamp as string,
      appToken: input.app_token,
      domain: input.domain,
    });

    it('builds url_query, url and canonical_query', () => {
      expect(signed.urlQuery).toBe(vector.expected.url_query);
      expect(signed.url).toBe(vector.expected.url);
      expect(signed.canonicalQuery).toBe(vector.expected.canonical_query);
      expect(gwEncode(input.path as string)).toBe(vector.expected.path_encoded);
    });

    it('builds string_to_sign, hmac_hex and signature', () => {
      expect(signed.stringToSign).toBe(vector.expected.string_to_sign);
      expect(signed.hmacHex).toBe(vector.expected.hmac_hex);
      expect(signed.signature).toBe(vector.expected.signature);
      expect(signed.signature).toHaveLength(88);
    });

    it('sends exactly the expected headers', () => {
      expect(signed.headers).toEqual(vector.expected.headers);
    });

    it('rebuilds canonical_query from url_query under both sandbox models', () => {
      expect(canonicalizeRawQuery(vector.expected.url_query as string)).toBe(
        vector.expected.canonical_query,
      );
      expect(canonicalizeDecodedQuery(vector.expected.url_query as string)).toEqual({
        ok: true,
        canonicalQuery: vector.expected.canonical_query,
      });
    });

    it('does not depend on the order the pairs arrive in', () => {
      const reversed = (vector.expected.url_query as string).split('&').reverse().join('&');
      expect(canonicalizeRawQuery(reversed)).toBe(vector.expected.canonical_query);
    });

    if (vector.must_not_match) {
      it('differs from the must_not_match values', () => {
        const withoutNewline = signStringToSign(
          input.client_secret as string,
          (vector.expected.string_to_sign as string).slice(0, -1),
        );
        expect(withoutNewline).toBe(vector.must_not_match?.signature_without_trailing_newline);
        expect(signed.signature).not.toBe(withoutNewline);
      });
    }

    for (const [name, variant] of Object.entries(vector.non_official_variants ?? {})) {
      it(`non-official variant ${name}: flags of both models hold`, () => {
        const stringToSign = buildStringToSign({
          method: input.method as string,
          path: input.path as string,
          canonicalQuery: variant.canonical_query,
          nonce: input.nonce as string,
          timestamp: input.timestamp as string,
        });
        expect(signStringToSign(input.client_secret as string, stringToSign)).toBe(
          variant.signature,
        );
        expect(canonicalizeRawQuery(variant.url_query) === variant.canonical_query).toBe(
          variant.accepted_by_raw_model,
        );
        const decoded = canonicalizeDecodedQuery(variant.url_query);
        expect(decoded.ok && decoded.canonicalQuery === variant.canonical_query).toBe(
          variant.accepted_by_decoded_model,
        );
        expect(variant.signature).not.toBe(vector.expected.signature);
      });
    }
  });
});

describe('encoders', () => {
  it('differ only on * and ~', () => {
    expect(gwEncode('a b*~!')).toBe('a+b%2A~%21');
    expect(formEncode('a b*~!')).toBe('a+b*%7E%21');
    expect(formEncode('商')).toBe('%E5%95%86');
  });

  it('encode every string exactly as the byte-level rule says (plain texts included)', () => {
    // The rule of §4, byte by byte, as the oracle.
    const rule = (text: string, keep: string): string =>
      [...Buffer.from(text, 'utf8')]
        .map((byte) => {
          const char = String.fromCharCode(byte);
          if (/[A-Za-z0-9]/.test(char) || keep.includes(char)) return char;
          return byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        })
        .join('');
    const texts = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aZ09-_.~*+% &=[],商') }),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(gwEncode(text)).toBe(rule(text, '-_.~'));
        expect(formEncode(text)).toBe(rule(text, '-_.*'));
        expect(formDecode(formEncode(text))).toEqual({ ok: true, value: text });
        expect(formDecode(gwEncode(text))).toEqual({ ok: true, value: text });
      }),
      { numRuns: 2000 },
    );
  });

  it('form-decodes what form_encode produced, and reports malformed input', () => {
    const text = "A&B=1+1 *~!'()%/商品";
    expect(formDecode(formEncode(text))).toEqual({ ok: true, value: text });
    expect(formDecode('%ZZ')).toMatchObject({ ok: false, reason: expect.stringContaining('%ZZ') });
    expect(formDecode('abc%')).toMatchObject({ ok: false });
    expect(formDecode('%FF%FE')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('UTF-8'),
    });
  });

  it('sorts whole pair strings, so repeated keys keep a stable order', () => {
    expect(
      buildUrlQuery([
        ['ids', '2'],
        ['ids', '1'],
        ['a', 'x'],
      ]),
    ).toBe('a=x&ids=1&ids=2');
    expect(buildUrlQuery([])).toBe('');
  });
});

describe('helpers', () => {
  it('compares in constant time whatever the lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });

  it('draws 16-digit positive nonces, distinct over many draws', () => {
    for (let i = 0; i < 50; i++) expect(randomNonce()).toMatch(/^[1-9]\d{15}$/);
    expect(new Set(Array.from({ length: 100_000 }, randomNonce)).size).toBe(100_000);
  });
});

describe('stringToSignParts', () => {
  it('names the lines of §5.1 that build the string-to-sign', () => {
    const input = {
      method: 'get',
      path: '/jdy/v2/scm/inventory',
      canonicalQuery: 'page=1',
      nonce: '7',
      timestamp: '1700000000000',
    };
    const parts = stringToSignParts(input);
    expect(parts.map((part) => [part.name, part.value])).toEqual([
      ['method', 'GET'],
      ['path', '%2Fjdy%2Fv2%2Fscm%2Finventory'],
      ['canonical_query', 'page=1'],
      ['x-api-nonce', '7'],
      ['x-api-timestamp', '1700000000000'],
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(buildStringToSign(input));
  });
});
