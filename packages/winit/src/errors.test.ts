import {
  AuthError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  UnsupportedError,
} from '@inv/core';
import { isWinitSuccess, WINIT_ERROR_TABLE } from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { winitError } from './errors.js';

describe('winitError (§7 table)', () => {
  it.each([
    ['1001', InvalidRequestError],
    ['1002', AuthError],
    ['1003', AuthError],
    ['1004', SignatureError],
    ['1005', SignatureError],
    ['1006', RateLimitedError],
    ['1007', UnsupportedError],
    ['2001', InvalidRequestError],
  ] as const)('maps %s to %o, keeping code and msg', (code, type) => {
    const error = winitError(code, '某个原因');
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain(code);
    expect(error.message).toContain('某个原因');
    expect((error as { providerCode?: string }).providerCode).toBe(code);
  });

  it('compares numeric legacy codes as strings', () => {
    expect(winitError(1004, 'x')).toBeInstanceOf(SignatureError);
    expect(isWinitSuccess(0)).toBe(true);
    expect(isWinitSuccess('0')).toBe(true);
    expect(isWinitSuccess('00')).toBe(false);
    expect(isWinitSuccess(undefined)).toBe(false);
  });

  it('turns other codes into a ProviderError keeping code and msg', () => {
    const error = winitError('4242', '未知错误');
    expect(error.constructor).toBe(ProviderError);
    expect(error).toMatchObject({ providerCode: '4242', providerMessage: '未知错误' });
    expect(error.retryable).toBe(false);
  });

  it('treats a throttling msg as rate limited whatever the code (§8)', () => {
    expect(winitError('5000', '访问太频繁')).toBeInstanceOf(RateLimitedError);
    expect(winitError('5000', 'Request limit exceeded')).toBeInstanceOf(RateLimitedError);
    expect(winitError('5000', 'x').retryable).toBe(false);
    expect(winitError('1006', '请求过于频繁').retryable).toBe(true);
  });

  it('uses an overridden table', () => {
    const table = { ...WINIT_ERROR_TABLE, '4242': 'auth' as const, '1007': 'provider' as const };
    expect(winitError('4242', 'x', table)).toBeInstanceOf(AuthError);
    expect(winitError('1007', 'x', table).constructor).toBe(ProviderError);
  });
});
