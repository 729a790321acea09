import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  DECIMAL_LIMITS,
  fastDecimal,
  parseDecimal,
  subtractDecimal,
  sumDecimals,
  toDecimal,
} from './decimal.js';
import { DecimalError } from './errors.js';

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
    ['1877.7500', '1877.75'],
    ['1752.0000', '1752'],
    ['-0.000', '0'],
    ['-0.50', '-0.5'],
    ['0.0', '0'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseDecimal(input)).toEqual({ ok: true, value: expected });
  });

  it('reads a fraction padded with zeros as the same decimal without them', () => {
    // Fixed-scale columns (JDY scm/inventory) pad every quantity: `"1877.7500"` is 1877.75.
    const canonical = fc.stringMatching(/^-?(0|[1-9]\d{0,20})(\.\d{0,8}[1-9])?$/);
    fc.assert(
      fc.property(canonical, fc.integer({ min: 1, max: 8 }), (value, zeros) => {
        const padded = `${value}${value.includes('.') ? '' : '.'}${'0'.repeat(zeros)}`;
        expect(parseDecimal(padded)).toEqual(parseDecimal(value === '-0' ? '0' : value));
      }),
    );
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

describe('fastDecimal', () => {
  it.each([
    [1, '1'],
    [-0.5, '-0.5'],
    ['1877.7500', '1877.75'],
    ['1752.0000', '1752'],
    ['-0.000', '0'],
    ['42', '42'],
  ])('reads %j as %s', (input, expected) => {
    expect(fastDecimal(input)).toBe(expected);
  });

  it.each([
    1e21,
    1.5e-7,
    NaN,
    Infinity,
    '-0',
    '001',
    '+3',
    ' 7 ',
    '1e3',
    '.5',
    '',
    null,
    undefined,
    `1${'0'.repeat(400)}`,
  ])('leaves %j to the general path', (input) => {
    expect(fastDecimal(input)).toBeUndefined();
  });

  it('leaves a bigint to the general path', () => {
    expect(fastDecimal(10n)).toBeUndefined();
  });

  it('gives the exact value whenever it gives one, as parseDecimal does', () => {
    // An independent reference: the exact value as a scaled bigint, printed canonically.
    const reference = (text: string): string => {
      const negative = text.startsWith('-');
      const [int = '', frac = ''] = (negative ? text.slice(1) : text).split('.');
      const scaled = BigInt(int + frac);
      if (scaled === 0n) return '0';
      const digits = scaled.toString().padStart(frac.length + 1, '0');
      const whole = digits.slice(0, digits.length - frac.length);
      const fraction = digits.slice(digits.length - frac.length).replace(/0+$/, '');
      return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
    };
    const numeric = fc.stringMatching(/^-?\d{1,20}(\.\d{0,12})?$/);
    fc.assert(
      fc.property(numeric, (text) => {
        const fast = fastDecimal(text);
        if (fast !== undefined) expect(fast).toBe(reference(text));
        const parsed = parseDecimal(text);
        expect(parsed).toEqual({ ok: true, value: reference(text) });
      }),
      { numRuns: 5000, seed: 12 },
    );
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

  it('toDecimal throws a DecimalError naming the input', () => {
    expect(() => toDecimal('1,5')).toThrow(DecimalError);
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

describe('decimal limits (hostile input must not cost time or memory)', () => {
  const { maxIntegerDigits, maxFractionDigits } = DECIMAL_LIMITS;

  it.each([
    ['1e-160000', 'after'],
    ['1e200000000', 'before'],
    ['1e999999999', 'before'],
    ['-1e-999999999999999999999', 'after'],
    ['1e99999999999999999999999999', 'before'],
    [`1${'0'.repeat(maxIntegerDigits)}`, 'before'],
    [`0.${'0'.repeat(maxFractionDigits)}1`, 'after'],
    [`1.${'0'.repeat(200_000)}1`, 'after'],
    [10n ** BigInt(maxIntegerDigits), 'before'],
  ])('refuses %s with rule "range" naming the digits %s the point', (input, where) => {
    const result = parseDecimal(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rule).toBe('range');
    expect(result.reason).toContain(`digits ${where} the decimal point`);
    // The reason quotes the input shortened, never megabytes of it.
    expect(result.reason.length).toBeLessThan(200);
  });

  it('accepts zero whatever its exponent, and values at the limits exactly', () => {
    expect(parseDecimal('0e999999999')).toEqual({ ok: true, value: '0' });
    expect(parseDecimal('-0.000e-999999999')).toEqual({ ok: true, value: '0' });
    const widest = `${'9'.repeat(maxIntegerDigits)}.${'9'.repeat(maxFractionDigits - 1)}1`;
    expect(parseDecimal(widest)).toEqual({ ok: true, value: widest });
    expect(parseDecimal(`1e${maxIntegerDigits - 1}`)).toEqual({
      ok: true,
      value: `1${'0'.repeat(maxIntegerDigits - 1)}`,
    });
    expect(parseDecimal(`1e-${maxFractionDigits}`)).toEqual({
      ok: true,
      value: `0.${'0'.repeat(maxFractionDigits - 1)}1`,
    });
  });

  it('accepts every finite double, the extremes included', () => {
    for (const value of [
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      2.2250738585072014e-308,
    ]) {
      const parsed = parseDecimal(value);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(Number(parsed.value)).toBe(value);
    }
  });

  it('round-trips every in-range decimal exactly, in plain and exponent notation', () => {
    const digitsArb = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{0,${max}}$`));
    const inRange = fc
      .tuple(fc.boolean(), digitsArb(maxIntegerDigits), digitsArb(maxFractionDigits))
      .map(([negative, int, frac]) => {
        const intPart = int.replace(/^0+/, '') || '0';
        const fracPart = frac.replace(/0+$/, '');
        const magnitude = fracPart ? `${intPart}.${fracPart}` : intPart;
        return magnitude === '0' ? '0' : `${negative ? '-' : ''}${magnitude}`;
      });
    fc.assert(
      fc.property(inRange, fc.integer({ min: -30, max: 30 }), (value, shift) => {
        expect(parseDecimal(value)).toEqual({ ok: true, value });
        // The same value written with a shifted point and a compensating exponent.
        const negative = value.startsWith('-');
        const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
        const digits = `${'0'.repeat(40)}${int}${frac}${'0'.repeat(40)}`;
        const point = 40 + int.length + shift;
        const text = `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}e${-shift}`;
        expect(parseDecimal(text)).toEqual({ ok: true, value });
      }),
      { numRuns: 1000, seed: 18 },
    );
  });

  it('adds and compares values at the limits without refusing the result', () => {
    const big = `${'9'.repeat(maxIntegerDigits)}`;
    expect(addDecimal(big, '1')).toBe(`1${'0'.repeat(maxIntegerDigits)}`);
    expect(subtractDecimal(`-${big}`, big)).toBe(`-1${'9'.repeat(maxIntegerDigits - 1)}8`);
    expect(compareDecimal(big, `0.${'0'.repeat(maxFractionDigits - 1)}1`)).toBe(1);
  });

  it('toDecimal throws a DecimalError naming the field, the rule and the limit', () => {
    const error = (() => {
      try {
        toDecimal('1e-160000', 'delta');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DecimalError);
    expect(error).toMatchObject({ code: 'INV_DECIMAL', field: 'delta', rule: 'range' });
    expect((error as Error).message).toMatch(
      /^delta: "1e-160000" has 160000 digits after the decimal point; at most 400/,
    );
  });
});
