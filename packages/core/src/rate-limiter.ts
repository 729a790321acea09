import { ConfigError } from './errors.js';
import { abortError, sleep } from './sleep.js';

export interface RateLimiterOptions {
  /** At most this many requests in any window of `intervalMs`. */
  limit: number;
  intervalMs: number;
  /**
   * Bucket capacity: how many requests may leave at once after an idle period. The refill rate is
   * `(limit - burst) / intervalMs`, so that even a full burst followed by steady traffic never puts
   * more than `limit` requests in any window (a server counting with a sliding window never throttles).
   * Defaults to 5% of `limit`, at least 1.
   */
  burst?: number | undefined;
  /** Clock, for tests. */
  now?: (() => number) | undefined;
}

/** A token bucket shared by every request that spends the same budget. */
export interface RateLimiter {
  /** Resolves when a request may be sent; rejects with the signal's reason when aborted. */
  acquire(signal?: AbortSignal): Promise<void>;
  readonly limit: number;
  readonly intervalMs: number;
}

/** Creates a token-bucket limiter; see {@link RateLimiterOptions.burst} for the sliding-window guarantee. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, intervalMs } = options;
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new ConfigError('rateLimit.limit', `must be a positive integer, got ${String(limit)}`);
  }
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new ConfigError(
      'rateLimit.intervalMs',
      `must be a positive number, got ${String(intervalMs)}`,
    );
  }
  const burst = options.burst ?? Math.max(1, Math.floor(limit * 0.05));
  if (!Number.isInteger(burst) || burst < 1 || burst >= limit) {
    if (!(limit === 1 && burst === 1)) {
      throw new ConfigError(
        'rateLimit.burst',
        `must be an integer from 1 to ${limit - 1}, got ${String(burst)}`,
      );
    }
  }
  const now = options.now ?? Date.now;
  // With limit 1 the bucket holds one token and refills once per interval.
  const perMs = limit === 1 ? 1 / intervalMs : (limit - burst) / intervalMs;
  let tokens = burst;
  let updated = now();
  let queue: Promise<void> = Promise.resolve();

  const refill = (): void => {
    const at = now();
    tokens = Math.min(burst, tokens + (at - updated) * perMs);
    updated = at;
  };

  const take = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.ceil((1 - tokens) / perMs), signal);
    }
  };

  return {
    limit,
    intervalMs,
    acquire(signal) {
      // Serialise waiters so that tokens go out in arrival order (fair under contention).
      const turn = queue.then(() => take(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

const shared = new Map<string, RateLimiter>();

/**
 * Returns the limiter registered under `key` (for example `winit:<app_key>`), creating it on first
 * use, so every client instance spending the same credential's budget shares one bucket.
 */
export function sharedRateLimiter(key: string, options: RateLimiterOptions): RateLimiter {
  const existing = shared.get(key);
  if (existing && existing.limit === options.limit && existing.intervalMs === options.intervalMs) {
    return existing;
  }
  const limiter = createRateLimiter(options);
  shared.set(key, limiter);
  return limiter;
}
