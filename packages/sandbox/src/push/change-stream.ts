import type { KingdeeInventoryState } from '../providers/kingdee/dataset-types.js';
import { createRandom } from '../random.js';
import { type ChangeStreamOptions, changeStreamSchema } from './options.js';

/**
 * Changes random Kingdee positions at a set rate, seeded, through `adjust` (so each change is
 * recorded for `/_sandbox/changes` and pushed to subscribers like an admin stock change). For soak
 * tests of receivers. Deltas never take on hand below zero. Returns the stop function.
 */
export function startChangeStream(
  state: KingdeeInventoryState,
  input: ChangeStreamOptions,
): () => void {
  const options = changeStreamSchema.parse(input);
  const random = createRandom(options.seed);
  const timer = setInterval(
    () => {
      const positions = state.positions();
      if (positions.length === 0) return;
      const { row } = random.pick(positions);
      const size = random.int(1, options.maxDelta);
      const delta = row.qty >= size && random.chance(0.5) ? -size : size;
      state.adjust(row.id, delta);
    },
    Math.max(1, Math.round(1000 / options.perSecond)),
  );
  // A stream must never keep a test process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
