import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinKeyParts } from './key-parts.js';

const escaped = (parts: readonly (string | null | undefined)[]): string =>
  parts.map((part) => encodeURIComponent(part ?? '')).join('|');

describe('joinKeyParts', () => {
  it('joins plain codes as they are', () => {
    expect(joinKeyParts(['US0001', 'SKU000123', null, undefined, 'LOT-1'])).toBe(
      'US0001|SKU000123|||LOT-1',
    );
  });

  it('escapes a part holding the separator, so two positions cannot collide', () => {
    const one = joinKeyParts(['a|b', 'c']);
    const other = joinKeyParts(['a', 'b|c']);
    expect(one).toBe('a%7Cb|c');
    expect(other).toBe('a|b%7Cc');
    expect(one).not.toBe(other);
  });

  it('escapes spaces, percent signs and non-ASCII characters as encodeURIComponent does', () => {
    const parts = ['US 0001', '100%', '保温杯', 'ok'];
    expect(joinKeyParts(parts)).toBe(escaped(parts));
  });

  it('gives encodeURIComponent-and-join for any parts', () => {
    const part = fc.oneof(
      fc.constantFrom(null, undefined, '', '|', '||'),
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.stringMatching(/^[A-Za-z0-9_.!~*'()|-]{0,12}$/),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), (parts) => {
        expect(joinKeyParts(parts)).toBe(escaped(parts));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('joinKeyParts on broken text', () => {
  it('writes a lone surrogate as %uXXXX where encodeURIComponent would throw', () => {
    expect(() => encodeURIComponent('a\uD800b')).toThrow(URIError);
    expect(joinKeyParts(['a\uD800b', '\uDC00', 'ok'])).toBe('a%uD800b|%uDC00|ok');
    expect(joinKeyParts(['\uD83D\uDE00'])).toBe(encodeURIComponent('\uD83D\uDE00'));
  });

  it('never gives two different lists of parts the same key', () => {
    const parts = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('%u', '|')), {
      minLength: 2,
      maxLength: 2,
    });
    fc.assert(
      fc.property(parts, parts, (one, other) => {
        fc.pre(one[0] !== other[0] || one[1] !== other[1]);
        expect(joinKeyParts(one)).not.toBe(joinKeyParts(other));
      }),
      { numRuns: 2000 },
    );
  });
});
