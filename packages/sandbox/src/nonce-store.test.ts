import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNonceStore } from './nonce-store.js';

describe('createNonceStore', () => {
  it('refuses a nonce seen within the window and forgets it after', () => {
    const store = createNonceStore({ capacity: 10, windowMs: 1000 });
    store.remember('1234567890123456', 5000);
    expect(store.seenAt('1234567890123456', 5500)).toBe(5000);
    expect(store.seenAt('1234567890123456', 6000)).toBe(5000);
    expect(store.seenAt('1234567890123456', 6001)).toBeUndefined();
    expect(store.seenAt('1234567890123457', 5500)).toBeUndefined();
  });

  it('keeps a nonce stamped in the future until its own timestamp leaves the window', () => {
    // docs/protocols/kingdee.md §5.3: a timestamp up to the window ahead is accepted, so a nonce stamped
    // now+299 s must still be refused 300 s later, while its timestamp is still in the window.
    const store = createNonceStore({ capacity: 10, windowMs: 300_000 });
    store.remember('42', 0, 299_000);
    expect(store.seenAt('42', 300_000)).toBe(0);
    expect(store.seenAt('42', 599_000)).toBe(0);
    expect(store.seenAt('42', 599_001)).toBeUndefined();
    // A nonce stamped in the past is kept for the window from receipt, never less.
    store.remember('43', 1000, 0);
    expect(store.seenAt('43', 301_000)).toBe(1000);
    expect(store.seenAt('43', 301_001)).toBeUndefined();
  });

  it('stays bounded when future-stamped nonces hold the ring front', () => {
    const store = createNonceStore({ capacity: 4, windowMs: 100 });
    store.remember('1', 0, 100);
    for (let i = 2; i < 50; i++) store.remember(String(i), i * 10, i * 10);
    expect(store.size).toBeLessThanOrEqual(4);
    expect(store.seenAt('49', 490)).toBe(490);
  });

  it('tells apart nonces that differ only by leading zeros or length', () => {
    const store = createNonceStore({ capacity: 10, windowMs: 1000 });
    store.remember('1', 0);
    store.remember(`${'0'.repeat(31)}9`, 0);
    expect(store.seenAt('01', 1)).toBeUndefined();
    expect(store.seenAt('10', 1)).toBeUndefined();
    expect(store.seenAt('1', 1)).toBe(0);
    expect(store.seenAt(`${'0'.repeat(30)}9`, 1)).toBeUndefined();
    expect(store.seenAt(`${'0'.repeat(31)}9`, 1)).toBe(0);
  });

  it('stays within its capacity, forgetting the oldest nonce first', () => {
    const store = createNonceStore({ capacity: 3, windowMs: 1000 });
    for (const nonce of ['11', '22', '33', '44']) store.remember(nonce, 0);
    expect(store.size).toBe(3);
    expect(store.seenAt('11', 0)).toBeUndefined();
    expect(['22', '33', '44'].map((n) => store.seenAt(n, 0))).toEqual([0, 0, 0]);
  });

  it('refuses what is not 1–32 decimal digits (callers validate first)', () => {
    const store = createNonceStore({ capacity: 3, windowMs: 1000 });
    expect(() => store.remember('12a', 0)).toThrow(RangeError);
    expect(() => store.seenAt('', 0)).toThrow(RangeError);
    expect(() => store.seenAt('1'.repeat(33), 0)).toThrow(RangeError);
    expect(() => createNonceStore({ capacity: 0, windowMs: 1 })).toThrow(RangeError);
  });

  it('answers like a plain list of (nonce, time, expiry) in arrival order, for any sequence', () => {
    // A small pool makes repeats, shared probe runs and index wrap-around common.
    const nonce = fc.constantFrom(
      '1',
      '01',
      '001',
      '10',
      '7',
      '99',
      '12345678901234567890',
      '3'.repeat(32),
    );
    const op = fc.record({
      kind: fc.constantFrom('remember', 'seenAt'),
      nonce,
      advance: fc.integer({ min: 0, max: 40 }),
      // The request's timestamp relative to receipt: behind, on time or ahead of the clock.
      stamp: fc.integer({ min: -100, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(op, { maxLength: 200 }),
        (capacity, windowMs, ops) => {
          const store = createNonceStore({ capacity, windowMs });
          // Model: the ring as an array in arrival order, each entry with its own expiry; expired
          // entries leave from the front only. A nonce remembered again leaves its old entry in
          // place (still using capacity) but no longer answering.
          const ring: { nonce: string; at: number; until: number; live: boolean }[] = [];
          let now = 0;
          for (const { kind, nonce: value, advance, stamp } of ops) {
            now += advance;
            if (kind === 'seenAt') {
              const hit = ring.find((entry) => entry.live && entry.nonce === value);
              const expected = hit && now <= hit.until ? hit.at : undefined;
              expect(store.seenAt(value, now)).toBe(expected);
              continue;
            }
            while (ring.length > 0 && (ring[0]?.until ?? 0) < now) ring.shift();
            if (ring.length === capacity) ring.shift();
            for (const entry of ring) if (entry.nonce === value) entry.live = false;
            const stampedAt = now + stamp;
            ring.push({
              nonce: value,
              at: now,
              until: Math.max(now, stampedAt) + windowMs,
              live: true,
            });
            store.remember(value, now, stampedAt);
            expect(store.size).toBe(ring.length);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
