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

  it('answers like a plain list of (nonce, time) in arrival order, for any sequence', () => {
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
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(op, { maxLength: 200 }),
        (capacity, windowMs, ops) => {
          const store = createNonceStore({ capacity, windowMs });
          // Model: the ring as an array; a nonce remembered again leaves its old entry in place
          // (still using capacity) but no longer answering.
          const ring: { nonce: string; at: number; live: boolean }[] = [];
          let now = 0;
          for (const { kind, nonce: value, advance } of ops) {
            now += advance;
            if (kind === 'seenAt') {
              const hit = ring.find((entry) => entry.live && entry.nonce === value);
              const expected = hit && now - hit.at <= windowMs ? hit.at : undefined;
              expect(store.seenAt(value, now)).toBe(expected);
              continue;
            }
            while (ring.length > 0 && now - (ring[0]?.at ?? 0) > windowMs) ring.shift();
            if (ring.length === capacity) ring.shift();
            for (const entry of ring) if (entry.nonce === value) entry.live = false;
            ring.push({ nonce: value, at: now, live: true });
            store.remember(value, now);
            expect(store.size).toBe(ring.length);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
