import type { ByIdsResult } from '@inv/core';
import type { InventoryPushChange } from './push-handler.js';

/** What `onRecords` receives per delivery: the current records of the pushed ids. */
export interface PushedRecords extends ByIdsResult {
  /** The delivery these records answer. */
  change: InventoryPushChange;
}

export interface PushSyncOptions {
  /** Anything with the Kingdee provider's `inventory.byIds` (chunked at ≤ 100, rate-limited). */
  provider: { inventory: { byIds(ids: readonly string[]): Promise<ByIdsResult> } };
  /** Current normalized records of the pushed ids; ids with no row any more are in `missing`. */
  onRecords(records: PushedRecords): void | Promise<void>;
}

/**
 * Turns pushed ids into current records: an `onChange` for {@link createInventoryPushHandler}
 * that reads the ids back with `inventory.byIds` (a push is only a hint, docs/protocols/kingdee.md
 * §10) and hands the records to `onRecords`. Deliveries are processed one at a time, in arrival
 * order: each read starts after the previous one was applied, so a later read can never be
 * overwritten by an earlier one, even when deliveries arrive out of order.
 */
export function createPushSync(
  options: PushSyncOptions,
): (change: InventoryPushChange) => Promise<void> {
  let queue: Promise<unknown> = Promise.resolve();
  return (change) => {
    const next = queue.then(async () => {
      const result = await options.provider.inventory.byIds(change.ids);
      await options.onRecords({ ...result, change });
    });
    // A failed delivery must not block the ones behind it; its own caller sees the failure.
    queue = next.catch(() => undefined);
    return next;
  };
}
