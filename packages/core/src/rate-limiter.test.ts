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

  it('with a sliding window, never admits more than `limit` in any window yet uses all of it', async () => {
    const limiter = createRateLimiter({
      limit: 5,
      intervalMs: 100,
      strategy: 'sliding-window',
      now: () => performance.now(),
    });
    const started = performance.now();
    const admitted: number[] = [];
    for (let i = 0; i < 12; i++) {
      const release = await limiter.acquire();
      admitted.push(performance.now());
      release();
    }
    for (const at of admitted) {
      // Recorded times trail the limiter's own by microseconds: allow 1 ms of that.
      const inWindow = admitted.filter((t) => t > at - 99 && t <= at);
      expect(inWindow.length).toBeLessThanOrEqual(5);
    }
    // The first five leave at once; a token bucket would have spread them over the window.
    expect((admitted[4] as number) - started).toBeLessThan(50);
  });

  it('with a sliding window, counts a request from when it was answered', async () => {
    let clock = 1_000;
    const limiter = createRateLimiter({
      limit: 2,
      intervalMs: 30,
      strategy: 'sliding-window',
      now: () => clock,
    });
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    let admitted = false;
    const third = limiter.acquire().then((release) => {
      admitted = true;
      return release;
    });
    // Both in flight: however long they take, the third waits for an answer.
    clock = 5_000;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admitted).toBe(false);
    first();
    first();
    // Answered at 5 000: the gateway may have counted it as late as that, so 5 030 is the earliest.
    clock = 5_029;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(admitted).toBe(false);
    clock = 5_030;
    (await third)();
    expect(admitted).toBe(true);
    second();
  });

  it('with a sliding window, rejects an acquire waiting for an answer when its signal aborts', async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 60_000, strategy: 'sliding-window' });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('with a sliding window, lets a caller queued behind a waiting one give up at once', async () => {
    let clock = 0;
    const limiter = createRateLimiter({
      limit: 1,
      intervalMs: 30,
      strategy: 'sliding-window',
      now: () => clock,
    });
    const inFlight = await limiter.acquire();
    const ahead = limiter.acquire();
    const controller = new AbortController();
    const behind = limiter.acquire(controller.signal);
    controller.abort(new Error('gave up'));
    // At once, though the one ahead is still waiting for an answer.
    await expect(behind).rejects.toThrow('gave up');
    inFlight();
    clock = 30;
    (await ahead)();
    // The abandoned turn took no slot: the next caller gets it once the window has passed.
    clock = 60;
    const next = await limiter.acquire();
    next();
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
    [{ limit: 10, intervalMs: 1000, strategy: 'leaky' as never }, 'rateLimit.strategy'],
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
    expect(sharedRateLimiter('winit:demo', { limit: 1000, intervalMs: 60_000, burst: 50 })).toBe(a);
  });

  it('refuses a conflicting configuration for a shared key, naming the key and both', () => {
    const first = sharedRateLimiter('kingdee:conflict', { limit: 500, intervalMs: 60_000 });
    const ask = (options: Parameters<typeof sharedRateLimiter>[1]): unknown => {
      try {
        return sharedRateLimiter('kingdee:conflict', options);
      } catch (error) {
        return error;
      }
    };
    for (const options of [
      { limit: 100, intervalMs: 60_000 },
      { limit: 500, intervalMs: 1_000 },
      { limit: 500, intervalMs: 60_000, strategy: 'sliding-window' as const },
      { limit: 500, intervalMs: 60_000, burst: 3 },
    ]) {
      const error = ask(options);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ code: 'INV_CONFIG', option: 'rateLimit' });
      expect((error as Error).message).toContain('"kingdee:conflict"');
      expect((error as Error).message).toContain('500 per 60000 ms, token-bucket, burst 25');
    }
    expect((ask({ limit: 100, intervalMs: 60_000 }) as Error).message).toContain(
      'asks for 100 per 60000 ms, token-bucket, burst 5',
    );
    // The first client's limiter is still the one registered.
    expect(sharedRateLimiter('kingdee:conflict', { limit: 500, intervalMs: 60_000 })).toBe(first);
  });

  it('redacts credentials from the key of a conflict', () => {
    sharedRateLimiter('x:key-with-s3cret-inside', { limit: 5, intervalMs: 1000 });
    const error = (() => {
      try {
        sharedRateLimiter('x:key-with-s3cret-inside', { limit: 6, intervalMs: 1000 }, ['s3cret']);
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(JSON.stringify(error) + String(error?.message)).not.toContain('s3cret');
    expect(error?.message).toContain('x:key-with-[REDACTED]-inside');
  });
});
