import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKingdeeInventoryState } from '../providers/kingdee-data.js';
import { startChangeStream } from './change-stream.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('change stream', () => {
  it('changes random positions at the set rate, the same ones for the same seed', () => {
    vi.useFakeTimers();
    const run = (seed: number) => {
      const state = createKingdeeInventoryState({ size: 50, now: () => 0 });
      const pushed: string[] = [];
      state.onChange((ids) => pushed.push(...ids));
      const stop = startChangeStream(state, { perSecond: 100, seed });
      vi.advanceTimersByTime(200);
      stop();
      vi.advanceTimersByTime(200);
      return { changes: state.changes(), pushed };
    };
    const first = run(7);
    expect(first.changes).toHaveLength(20);
    expect(first.pushed).toEqual(first.changes.map((c) => c.id));
    expect(run(7).changes).toEqual(first.changes);
    expect(run(8).changes).not.toEqual(first.changes);
  });

  it('never takes on hand below zero', () => {
    vi.useFakeTimers();
    const state = createKingdeeInventoryState({ size: 5, now: () => 0 });
    for (const { row } of state.positions()) state.adjust(row.id, -row.qty);
    const stop = startChangeStream(state, { perSecond: 1000, seed: 1, maxDelta: 3 });
    vi.advanceTimersByTime(500);
    stop();
    for (const { row } of state.positions()) expect(row.qty).toBeGreaterThanOrEqual(0);
  });
});
