import { describe, expect, it } from 'vitest';
import { createRequestLog, type LoggedRequest, type RequestLogEntry } from './context.js';

const entry = (n: number): LoggedRequest => ({
  provider: 'winit',
  method: 'POST',
  route: `r${n}`,
  status: 200,
  verdict: 'accepted',
  ms: 1,
});

describe('request log', () => {
  it('keeps the newest entries first and forgets beyond capacity', () => {
    const log = createRequestLog(3);
    for (let i = 1; i <= 5; i++) log.push(entry(i), Date.UTC(2026, 0, 1, 0, 0, i));
    expect(log.entries().map((e) => e.route)).toEqual(['r5', 'r4', 'r3']);
    expect(log.entries(2).map((e) => e.route)).toEqual(['r5', 'r4']);
    expect(log.entries(1)[0]?.at).toBe('2026-01-01T00:00:05.000Z');
    log.clear();
    expect(log.entries()).toEqual([]);
  });

  it('gives each entry a stable id, found while the log holds it, counting on after clear', () => {
    const log = createRequestLog(3);
    for (let i = 1; i <= 5; i++) log.push(entry(i), i);
    expect(log.entries().map((e) => e.id)).toEqual([5, 4, 3]);
    expect(log.get(4)?.entry).toMatchObject({ id: 4, route: 'r4' });
    expect(log.get(2)).toBeUndefined();
    expect(log.get(6)).toBeUndefined();
    expect(log.since(3).map((e) => e.id)).toEqual([4, 5]);
    expect(log.since(0).map((e) => e.id)).toEqual([3, 4, 5]);
    log.clear();
    expect(log.get(5)).toBeUndefined();
    log.push(entry(6), 6);
    expect(log.entries().map((e) => e.id)).toEqual([6]);
    expect(log.get(6)?.entry.route).toBe('r6');
  });

  it('tells subscribers of each new entry until they unsubscribe', () => {
    const log = createRequestLog(3);
    const seen: RequestLogEntry[] = [];
    const unsubscribe = log.subscribe((e) => seen.push(e));
    log.push(entry(1), Date.UTC(2026, 0, 1));
    unsubscribe();
    log.push(entry(2), Date.UTC(2026, 0, 1));
    expect(seen).toEqual([{ ...entry(1), id: 1, at: '2026-01-01T00:00:00.000Z' }]);
  });
});
