import { describe, expect, it } from 'vitest';
import { chunk, mapConcurrent, paginate } from './batch.js';
import { ConfigError } from './errors.js';
import type { Cursor, Page } from './provider.js';

describe('chunk', () => {
  it('splits into provider-sized chunks and keeps the remainder', () => {
    const ids = Array.from({ length: 250 }, (_, i) => String(i));
    const chunks = chunk(ids, 100);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(ids);
    expect(chunk([], 100)).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses batch size %s', (size) => {
    expect(() => chunk([1], size)).toThrow(ConfigError);
  });
});

describe('mapConcurrent', () => {
  it('never runs more than `concurrency` calls and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3], { concurrency: 2 }, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('stops starting new calls after a failure and rethrows it', async () => {
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4], { concurrency: 1 }, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});

describe('paginate', () => {
  const source =
    (total: number, size: number) =>
    async (cursor: Cursor | undefined): Promise<Page<number>> => {
      const page = Number(cursor?.page ?? 1);
      const items = Array.from(
        { length: Math.max(0, Math.min(size, total - (page - 1) * size)) },
        (_, i) => (page - 1) * size + i,
      );
      return { items, next: page * size < total ? { page: page + 1 } : null, total };
    };

  it('walks every page once and stops at next: null', async () => {
    const seen: number[] = [];
    for await (const page of paginate(source(25, 10))) seen.push(...page.items);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('resumes after a delivered page without repeating or skipping', async () => {
    const first: Page<number>[] = [];
    for await (const page of paginate(source(25, 10))) {
      first.push(page);
      break;
    }
    const rest: number[] = [];
    for await (const page of paginate(source(25, 10), { cursor: first[0]?.next ?? undefined }))
      rest.push(...page.items);
    expect([...(first[0]?.items ?? []), ...rest]).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(paginate(source(25, 10), { signal: controller.signal }).next()).rejects.toThrow(
      'stop',
    );
  });
});
