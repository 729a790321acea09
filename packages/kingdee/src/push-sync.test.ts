import type { ByIdsResult } from '@inv/core';
import { describe, expect, it } from 'vitest';
import type { InventoryPushChange } from './push-handler.js';
import { createPushSync } from './push-sync.js';

const change = (ids: string[], deliveryId: string): InventoryPushChange => ({
  ids,
  deliveryId,
  body: { event: 'inv.change', ids, created_at: 0 },
});

describe('createPushSync', () => {
  it('reads pushed ids back one delivery at a time, reporting missing ids, past a failure', async () => {
    const order: string[] = [];
    let slow: () => void = () => undefined;
    const provider = {
      inventory: {
        async byIds(ids: readonly string[]): Promise<ByIdsResult> {
          order.push(`read ${ids.join(',')}`);
          if (ids[0] === '1') await new Promise<void>((resolve) => (slow = resolve));
          if (ids[0] === '3') throw new Error('gateway down');
          return { records: [], missing: [...ids] };
        },
      },
    };
    const seen: string[] = [];
    const sync = createPushSync({
      provider,
      onRecords: ({ change, missing }) => {
        seen.push(`${change.deliveryId}: missing ${missing.join(',')}`);
      },
    });
    const first = sync(change(['1'], 'a'));
    const second = sync(change(['2'], 'b'));
    const third = sync(change(['3'], 'c'));
    await Promise.resolve();
    expect(order).toEqual(['read 1']);
    slow();
    await first;
    await second;
    await expect(third).rejects.toThrow('gateway down');
    await sync(change(['4'], 'd'));
    expect(order).toEqual(['read 1', 'read 2', 'read 3', 'read 4']);
    expect(seen).toEqual(['a: missing 1', 'b: missing 2', 'd: missing 4']);
  });
});
