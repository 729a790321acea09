import { describe, expect, it } from 'vitest';
import { firstDifference, signatureFailure } from './signature-failure.js';

const parts = [
  { name: 'method', value: 'GET', text: 'GET\n' },
  { name: 'canonical_query', value: 'a=1&b=2', text: 'a=1&b=2\n' },
  { name: 'x-api-nonce', value: '7', text: 'x-api-nonce:7\n' },
];
const ours = parts.map((part) => part.text).join('');

describe('firstDifference', () => {
  it('names the part where the strings first differ, with a little of each', () => {
    expect(firstDifference(parts, ours, 'GET\nb=2&a=1\nx-api-nonce:7\n')).toEqual({
      at: 4,
      part: 'canonical_query',
      sandbox: 'GET\na=1&b=2\nx-api-nonce:7\n',
      client: 'GET\nb=2&a=1\nx-api-nonce:7\n',
    });
  });

  it('places a missing final newline in the last part, and equal strings nowhere', () => {
    expect(firstDifference(parts, ours, ours.slice(0, -1))).toMatchObject({
      at: ours.length - 1,
      part: 'x-api-nonce',
    });
    expect(firstDifference(parts, ours, ours)).toBeUndefined();
  });
});

describe('signatureFailure', () => {
  it('keeps both signatures and the mistake with its difference', () => {
    const mistake = { name: 'unsorted-query', hint: 'sort', stringToSign: 'GET\nb=2&a=1\n' };
    const failure = signatureFailure(parts, 'EXPECTED', 'CARRIED', mistake);
    expect(failure).toMatchObject({
      expected: 'EXPECTED',
      carried: 'CARRIED',
      mistake: { name: 'unsorted-query', difference: { at: 4, part: 'canonical_query' } },
    });
    expect(signatureFailure(parts, 'E', 'C', undefined).mistake).toBeUndefined();
  });
});
