import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  parseDecimal,
  subtractDecimal,
  sumDecimals,
  toDecimal,
} from './decimal.js';

describe('parseDecimal', () => {
  it.each([
    [1, '1'],
    ['1', '1'],
    ['001.500', '1.5'],
    [0.1, '0.1'],
    ['-0', '0'],
    ['-2.50', '-2.5'],
    ['+3', '3'],
    ['.5', '0.5'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
    [' 7 ', '7'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseDecimal(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    NaN,
    Infinity,
    '',
    '  ',
    '1,000',
    '1,000.5',
    'abc',
    '1.2.3',
    null,
    undefined,
    {},
    [],
    true,
    '0x10',
  ])('refuses %j with a reason', (input) => {
    const result = parseDecimal(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
  });
});

describe('decimal arithmetic', () => {
  it('adds without float drift', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(sumDecimals(['0.1', '0.2', '0.3'])).toBe('0.6');
    expect(sumDecimals([])).toBe('0');
  });

  it('subtracts across signs and scales', () => {
    expect(subtractDecimal('1', '2.25')).toBe('-1.25');
    expect(subtractDecimal('2.5', '2.5')).toBe('0');
  });

  it('compares exactly beyond 2^53', () => {
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('-1.5', '-1.25')).toBe(-1);
    expect(compareDecimal('1.50', toDecimal('1.5'))).toBe(0);
  });

  it('toDecimal throws a TypeError naming the input', () => {
    expect(() => toDecimal('1,5')).toThrow(/not a decimal/);
  });
});

describe('addDecimal fast path', () => {
  it('agrees with exact bigint arithmetic for any pair of decimals', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
      .map(([units, scale]) => {
        const negative = units < 0n;
        const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return toDecimal(negative ? `-${text}` : text);
      });
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const exact = subtractDecimal(a, toDecimal(`-${b}`.replace('--', '')));
        expect(addDecimal(a, b)).toBe(exact);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('parseDecimal of numbers', () => {
  it('returns String() of any finite double without an exponent, which is canonical', () => {
    // Why the number path only looks for an `e`: the check it replaced was this pattern.
    const canonicalText = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = String(value);
        const parsed = parseDecimal(value);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value).toMatch(canonicalText);
        if (!text.includes('e')) {
          expect(text).toMatch(canonicalText);
          expect(parsed.value).toBe(text);
        }
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});
