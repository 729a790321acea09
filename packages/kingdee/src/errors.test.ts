import {
  AuthError,
  ConfigError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  TokenExpiredError,
  UnsupportedError,
} from '@inv/core';
import { KINGDEE_ERROR_TABLE } from '@inv/kingdee-protocol';
import { describe, expect, it } from 'vitest';
import { kingdeeError, needsTokenRefresh } from './errors.js';

describe('error table (§7)', () => {
  const cases: [string, new (...args: never[]) => Error][] = [
    ['429', RateLimitedError],
    ['5006', RateLimitedError],
    ['5007', RateLimitedError],
    ['4001', AuthError],
    ['4003', AuthError],
    ['4006', AuthError],
    ['4007', AuthError],
    ['4008', SignatureError],
    ['4011', TokenExpiredError],
    ['1000202001', TokenExpiredError],
    ['1030002006', AuthError],
    ['2000001000', InvalidRequestError],
    ['5001', UnsupportedError],
    ['5002', UnsupportedError],
    ['5003', ConfigError],
    ['2000002000', ProviderError],
    ['999', ProviderError],
  ];
  it.each(cases)('%s → %o', (code, type) => {
    const error = kingdeeError({
      errcode: Number(code),
      description: 'd',
      descriptionCn: '中文',
      status: 519,
    });
    expect(error).toBeInstanceOf(type);
    expect(error.details).toMatchObject({ errcode: code, description: 'd', descriptionCn: '中文' });
    expect(error.provider).toBe('kingdee');
  });

  it('marks rate limits retryable and the token codes for one refresh', () => {
    for (const code of ['429', '5006', '5007'])
      expect(kingdeeError({ errcode: code, status: 200 }).retryable).toBe(true);
    for (const code of ['4011', '1000202001', '1030002006'])
      expect(needsTokenRefresh(kingdeeError({ errcode: code, status: 200 }))).toBe(true);
    expect(needsTokenRefresh(kingdeeError({ errcode: '4008', status: 519 }))).toBe(false);
    expect(Object.keys(KINGDEE_ERROR_TABLE)).toEqual(
      expect.arrayContaining(['4004', '4005', '4009', '4010', '4012', '5000', '5004', '5005']),
    );
  });
});
