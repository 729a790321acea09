/**
 * Keys remembered until their own expiry, in bounded memory: the oldest entries leave first when
 * `capacity` is reached, expired ones as new ones arrive. For the push receiver's replay and
 * duplicate memory (docs/protocols/kingdee.md §10.1).
 */
export interface ExpiringKeys {
  has(key: string, now: number): boolean;
  add(key: string, expiresAt: number, now: number): void;
  delete(key: string): void;
  readonly size: number;
}

export function createExpiringKeys(capacity: number): ExpiringKeys {
  // A Map iterates in insertion order: re-adding a key moves it to the end.
  const entries = new Map<string, number>();
  const prune = (now: number): void => {
    for (const [key, expiresAt] of entries) {
      if (entries.size <= capacity && expiresAt > now) break;
      if (expiresAt <= now || entries.size > capacity) entries.delete(key);
    }
  };
  return {
    has(key, now) {
      const expiresAt = entries.get(key);
      return expiresAt !== undefined && expiresAt > now;
    },
    add(key, expiresAt, now) {
      entries.delete(key);
      entries.set(key, expiresAt);
      prune(now);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
