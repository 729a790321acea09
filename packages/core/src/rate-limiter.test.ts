import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { createRateLimiter, sharedRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('never admits more than `limit` requests in any window', async () => {
    const limiter = createRateLimiter({ limit: 20, intervalMs: 200, burst: 5 });
    const admitted: number[] = [];
    for (let i = 0; i < 50; i++) {
      await limiter.acquire();
      admitted.push(performance.now());
    }
    for (const at of admitted) {
      const inWindow = admitted.filter((t) => t > at - 200 && t <= at);
      expect(inWindow.length).toBeLessThanOrEqual(20);
    }
  });

  it('admits the burst at once, then makes the next caller wait', async () => {
    const limiter = createRateLimiter({ limit: 11, intervalMs: 10_000, burst: 10 });
    for (let i = 0; i < 10; i++) await limiter.acquire();
    const controller = new AbortController();
    const pending = limiter.acquire(controller.signal);
    const raced = await Promise.race([
      pending.then(() => 'admitted'),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 30)),
    ]);
    expect(raced).toBe('waiting');
    controller.abort(new Error('done'));
    await expect(pending).rejects.toThrow('done');
  });

  it('rejects a waiting acquire when its signal aborts', async () => {
    const limiter = createRateLimiter({ limit: 2, intervalMs: 60_000, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it.each([
    [{ limit: 0, intervalMs: 1000 }, 'rateLimit.limit'],
    [{ limit: 10, intervalMs: -5 }, 'rateLimit.intervalMs'],
    [{ limit: 10, intervalMs: 1000, burst: 10 }, 'rateLimit.burst'],
  ])('refuses %j naming %s', (options, option) => {
    expect(() => createRateLimiter(options)).toThrow(ConfigError);
    try {
      createRateLimiter(options);
    } catch (error) {
      expect((error as ConfigError).option).toBe(option);
    }
  });

  it('shares one bucket per key', () => {
    const a = sharedRateLimiter('winit:demo', { limit: 1000, intervalMs: 60_000 });
    const b = sharedRateLimiter('winit:demo', { limit: 1000, intervalMs: 60_000 });
    const c = sharedRateLimiter('winit:other', { limit: 1000, intervalMs: 60_000 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
