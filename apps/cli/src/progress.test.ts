import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from './progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    stream: { isTTY, columns: 200, write: (c: string) => chunks.push(c) > 0, once: () => {} },
  };
}

describe('progress', () => {
  it('draws a bar when the total is known and counts otherwise', () => {
    expect(renderProgress({ label: 'kingdee', rows: 50, pages: 1, total: 200 })).toBe(
      'kingdee  ██████░░░░░░░░░░░░░░░░░░ 25%  50/200 rows · 1 page',
    );
    expect(renderProgress({ label: 'winit', rows: 450, pages: 3, total: 200 })).toBe(
      'winit  450 rows · 3 pages',
    );
    expect(renderProgress({ label: 'winit', rows: 0, pages: 0 })).toBe('winit  0 rows · 0 pages');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { chunks, stream } = sink(false);
    const progress = createProgress(stream, { label: 'x', enabled: true });
    progress.update({ rows: 1, pages: 1 });
    progress.done();
    expect(chunks).toEqual([]);
  });

  it('redraws one line on a terminal, throttled, and clears it at the end', () => {
    const { chunks, stream } = sink(true);
    let time = 0;
    const progress = createProgress(stream, { label: 'x', enabled: true, now: () => time });
    progress.update({ rows: 1, pages: 1 });
    time = 50;
    progress.update({ rows: 2, pages: 2 });
    time = 150;
    progress.update({ rows: 3, pages: 3 });
    progress.done();
    expect(chunks).toEqual([
      '\r\x1b[2Kx  1 rows · 1 page',
      '\r\x1b[2Kx  3 rows · 3 pages',
      '\r\x1b[2K',
    ]);
  });

  it('stays silent when disabled (--quiet)', () => {
    const { chunks, stream } = sink(true);
    createProgress(stream, { label: 'x', enabled: false }).update({ rows: 1, pages: 1 });
    expect(chunks).toEqual([]);
  });
});
