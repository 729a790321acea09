import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readJsonBody } from './json-body.js';

const refusal = (text: string): string => {
  const result = readJsonBody(text);
  if (result.ok) throw new Error(`accepted ${text.slice(0, 80)}`);
  return result.issues.join('\n') || result.message;
};

describe('readJsonBody', () => {
  it.each([
    [
      '{"delta":9007199254740993}',
      'delta: the number 9007199254740993 would be read as 9007199254740992',
    ],
    ['{"a":[1,{"b":1e400}]}', 'a.1.b: the number 1e400 would be read as Infinity'],
    ['{"x":{"y":"}","z":[0,0,-1e-400]}}', 'x.z.2: the number -1e-400 would be read as 0'],
    [
      '[0.1000000000000000055511151231257827]',
      '0: the number 0.1000000000000000055511151231257827',
    ],
    ['{"k\\"ey":123456789012345.678}', 'k"ey: the number 123456789012345.678'],
    ['{"id":9007199254740992}', 'id: the integer 9007199254740992 is beyond ±(2^53 − 1)'],
    ['1e400', '(root): the number 1e400 would be read as Infinity'],
  ])('refuses %s naming the field', (text, expected) => {
    const issue = refusal(text);
    expect(issue).toContain(expected);
    expect(issue).toContain('send it as a string');
  });

  it('reads every number a double holds exactly, in any spelling', () => {
    const text = '{"a":[0,-0,1.50,2.5e3,1E-7,9007199254740991,-12.000,1e21,5e-324],"b":"9e999"}';
    const result = readJsonBody(text);
    expect(result).toEqual({ ok: true, value: JSON.parse(text) });
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        // An integer literal beyond ±(2^53 − 1) is one clients read as text: refused as well.
        const unsafe = /^-?\d+$/.test(JSON.stringify(value)) && !Number.isSafeInteger(value);
        expect(readJsonBody(JSON.stringify({ value })).ok).toBe(!unsafe);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH}, naming where, without recursion`, () => {
    const deep = `{"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    expect(refusal(deep)).toMatch(/^extra\.0\.0\.0.*: nested deeper than 64 levels/);
    const limit = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(readJsonBody(limit).ok).toBe(true);
  });

  it('refuses a key named twice, naming it', () => {
    expect(refusal('{"rows":[{"qty":1,"qty":2}]}')).toMatch(/^rows\.0\.qty: duplicate key "qty"/);
  });

  it('reports invalid JSON as such', () => {
    expect(refusal('{not json')).toMatch(/^body is not valid JSON/);
  });
});
