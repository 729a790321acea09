/**
 * The gateways' optional request limits, one shape (`rateLimit: { limit, intervalMs }`) and one
 * interface; the windows differ as each protocol reference assumes them.
 */
export interface RateLimitOptions {
  /** Requests allowed per interval and key. */
  limit?: number | undefined;
  /** Length of the interval in ms. */
  intervalMs?: number | undefined;
}

export interface RateLimiter {
  readonly limit: number;
  readonly intervalMs: number;
  /** Counts a request for `key` at `now`; false when it is over the limit (and not counted). */
  take(key: string, now: number): boolean;
}

/**
 * Fixed windows: the count restarts `intervalMs` after the window's first request
 * (docs/protocols/kingdee.md §7 #12 [assumed]). One small record per key.
 */
export function fixedWindowLimiter(limit: number, intervalMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    limit,
    intervalMs,
    take(key, now) {
      const current = windows.get(key);
      if (!current || now - current.start >= intervalMs) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      current.count++;
      return current.count <= limit;
    },
  };
}

/**
 * A sliding window: at most `limit` accepted requests in any `intervalMs` (docs/protocols/winit.md §8
 * [assumed]). Keeps the times of the last `limit` accepted requests per key in a ring, so each request
 * is O(1): it is over the limit when the `limit`-th latest accepted one is still in the window.
 */
export function slidingWindowLimiter(limit: number, intervalMs: number): RateLimiter {
  const rings = new Map<string, { times: number[]; next: number }>();
  return {
    limit,
    intervalMs,
    take(key, now) {
      if (limit < 1) return false;
      let ring = rings.get(key);
      if (!ring) {
        ring = { times: [], next: 0 };
        rings.set(key, ring);
      }
      const { times } = ring;
      if (times.length < limit) {
        times.push(now);
        return true;
      }
      if ((times[ring.next] as number) > now - intervalMs) return false;
      times[ring.next] = now;
      ring.next = (ring.next + 1) % limit;
      return true;
    },
  };
}
