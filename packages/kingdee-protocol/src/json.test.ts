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

  it('leaves long decimals and exponents a double holds exactly as numbers', () => {
    expect(parseJsonPreservingIntegers('[1234567890123456.5, 1e21]')).toEqual([
      1234567890123456.5, 1e21,
    ]);
  });

  it('keeps long decimals a double would round as their exact text', () => {
    expect(
      parseJsonPreservingIntegers('[123456789012345.678, 0.1000000000000000055511151231257827]'),
    ).toEqual(['123456789012345.678', '0.1000000000000000055511151231257827']);
  });
});

describe('quoteLongIntegers and escapes', () => {
  it('never touches digits inside strings, whatever the backslashes before a quote', () => {
    const text =
      '{"a":"x\\\\","b":1234567890123456789,"c":"y\\"1234567890123456789\\"","d":"\\\\\\"","e":-9234567890123456789,"f":12345678901234567.5,"g":1e1234567890123456}';
    expect(quoteLongIntegers(text)).toBe(
      '{"a":"x\\\\","b":"1234567890123456789","c":"y\\"1234567890123456789\\"","d":"\\\\\\"","e":"-9234567890123456789","f":"12345678901234567.5","g":1e1234567890123456}',
    );
    expect(parseJsonPreservingIntegers(text)).toMatchObject({
      b: '1234567890123456789',
      c: 'y"1234567890123456789"',
    });
  });
});

describe('quoteLongIntegers', () => {
  it('quotes a long integer at the start, after whitespace, a colon, a comma or a bracket', () => {
    for (const [text, quoted] of [
      ['1234567890123456789', '"1234567890123456789"'],
      ['[ 1234567890123456789]', '[ "1234567890123456789"]'],
      ['{"a":-1234567890123456789}', '{"a":"-1234567890123456789"}'],
      ['[1,1234567890123456789]', '[1,"1234567890123456789"]'],
      ['{"a":\n\t1234567890123456789}', '{"a":\n\t"1234567890123456789"}'],
    ]) {
      expect(quoteLongIntegers(text as string)).toBe(quoted);
    }
  });
});
