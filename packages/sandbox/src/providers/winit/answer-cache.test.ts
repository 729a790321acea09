import { WINIT_CODES } from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { answerKey, createAnswerCache } from './answer-cache.js';
import { winitRefusal } from './envelope.js';

const MiB = 1024 * 1024;

describe('winit answer cache', () => {
  it('counts keys with answers: unique large data members stay within the byte bound', () => {
    const cache = createAnswerCache(() => 0, 4 * MiB);
    const answer = Buffer.from('{"code":"0","msg":"操作成功","data":[]}');
    for (let i = 0; i < 600; i++) {
      // A unique 90 KB member: small answers, large keys, as in the reported attack (#18.8).
      const key = answerKey('winit.inventory.type.pageInv', { note: `${i}`.padEnd(90_000, 'x') });
      cache.get(key, () => answer);
      expect(cache.weight).toBeLessThanOrEqual(4 * MiB);
    }
    expect(cache.size).toBeGreaterThan(10);
    expect(cache.size).toBeLessThan(30);
  });

  it('still answers a repeated query from the cache, and keeps no refusal', () => {
    const cache = createAnswerCache(() => 0, MiB);
    let computed = 0;
    const answer = Buffer.from('{}');
    const compute =
      <T>(value: T) =>
      (): T => {
        computed++;
        return value;
      };
    for (let i = 0; i < 3; i++) cache.get('k', compute(answer));
    expect(computed).toBe(1);
    const refusal = winitRefusal(WINIT_CODES.invalidData, 'data', 'is bad');
    for (let i = 0; i < 2; i++) cache.get('r', compute(refusal));
    expect(computed).toBe(3);
  });

  it('does not keep an entry over a sixteenth of the bound', () => {
    const cache = createAnswerCache(() => 0, 16 * 1000);
    cache.get('k'.repeat(501), () => Buffer.alloc(1));
    expect(cache.size).toBe(0);
    cache.get('k'.repeat(499), () => Buffer.alloc(1));
    expect(cache.size).toBe(1);
  });
});
