import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  ResponseShapeError,
  SignatureError,
  TimeoutError,
  TransportError,
} from './errors.js';
import { InvError, isInvError } from './inv-error.js';

const SECRET = 'super-secret-value-123';

describe('InvError', () => {
  it('keeps code, provider and details, and serialises without a stack', () => {
    const error = new ProviderError('2001', '参数校验失败', {
      provider: 'winit',
      details: { chunk: 2 },
    });
    expect(error).toBeInstanceOf(InvError);
    expect(error.code).toBe('INV_PROVIDER');
    expect(error.providerCode).toBe('2001');
    expect(error.message).toBe('winit answered 2001: 参数校验失败');
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({ name: 'ProviderError', code: 'INV_PROVIDER', provider: 'winit' });
    expect(json.details).toEqual({ providerCode: '2001', chunk: 2 });
    expect(json.stack).toBeUndefined();
  });

  it('redacts secrets from message, details, cause and toJSON, including encoded forms', () => {
    const cause = new Error(
      `GET /x?app_signature=${encodeURIComponent(`${SECRET}==`)} failed with ${SECRET}`,
    );
    const error = new SignatureError(`bad signature for ${SECRET}`, {
      provider: 'kingdee',
      cause,
      details: { header: SECRET, nested: [{ value: `x${SECRET}x` }] },
      secrets: [SECRET, `${SECRET}==`],
    });
    const everything = [
      error.message,
      JSON.stringify(error),
      String((error.cause as Error).message),
      String((error.cause as Error).stack),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).toContain('[REDACTED]');
    expect(error.cause).not.toBe(cause);
  });

  it('passes an innocent cause through untouched', () => {
    const cause = new Error('ECONNRESET');
    const error = new TransportError('reset', { cause, secrets: [SECRET] });
    expect(error.cause).toBe(cause);
  });

  it('says when the client refused a request before sending it', () => {
    const error = new InvalidRequestError('INVALID_ID', 'id "1 2" contains a space', {
      provider: 'kingdee',
      local: true,
    });
    expect(error.message).toBe(
      'kingdee request refused before sending (INVALID_ID): id "1 2" contains a space',
    );
    expect(error.local).toBe(true);
    expect(new InvalidRequestError('2001', 'bad', { provider: 'winit' }).local).toBe(false);
  });

  it('names the option in ConfigError', () => {
    const error = new ConfigError('credentials.clientSecret', 'is required');
    expect(error.message).toBe('Invalid option `credentials.clientSecret`: is required');
    expect(error.option).toBe('credentials.clientSecret');
    expect(isInvError(error, 'INV_CONFIG')).toBe(true);
    expect(isInvError(error, 'INV_AUTH')).toBe(false);
  });

  it('marks throttling and timeouts retryable by default', () => {
    expect(new RateLimitedError('slow down', { retryAfterMs: 1000 }).retryable).toBe(true);
    expect(new TimeoutError(5).retryable).toBe(true);
    expect(new ProviderError(1, 'x').retryable).toBe(false);
  });

  it('lists the offending field paths of a shape error', () => {
    const error = new ResponseShapeError('bad rows', [
      { path: 'data.rows.0.qty', message: 'not a decimal' },
      { path: '', message: 'root' },
    ]);
    expect(error.message).toBe('bad rows: data.rows.0.qty: not a decimal; (root): root');
    expect(error.issues).toHaveLength(2);
  });
});
