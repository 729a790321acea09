import { describe, expect, it } from 'vitest';
import { createExpiringKeys } from './push-memory.js';

describe('expiring keys', () => {
  it('forgets keys at their expiry and keeps at most capacity', () => {
    const keys = createExpiringKeys(3);
    keys.add('a', 100, 0);
    keys.add('b', 50, 0);
    expect(keys.has('a', 60)).toBe(true);
    expect(keys.has('b', 60)).toBe(false);
    for (const key of ['c', 'd', 'e']) keys.add(key, 1000, 10);
    expect(keys.size).toBe(3);
    expect(keys.has('a', 10)).toBe(false);
    expect(keys.has('e', 10)).toBe(true);
    keys.delete('e');
    expect(keys.has('e', 10)).toBe(false);
  });
});
