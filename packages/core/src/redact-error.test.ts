import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProviderError, TransportError } from './errors.js';
import { InvError } from './inv-error.js';
import { errorRedactor, redactedInvError, withoutJsonContext } from './redact-error.js';

const SECRET = 'client-s3cr3t-0123456789';
const isInv = (value: unknown): value is InvError => value instanceof InvError;

/** Every rendering a logger or a developer may produce of an error. */
const renderings = (error: unknown): string[] => [
  String((error as Error).message),
  String((error as Error).stack),
  JSON.stringify(error),
  inspect(error, { depth: null, showHidden: true }),
  String(error),
];

/** True when any 8-character piece of `secret` shows: a fragment is a leak too. */
const leaks = (text: string, secret: string): boolean => {
  for (let i = 0; i + 8 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 8))) return true;
  return false;
};

const parseError = (text: string): SyntaxError => {
  try {
    JSON.parse(text);
  } catch (error) {
    return error as SyntaxError;
  }
  throw new Error('parsed');
};

describe('withoutJsonContext', () => {
  it.each([
    [`${SECRET}`, 'Unexpected token'],
    [`{"a":1} ${SECRET}`, 'Unexpected non-whitespace'],
    [`{"k":"${SECRET}"x`, 'Expected'],
    [`["${SECRET}", ${SECRET}]`, 'Unexpected token'],
  ])('drops the text JSON.parse quotes from %s, keeping the kind of fault', (text, kind) => {
    const message = withoutJsonContext(parseError(text).message);
    expect(message).toContain(kind);
    expect(leaks(message, SECRET)).toBe(false);
  });
});

describe('InvError causes', () => {
  it('never keeps body text of a JSON SyntaxError cause, even a secret no one registered', () => {
    for (const body of [SECRET, `{"note":"x"} ${SECRET}`, `{"appSecret":"${SECRET}" `]) {
      const error = new TransportError('demo answered a body that is not valid JSON', {
        cause: parseError(body),
      });
      for (const text of renderings(error)) expect(leaks(text, SECRET)).toBe(false);
      expect((error.cause as Error).name).toBe('SyntaxError');
    }
  });

  it('redacts every error along a foreign cause chain and their own fields', () => {
    const socket = Object.assign(new Error(`reset by ${SECRET}`), {
      code: 'ECONNRESET',
      data: { echoed: SECRET },
    });
    const fetchError = new TypeError('fetch failed', { cause: socket });
    const error = new TransportError('network', { cause: fetchError, secrets: [SECRET] });
    for (const text of renderings(error)) expect(leaks(text, SECRET)).toBe(false);
    const inner = (error.cause as Error).cause as Error & { code?: string };
    expect(inner.code).toBe('ECONNRESET');
    // The originals were not touched.
    expect(socket.message).toContain(SECRET);
  });

  it('redacts credential-named members anywhere in messages and details', () => {
    const error = new ProviderError('1004', `bad sign {"sign":"ABCDEF0123456789","x":1}`, {
      details: { body: '{"client_sign":"0123456789ABCDEF"}' },
    });
    const all = renderings(error).join('\n');
    expect(all).not.toContain('ABCDEF0123456789');
    expect(all).not.toContain('0123456789ABCDEF');
    expect(all).toContain('"sign":"[REDACTED]"');
  });
});

describe('redactedInvError', () => {
  it('copies an error with changes and more secrets, same class and fields, original untouched', () => {
    const original = new ProviderError('2001', `echo ${SECRET}`, {
      provider: 'demo',
      details: { page: 2 },
    });
    // Frozen: any attempt to rewrite the thrown error would fail here.
    Object.freeze(original);
    const copy = redactedInvError(original, errorRedactor([SECRET]), isInv, {
      message: `op: ${original.message}`,
      details: { ...original.details, operation: 'op' },
    });
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(ProviderError);
    expect(copy).toMatchObject({
      code: 'INV_PROVIDER',
      provider: 'demo',
      providerCode: '2001',
      providerMessage: 'echo [REDACTED]',
      details: { page: 2, operation: 'op', providerCode: '2001' },
      message: 'op: demo answered 2001: echo [REDACTED]',
    });
    for (const text of renderings(copy)) expect(leaks(text, SECRET)).toBe(false);
    expect(original.message).toBe(`demo answered 2001: echo ${SECRET}`);
    expect(original.details).toEqual({ providerCode: '2001', page: 2 });
  });

  it('returns the error itself when nothing changes', () => {
    const error = new TransportError('clean', { details: { a: 1 } });
    expect(redactedInvError(error, errorRedactor([SECRET]), isInv)).toBe(error);
  });
});
