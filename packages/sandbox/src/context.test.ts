import { describe, expect, it } from 'vitest';
import { createRequestLog, type RequestLogEntry } from './context.js';

const entry = (n: number): Omit<RequestLogEntry, 'at'> => ({
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
});
