/**
 * Property-based checks of the redaction promises (fast-check, fixed seed): whatever a secret
 * looks like and wherever it is embedded (raw, URL-encoded once or twice, JSON-escaped, in a
 * message, in details, in a cause, in a signed query), no rendering of the text or of the error
 * shows it.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransportError } from './errors.js';
import { InvError } from './inv-error.js';
import { createRedactor, REDACTED, redactUrl } from './redact.js';

const SEED = 20240101;

/**
 * Secrets of at least 4 characters (shorter ones are ignored by design), any Unicode after a marker
 * that keeps them from matching ordinary words of a stack trace ("prop", "node", …).
 */
const secretArb = fc
  .tuple(
    fc.constantFrom('Zq9', 'x7Y!', 'K%k3', 'é"9'),
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
      fc.stringMatching(/^[A-Za-z0-9+/=]{16,88}$/),
      fc.stringMatching(/^[0-9a-f]{32}$/),
    ),
  )
  .map(([marker, rest]) => marker + rest)
  // A secret made of the placeholder's own characters could reappear from it; not a real shape.
  .filter((s) => !/[[\]]/.test(s));

const surrounding = fc.string({ maxLength: 30 }).filter((s) => !/[[\]]/.test(s));

/** The forms a secret takes in transit. */
const forms = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  encodeURIComponent(encodeURIComponent(secret)),
  JSON.stringify(secret).slice(1, -1),
];

const leaks = (text: string, secret: string): boolean =>
  forms(secret).some((form) => text.includes(form));

describe('createRedactor', () => {
  it('removes every form of every secret from any text', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(secretArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(surrounding, fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
        (secrets, parts) => {
          const text = parts
            .map(([before, which, form]) => {
              const secret = secrets[which % secrets.length] as string;
              return before + (forms(secret)[form % 4] as string);
            })
            .join('');
          const out = createRedactor(secrets)(text);
          for (const secret of secrets) expect(leaks(out, secret)).toBe(false);
          expect(out).toContain(REDACTED);
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('leaves text without secrets unchanged', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 60 }), (secret, text) => {
        fc.pre(!forms(secret).some((form) => text.includes(form)));
        expect(createRedactor([secret])(text)).toBe(text);
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('InvError', () => {
  it('never shows a secret in message, stack, details, cause, toJSON or inspection', () => {
    fc.assert(
      fc.property(
        secretArb,
        surrounding,
        fc.nat({ max: 3 }),
        fc.boolean(),
        (secret, text, form, deep) => {
          const embedded = `${text}${forms(secret)[form] as string}${text}`;
          const inner = new Error(`inner ${embedded}`);
          // The secret may sit in the cause itself or only deeper down the chain.
          const cause = new Error(deep ? 'outer, clean' : `outer ${embedded}`, { cause: inner });
          const error = new TransportError(`failed: ${embedded}`, {
            provider: 'demo',
            secrets: [secret],
            cause,
            details: { url: `/x?q=${embedded}`, nested: { deeper: [embedded] }, token: 'whatever' },
          });
          const renderings = [
            error.message,
            error.stack ?? '',
            JSON.stringify(error),
            JSON.stringify(error.toJSON()),
            inspect(error, { depth: null, showHidden: true }),
            String((error.cause as Error).message),
            String((error.cause as Error).stack),
          ];
          for (const rendering of renderings) expect(leaks(rendering, secret)).toBe(false);
          expect(error.details?.token).toBe(REDACTED);
          expect(error).toBeInstanceOf(InvError);
        },
      ),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('redactUrl', () => {
  it('hides the value of every credential parameter, whatever its value', () => {
    const credentialName = fc.constantFrom(
      'app_signature',
      'sign',
      'client_sign',
      'token',
      'app-token',
      'access_token',
      'client_secret',
      'appSecret',
      'APP_SIGNATURE',
    );
    const plain = fc
      .stringMatching(/^[a-z]{1,8}$/)
      .filter((name) => !/sign|token|secret/.test(name));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.oneof(credentialName, plain), fc.string({ minLength: 1, maxLength: 30 })),
          { minLength: 1, maxLength: 6 },
        ),
        (params) => {
          const query = params
            .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
            .join('&');
          const out = redactUrl(`/path?${query}`, (text) => text);
          const pairs = out.slice(out.indexOf('?') + 1).split('&');
          params.forEach(([name, value], index) => {
            const pair = pairs[index] as string;
            if (/sign|token|secret/i.test(name)) {
              expect(pair).toBe(`${encodeURIComponent(name)}=${REDACTED}`);
            } else {
              expect(pair).toBe(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
            }
          });
        },
      ),
      { numRuns: 500, seed: SEED },
    );
  });
});
