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
import { createWinitErrors, winitError } from './errors.js';
import { resolveWinitOptions } from './options.js';

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
    const errors = createWinitErrors({
      ...WINIT_ERROR_TABLE,
      '4242': { kind: 'auth' },
      '1007': { kind: 'provider' },
    });
    expect(errors('4242', 'x')).toBeInstanceOf(AuthError);
    expect(errors('1007', 'x').constructor).toBe(ProviderError);
  });
});

describe('the errorTable option', () => {
  const base = { appKey: 'demo@example.com', token: 'token-0123456789' };

  it('merges rules over the default table', () => {
    const { errorTable } = resolveWinitOptions({
      ...base,
      errorTable: { '4242': { kind: 'auth', hint: 'ask the account owner' } },
    });
    expect(errorTable['4242']).toEqual({ kind: 'auth', hint: 'ask the account owner' });
    expect(errorTable['1004']).toEqual(WINIT_ERROR_TABLE['1004']);
    const error = createWinitErrors(errorTable)('4242', 'x');
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe('winit answered 4242: x (ask the account owner)');
  });

  it('still reads the deprecated errorCodes; errorTable wins for a code in both', () => {
    const { errorTable } = resolveWinitOptions({
      ...base,
      errorCodes: { '4242': 'transient', '4343': 'auth', '4444': 'auth' },
      errorTable: { '4444': { kind: 'unsupported' } },
    });
    expect(errorTable['4242']).toEqual({ kind: 'provider', retryable: true });
    expect(errorTable['4343']).toEqual({ kind: 'auth' });
    expect(errorTable['4444']).toEqual({ kind: 'unsupported' });
    expect(createWinitErrors(errorTable)('4242', 'busy').retryable).toBe(true);
  });

  it('refuses a rule of an unknown kind with a ConfigError naming the option', () => {
    expect(() =>
      resolveWinitOptions({ ...base, errorTable: { '1': { kind: 'transient' as 'provider' } } }),
    ).toThrow(/errorTable\.1\.kind/);
  });
});
