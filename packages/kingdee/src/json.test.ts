import { describe, expect, it } from 'vitest';
import { parseJsonPreservingIntegers, quoteLongIntegers } from './json.js';

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
