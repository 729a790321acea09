/**
 * Values derived from a dataset, kept until the dataset changes: whenever `revision()` moves the
 * cache empties. Bounded by a total weight (entries count 1 unless `weigh` says otherwise), the
 * oldest entries leaving first.
 */
export interface RevisionCache<V> {
  /** The cached value for `key` at the current revision, or `compute()` (cached when it fits). */
  get(key: string, compute: () => V): V;
  /** Total weight held. */
  readonly weight: number;
  /** Entries held. */
  readonly size: number;
}

export interface RevisionCacheOptions<V> {
  /** The dataset's revision (e.g. `WinitSandboxState.revision`). */
  revision: () => number;
  /** Most total weight kept. */
  maxWeight: number;
  /**
   * Weight of one entry, its key included (default 1). Entries heavier than a sixteenth of
   * `maxWeight` are not kept.
   */
  weigh?: ((value: V, key: string) => number) | undefined;
  /** Values not to keep (refusals, say); they are returned all the same. */
  keep?: ((value: V) => boolean) | undefined;
}

export function createRevisionCache<V>(options: RevisionCacheOptions<V>): RevisionCache<V> {
  const { revision, maxWeight } = options;
  const weigh = options.weigh ?? (() => 1);
  const entries = new Map<string, { value: V; weight: number }>();
  let total = 0;
  let at = revision();
  return {
    get(key, compute) {
      if (revision() !== at) {
        entries.clear();
        total = 0;
        at = revision();
      }
      const hit = entries.get(key);
      if (hit) return hit.value;
      const value = compute();
      if (options.keep && !options.keep(value)) return value;
      const weight = weigh(value, key);
      if (weight > maxWeight / 16) return value;
      for (const [oldest, entry] of entries) {
        if (total + weight <= maxWeight) break;
        entries.delete(oldest);
        total -= entry.weight;
      }
      entries.set(key, { value, weight });
      total += weight;
      return value;
    },
    get weight() {
      return total;
    },
    get size() {
      return entries.size;
    },
  };
}
