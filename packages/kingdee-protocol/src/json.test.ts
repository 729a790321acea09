import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonPreservingIntegers, quoteLongIntegers, scanLongIntegers } from './json.js';

describe('parseJsonPreservingIntegers', () => {
  it('keeps 19-digit ids that arrive as JSON numbers as their exact text', () => {
    const parsed = parseJsonPreservingIntegers(
      '{"id":1700000000000000001,"ids":[1700000000000000003, -1234567890123456789],"qty":12.5,"n":42}',
    );
    expect(parsed).toEqual({
      id: '1700000000000000001',
      ids: ['1700000000000000003', '-1234567890123456789'],
      qty: 12.5,
      n: 42,
    });
  });

  it('never touches digits inside strings, escaped quotes included', () => {
    const text = '{"a":"x\\":1700000000000000001","b":"1700000000000000002"}';
    expect(quoteLongIntegers(text)).toBe(text);
    expect(parseJsonPreservingIntegers(text)).toEqual({
      a: 'x":1700000000000000001',
      b: '1700000000000000002',
    });
  });

  it('leaves long decimals and exponents as numbers', () => {
    expect(parseJsonPreservingIntegers('[1234567890123456.5, 1e21]')).toEqual([
      1234567890123456.5, 1e21,
    ]);
  });
});

describe('quoteLongIntegers and escapes', () => {
  it('never touches digits inside strings, whatever the backslashes before a quote', () => {
    const text =
      '{"a":"x\\\\","b":1234567890123456789,"c":"y\\"1234567890123456789\\"","d":"\\\\\\"","e":-9234567890123456789,"f":12345678901234567.5,"g":1e1234567890123456}';
    expect(quoteLongIntegers(text)).toBe(
      '{"a":"x\\\\","b":"1234567890123456789","c":"y\\"1234567890123456789\\"","d":"\\\\\\"","e":"-9234567890123456789","f":12345678901234567.5,"g":1e1234567890123456}',
    );
    expect(parseJsonPreservingIntegers(text)).toMatchObject({
      b: '1234567890123456789',
      c: 'y"1234567890123456789"',
    });
  });
});

describe('quoteLongIntegers pre-check', () => {
  const longInteger = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String);
  /** JSON texts with long integers as numbers and as strings, pretty-printed or not. */
  const jsonText = fc
    .tuple(
      fc.jsonValue(),
      fc.array(fc.tuple(longInteger, fc.boolean()), { maxLength: 3 }),
      fc.constantFrom(0, 2),
    )
    .map(([value, ids, indent]) => {
      const members = ids.map(([id, asText], i) => `"id${i}":${asText ? `"${id}"` : id}`);
      const body = JSON.stringify(
        { value, ...Object.fromEntries(ids.map(([id], i) => [`n${i}`, id])) },
        null,
        indent,
      );
      return members.length === 0 ? body : `{${members.join(',')},"rest":${body}}`;
    });

  it('gives the scan result for any JSON text', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(quoteLongIntegers(text)).toBe(scanLongIntegers(text));
      }),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('skips the scan only where it would change nothing, or the text is not JSON either way', () => {
    // Fragments of JSON, long digit runs among them, in any order: mostly not JSON at all.
    const jsonish = fc
      .array(
        fc.constantFrom('"', '\\', ':', ',', '[', ']', '{', '}', ' ', '-', '.', 'e', 'x', '7'),
        { maxLength: 12 },
      )
      .chain((parts) =>
        fc
          .array(fc.constantFrom('1234567890123456789', '-9876543210987654321'), { maxLength: 3 })
          .chain((runs) => fc.shuffledSubarray([...parts, ...runs], { minLength: parts.length }))
          .map((all) => all.join('')),
      );
    fc.assert(
      fc.property(fc.oneof(jsonish, jsonText), (text) => {
        const quoted = quoteLongIntegers(text);
        const scanned = scanLongIntegers(text);
        if (quoted === scanned) return;
        expect(() => JSON.parse(quoted)).toThrow();
        expect(() => JSON.parse(scanned)).toThrow();
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('still quotes a long integer at the start, after whitespace, a colon, a comma or a bracket', () => {
    for (const text of [
      '1234567890123456789',
      '[ 1234567890123456789]',
      '{"a":-1234567890123456789}',
      '[1,1234567890123456789]',
      '[1234567890123456789]',
      '{"a":\n\t1234567890123456789}',
    ]) {
      expect(quoteLongIntegers(text)).toBe(scanLongIntegers(text));
      expect(quoteLongIntegers(text)).not.toBe(text);
    }
  });
});
