import { describe, expect, it } from 'vitest';
import { RateLimitedError } from './errors.js';
import { assertHttpStatus, parseRetryAfter } from './interpret-response.js';
import type { TransportResponse } from './transport-types.js';

describe('response helpers', () => {
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('turns a 429 into RateLimitedError', () => {
    const res = {
      status: 429,
      headers: new Headers({ 'retry-after': '3' }),
      text: '',
    } as TransportResponse;
    const error = (() => {
      try {
        assertHttpStatus(res, 'demo');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3000);
  });
});
