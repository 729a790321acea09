import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, redactValue } from './redact.js';

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
