import { ConfigError } from './errors.js';
import { abortError, sleep } from './sleep.js';

export interface RateLimiterOptions {
  /** At most this many requests in any window of `intervalMs`. */
  limit: number;
  intervalMs: number;
  /**
   * How requests are spread inside the budget:
   * - `'token-bucket'` (default): a small burst, then a steady pace of `(limit - burst) / intervalMs`.
   *   Safe against any way a server counts, at the cost of using ~`1 - burst/limit` of the budget.
   * - `'sliding-window'`: `limit` slots; a request holds one from when it leaves until
   *   `intervalMs` after it was answered (call the release `acquire` resolves with). The gateway
   *   counts a request somewhere between those two moments, so it never sees more than `limit` in
   *   any window of `intervalMs` however long the network or the server takes, and the whole
   *   budget is usable (up to `limit` at once). Exact for servers that count with a sliding or
   *   fixed window.
   */
  strategy?: 'token-bucket' | 'sliding-window' | undefined;
  /**
   * Bucket capacity: how many requests may leave at once after an idle period. The refill rate is
   * `(limit - burst) / intervalMs`, so that even a full burst followed by steady traffic never puts
   * more than `limit` requests in any window (a server counting with a sliding window never throttles).
   * Defaults to 5% of `limit`, at least 1. Token bucket only.
   */
  burst?: number | undefined;
  /** Clock, for tests. */
  now?: (() => number) | undefined;
}

/** Ends a request's hold on its rate-limit slot. */
export type RateLimitRelease = () => void;

/** A request budget shared by every request that spends it. */
export interface RateLimiter {
  /**
   * Resolves when a request may be sent, with a release to call once it has been answered or has
   * failed (the sliding window counts from then; idempotent). Rejects with the signal's reason
   * when aborted while waiting.
   */
  acquire(signal?: AbortSignal): Promise<RateLimitRelease>;
  readonly limit: number;
  readonly intervalMs: number;
  readonly strategy: 'token-bucket' | 'sliding-window';
}

/**
 * Creates a limiter that never lets more than `limit` requests start in any `intervalMs` window;
 * see {@link RateLimiterOptions.strategy}.
 */
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
  const now = options.now ?? Date.now;
  const strategy = options.strategy ?? 'token-bucket';
  let take: Take;
  if (strategy === 'sliding-window') {
    take = slidingWindow(limit, intervalMs, now);
  } else if (strategy === 'token-bucket') {
    take = tokenBucket(limit, intervalMs, options.burst, now);
  } else {
    throw new ConfigError(
      'rateLimit.strategy',
      `must be 'token-bucket' or 'sliding-window', got ${JSON.stringify(strategy)}`,
    );
  }
  let queue: Promise<void> = Promise.resolve();

  return {
    limit,
    intervalMs,
    strategy,
    acquire(signal) {
      // Serialise waiters so that tokens go out in arrival order (fair under contention).
      const turn = queue.then(() => take(signal));
      queue = turn.then(
        () => undefined,
        () => undefined,
      );
      if (!signal) return turn;
      // A caller queued behind others must be able to give up at once: with a sliding window the
      // one ahead may wait for an answer plus a whole interval. Its turn still comes; `take` then
      // sees the abort and takes no slot (or the slot taken in between is handed back).
      return new Promise<RateLimitRelease>((resolve, reject) => {
        const onAbort = (): void => reject(abortError(signal));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
        turn.then(
          (release) => {
            signal.removeEventListener('abort', onAbort);
            if (signal.aborted) release();
            else resolve(release);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        );
      });
    },
  };
}

type Take = (signal?: AbortSignal) => Promise<RateLimitRelease>;

const noRelease: RateLimitRelease = () => undefined;

function tokenBucket(
  limit: number,
  intervalMs: number,
  burstOption: number | undefined,
  now: () => number,
): Take {
  const burst = burstOption ?? Math.max(1, Math.floor(limit * 0.05));
  if (!Number.isInteger(burst) || burst < 1 || burst >= limit) {
    if (!(limit === 1 && burst === 1)) {
      throw new ConfigError(
        'rateLimit.burst',
        `must be an integer from 1 to ${limit - 1}, got ${String(burst)}`,
      );
    }
  }
  // With limit 1 the bucket holds one token and refills once per interval.
  const perMs = limit === 1 ? 1 / intervalMs : (limit - burst) / intervalMs;
  let tokens = burst;
  let updated = now();

  const refill = (): void => {
    const at = now();
    tokens = Math.min(burst, tokens + (at - updated) * perMs);
    updated = at;
  };

  return async (signal) => {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return noRelease;
      }
      await sleep(Math.ceil((1 - tokens) / perMs), signal);
    }
  };
}

/**
 * `limit` slots, each free from `intervalMs` after its last request was answered (`Infinity` while
 * one is in flight). Two requests sharing a slot are then at least `intervalMs` apart wherever the
 * gateway counted them, so no window of `intervalMs` holds more than `limit`.
 */
function slidingWindow(limit: number, intervalMs: number, now: () => number): Take {
  const freeAt = new Float64Array(limit);
  let released: (() => void) | undefined;

  const nextRelease = (signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const onAbort = (): void => reject(abortError(signal as AbortSignal));
      signal?.addEventListener('abort', onAbort, { once: true });
      released = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
    });

  return async (signal) => {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      let slot = 0;
      for (let i = 1; i < limit; i++)
        if ((freeAt[i] as number) < (freeAt[slot] as number)) slot = i;
      const wait = (freeAt[slot] as number) - now();
      if (wait <= 0) {
        freeAt[slot] = Number.POSITIVE_INFINITY;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          freeAt[slot] = now() + intervalMs;
          const wake = released;
          released = undefined;
          wake?.();
        };
      }
      // Every slot in flight: the first answer decides when the next one frees.
      if (wait === Number.POSITIVE_INFINITY) await nextRelease(signal);
      else await sleep(Math.ceil(wait), signal);
    }
  };
}

/** What makes two limiters spend a budget the same way. */
interface LimiterConfig {
  limit: number;
  intervalMs: number;
  strategy: 'token-bucket' | 'sliding-window';
  burst: number | undefined;
}

const shared = new Map<string, { limiter: RateLimiter; config: LimiterConfig }>();

function configOf(options: RateLimiterOptions): LimiterConfig {
  const strategy = options.strategy ?? 'token-bucket';
  return {
    limit: options.limit,
    intervalMs: options.intervalMs,
    strategy,
    // The default burst, resolved, so that `burst: 50` and no burst at limit 1000 agree.
    burst:
      strategy === 'token-bucket'
        ? (options.burst ?? Math.max(1, Math.floor(options.limit * 0.05)))
        : undefined,
  };
}

function describeConfig(config: LimiterConfig): string {
  const burst = config.burst === undefined ? '' : `, burst ${config.burst}`;
  return `${config.limit} per ${config.intervalMs} ms, ${config.strategy}${burst}`;
}

/**
 * Returns the limiter registered under `key` (for example `winit:<app_key>`), creating it on first
 * use, so every client instance spending the same credential's budget shares one bucket. A second
 * client asking for a different configuration under the same key is refused with a
 * {@link ConfigError}: replacing the limiter would give two clients of one credential two budgets,
 * and together they would overrun the gateway's. `secrets` are redacted from the error's key.
 */
export function sharedRateLimiter(
  key: string,
  options: RateLimiterOptions,
  secrets: Iterable<string | undefined | null> = [],
): RateLimiter {
  const config = configOf(options);
  const existing = shared.get(key);
  if (existing) {
    const same = (Object.keys(config) as (keyof LimiterConfig)[]).every(
      (name) => existing.config[name] === config[name],
    );
    if (same) return existing.limiter;
    throw new ConfigError(
      'rateLimit',
      `the rate limit "${key}" is already shared in this process as ${describeConfig(existing.config)}; this client asks for ${describeConfig(config)}. Clients spending one budget must agree on it: pass the same rateLimit to every client of this credential`,
      { secrets, details: { key, existing: existing.config, requested: config } },
    );
  }
  const limiter = createRateLimiter(options);
  shared.set(key, { limiter, config });
  return limiter;
}
