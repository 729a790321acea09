/**
 * Signature comparisons are constant-time: the helpers the sandbox verifies signatures with
 * (`constantTimeEqual` of @inv/kingdee, `signaturesEqual` of @inv/winit) answer correctly for
 * equal, unequal and different-length inputs, and every answer goes through
 * `crypto.timingSafeEqual`, whose running time does not depend on where the inputs differ.
 */
import * as crypto from 'node:crypto';
import { constantTimeEqual } from '@inv/kingdee-protocol';
import { signaturesEqual } from '@inv/winit-protocol';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
const SEED = 20240101;

// Signatures are ASCII: base64 (Kingdee, 88 characters) and uppercase hex MD5 (Winit, 32).
const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode) });
const base64Signature = fc
  .uint8Array({ minLength: 64, maxLength: 64 })
  .map((bytes) =>
    Buffer.from(bytes.reduce((hex, b) => hex + b.toString(16).padStart(2, '0'), '')).toString(
      'base64',
    ),
  );
const md5Hex = fc.stringMatching(/^[0-9A-F]{32}$/);

const helpers = [
  { name: 'kingdee constantTimeEqual', equal: constantTimeEqual, signature: base64Signature },
  { name: 'winit signaturesEqual', equal: signaturesEqual, signature: md5Hex },
] as const;

describe.each(helpers)('$name', ({ equal, signature }) => {
  beforeEach(() => {
    timingSafeEqual.mockClear();
  });

  it('is true for equal inputs and false for any change, through timingSafeEqual', () => {
    fc.assert(
      fc.property(signature, fc.nat(), fc.integer({ min: 1, max: 94 }), (sig, at, shift) => {
        const index = at % sig.length;
        const code = ((sig.charCodeAt(index) - 0x20 + shift) % 95) + 0x20;
        const changed = sig.slice(0, index) + String.fromCharCode(code) + sig.slice(index + 1);
        timingSafeEqual.mockClear();
        expect(equal(sig, sig)).toBe(true);
        expect(equal(sig, changed)).toBe(false);
        expect(equal(changed, sig)).toBe(false);
        expect(timingSafeEqual).toHaveBeenCalledTimes(3);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('is false for different lengths (a prefix, an extension, empty) without throwing', () => {
    fc.assert(
      fc.property(signature, fc.nat(), ascii, (sig, cut, extra) => {
        const prefix = sig.slice(0, cut % sig.length);
        expect(equal(sig, prefix)).toBe(false);
        expect(equal(prefix, sig)).toBe(false);
        expect(equal(sig, sig + (extra || 'A'))).toBe(false);
        expect(equal(sig, '')).toBe(false);
        expect(equal('', sig)).toBe(false);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('agrees with === on any two strings, lone surrogates included', () => {
    expect(equal('\uD800', '\uD801')).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(equal(a, b)).toBe(a === b);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });

  it('agrees with === on any two ASCII strings', () => {
    fc.assert(
      fc.property(ascii, ascii, (a, b) => {
        expect(equal(a, b)).toBe(a === b);
        expect(equal(a, a)).toBe(true);
      }),
      { numRuns: 1000, seed: SEED },
    );
  });
});
