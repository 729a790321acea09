import { describe, expect, it } from 'vitest';
import { createErrorFactory, type ErrorTable, mergeErrorTables } from './error-table.js';
import {
  AuthError,
  ConfigError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  TokenExpiredError,
  UnsupportedError,
} from './errors.js';
import { InvError } from './inv-error.js';
import { errorTableOptionSchema } from './option-schemas.js';

const TABLE: ErrorTable = {
  '1': { kind: 'auth', name: 'BAD_KEY', hint: 'check appKey' },
  '2': { kind: 'signature' },
  '3': { kind: 'token-expired', refreshToken: true },
  '4': { kind: 'rate-limited', hint: 'lower rateLimit.limit' },
  '5': { kind: 'invalid-request', hint: 'check the SKU list' },
  '6': { kind: 'unsupported' },
  '7': { kind: 'config', option: 'domain', name: 'API_UNAVAILABLE' },
  '8': { kind: 'provider', retryable: true },
};

const toError = createErrorFactory({ provider: 'acme', table: TABLE });

describe('createErrorFactory', () => {
  it.each([
    ['1', AuthError, 'INV_AUTH'],
    ['2', SignatureError, 'INV_SIGNATURE'],
    ['3', TokenExpiredError, 'INV_TOKEN_EXPIRED'],
    ['4', RateLimitedError, 'INV_RATE_LIMITED'],
    ['5', InvalidRequestError, 'INV_INVALID_REQUEST'],
    ['6', UnsupportedError, 'INV_UNSUPPORTED'],
    ['7', ConfigError, 'INV_CONFIG'],
    ['8', ProviderError, 'INV_PROVIDER'],
  ] as const)('code %s becomes a %o with a stable code', (code, type, stable) => {
    const error = toError({ code, message: 'gateway says no' });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(InvError);
    expect(error.code).toBe(stable);
    expect(error.provider).toBe('acme');
    expect(error.message).toContain(`acme answered ${code}`);
    expect(error.message).toContain('gateway says no');
    expect(error.details).toMatchObject({ providerCode: code, providerMessage: 'gateway says no' });
  });

  it('keeps the code and the message verbatim, and adds name and hint to the message', () => {
    const auth = toError({ code: 1, message: '用户不存在' });
    expect(auth.message).toBe('acme answered 1 BAD_KEY: 用户不存在 (check appKey)');
    expect((auth as AuthError).providerCode).toBe('1');
    expect(auth.details).toMatchObject({ name: 'BAD_KEY', hint: 'check appKey' });
    const invalid = toError({ code: '5', message: '参数校验失败' }) as InvalidRequestError;
    expect(invalid.providerMessage).toBe('参数校验失败');
    expect(invalid.message).toBe('acme answered 5: 参数校验失败 (check the SKU list)');
  });

  it('compares numeric codes as text', () => {
    expect(toError({ code: 2, message: 'x' })).toBeInstanceOf(SignatureError);
  });

  it('retryable: the rule decides; by default only rate limits are', () => {
    expect(toError({ code: '4', message: 'x' }).retryable).toBe(true);
    expect(toError({ code: '8', message: 'x' }).retryable).toBe(true);
    expect(toError({ code: '1', message: 'x' }).retryable).toBe(false);
    // A token the client refreshes itself is not a transport retry.
    expect(toError({ code: '3', message: 'x' }).retryable).toBe(false);
    expect(toError({ code: '3', message: 'x' }).details?.refreshToken).toBe(true);
    expect(toError({ code: '1', message: 'x' }).details?.refreshToken).toBe(false);
  });

  it('passes retryAfterMs to a rate-limited error and names the option of a config error', () => {
    const limited = toError({ code: '4', message: 'x', retryAfterMs: 1500 }) as RateLimitedError;
    expect(limited.retryAfterMs).toBe(1500);
    expect((toError({ code: '7', message: 'x' }) as ConfigError).option).toBe('domain');
  });

  it('an unknown code uses the fallback, a non-retryable ProviderError by default', () => {
    const error = toError({ code: '4242', message: '未知错误' });
    expect(error.constructor).toBe(ProviderError);
    expect(error).toMatchObject({ providerCode: '4242', providerMessage: '未知错误' });
    expect(error.retryable).toBe(false);
    const strict = createErrorFactory({
      provider: 'acme',
      table: TABLE,
      fallback: { kind: 'provider', retryable: true },
    });
    expect(strict({ code: '4242', message: 'x' }).retryable).toBe(true);
  });

  it('classify decides before the table', () => {
    const throttled = createErrorFactory({
      provider: 'acme',
      table: TABLE,
      classify: (failure) => (/频繁/.test(failure.message) ? { kind: 'rate-limited' } : undefined),
    });
    expect(throttled({ code: '8', message: '请求过于频繁' })).toBeInstanceOf(RateLimitedError);
    expect(throttled({ code: '1', message: 'x' })).toBeInstanceOf(AuthError);
  });

  it('keeps caller details and redacts configured secrets everywhere', () => {
    const secret = 'the-app-secret-0123456789';
    const redacting = createErrorFactory({ provider: 'acme', table: TABLE, secrets: [secret] });
    for (const code of ['1', '5', '7', '8']) {
      const error = redacting({
        code,
        message: `refused ${secret}`,
        details: { operation: 'inventory.pages page 2', echoed: secret },
      });
      expect(error.details?.operation).toBe('inventory.pages page 2');
      expect(JSON.stringify(error)).not.toContain(secret);
      expect(error.message).not.toContain(secret);
      expect(String((error as { providerMessage?: string }).providerMessage)).not.toContain(secret);
    }
  });
});

describe('mergeErrorTables', () => {
  it('overrides and extends entries without touching the base', () => {
    const merged = mergeErrorTables(TABLE, {
      '1': { kind: 'provider' },
      '99': { kind: 'auth', name: 'CUSTOM' },
    });
    expect(merged['1']).toEqual({ kind: 'provider' });
    expect(merged['99']?.name).toBe('CUSTOM');
    expect(merged['2']).toBe(TABLE['2']);
    expect(TABLE['1']?.kind).toBe('auth');
    expect(Object.isFrozen(merged)).toBe(true);
    expect(mergeErrorTables(TABLE)).toEqual(TABLE);
  });
});

describe('errorTableOptionSchema', () => {
  it('accepts rules keyed by numeric codes and names what is wrong otherwise', () => {
    expect(errorTableOptionSchema.safeParse({ '4003': { kind: 'auth' } }).success).toBe(true);
    const badKey = errorTableOptionSchema.safeParse({ abc: { kind: 'auth' } });
    expect(badKey.error?.issues[0]?.message).toMatch(/codes as text/);
    const badKind = errorTableOptionSchema.safeParse({ '1': { kind: 'transient' } });
    expect(badKind.error?.issues[0]?.message).toMatch(/kind must be one of auth/);
  });
});
