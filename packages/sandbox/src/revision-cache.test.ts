import { describe, expect, it } from 'vitest';
import { createRevisionCache } from './revision-cache.js';

describe('createRevisionCache', () => {
  it('computes once per key until the revision moves', () => {
    let revision = 0;
    let computed = 0;
    const cache = createRevisionCache<number>({ revision: () => revision, maxWeight: 16 });
    const get = () => cache.get('k', () => ++computed);
    expect([get(), get()]).toEqual([1, 1]);
    revision++;
    expect([get(), get()]).toEqual([2, 2]);
  });

  it('lets the oldest entries go to stay within its weight, and never keeps a heavy one', () => {
    const cache = createRevisionCache<string>({
      revision: () => 0,
      maxWeight: 32,
      weigh: (value) => value.length,
    });
    let computed = 0;
    const get = (key: string, weight = 2) =>
      cache.get(key, () => {
        computed++;
        return 'x'.repeat(weight);
      });
    const keys = Array.from({ length: 17 }, (_, i) => `k${i}`);
    for (const key of keys) get(key);
    computed = 0;
    // Sixteen entries of weight 2 fill the budget: the seventeenth pushed the first one out.
    for (const key of keys.slice(1)) get(key);
    expect(computed).toBe(0);
    get('k0');
    expect(computed).toBe(1);
    // Over a sixteenth of the budget: answered, never kept.
    get('big', 3);
    get('big', 3);
    expect(computed).toBe(3);
  });

  it('does not keep what `keep` refuses', () => {
    let computed = 0;
    const cache = createRevisionCache<number>({
      revision: () => 0,
      maxWeight: 16,
      keep: (value) => value > 0,
    });
    const refuse = () => {
      computed++;
      return -1;
    };
    cache.get('refusal', refuse);
    cache.get('refusal', refuse);
    expect(computed).toBe(2);
  });
});
