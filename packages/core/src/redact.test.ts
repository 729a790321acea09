import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, redactUrl, redactValue } from './redact.js';

describe('redaction', () => {
  it('ignores very short secrets rather than shredding every message', () => {
    expect(createRedactor(['ab'])('abc')).toBe('abc');
  });

  it('redacts secret-named keys whatever their value', () => {
    const redact = createRedactor([]);
    expect(
      redactValue({ 'app-token': 't', nested: { client_secret: 's', ok: 1 } }, redact),
    ).toEqual({
      'app-token': '[REDACTED]',
      nested: { client_secret: '[REDACTED]', ok: 1 },
    });
    expect(isSecretKey('X-Api-Signature')).toBe(true);
    expect(isSecretKey('X-Api-Nonce')).toBe(false);
  });
});

describe('redactUrl', () => {
  it('hides credential query values whatever their value, and known secrets anywhere', () => {
    const redact = createRedactor(['abc123-secret']);
    expect(
      redactUrl('/token?app_key=abc&app_signature=ZDlj%3D%3D&uid=7&note=abc123-secret', redact),
    ).toBe('/token?app_key=abc&app_signature=[REDACTED]&uid=7&note=[REDACTED]');
    expect(redactUrl('/x?sign=AB&page=2', redact)).toBe('/x?sign=[REDACTED]&page=2');
    expect(redactUrl('/plain/path', redact)).toBe('/plain/path');
    expect(redactUrl('/x?%E0%A4%A=1&flag', redact)).toBe('/x?%E0%A4%A=1&flag');
  });
});
