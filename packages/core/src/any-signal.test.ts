import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { anySignal } from './any-signal.js';

const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length;

describe('anySignal', () => {
  it('aborts with the reason of the first signal that aborts', () => {
    const first = new AbortController();
    const second = new AbortController();
    const combined = anySignal([first.signal, undefined, second.signal]);
    expect(combined.signal.aborted).toBe(false);
    second.abort(new Error('second'));
    first.abort(new Error('first'));
    expect(combined.signal.aborted).toBe(true);
    expect(combined.signal.reason).toEqual(new Error('second'));
  });

  it('is aborted at once when a signal already is, and passes a timeout reason on', async () => {
    const done = AbortSignal.abort('gone');
    expect(anySignal([new AbortController().signal, done]).signal.reason).toBe('gone');
    const combined = anySignal([AbortSignal.timeout(1)]);
    await new Promise((resolve) => combined.signal.addEventListener('abort', resolve));
    expect((combined.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('leaves nothing on a long-lived signal once disposed or aborted', () => {
    const lifetime = new AbortController().signal;
    for (let i = 0; i < 10_000; i++) {
      const request = new AbortController();
      const combined = anySignal([lifetime, request.signal]);
      if (i % 2 === 0) combined.dispose();
      else request.abort();
      expect(listeners(request.signal)).toBe(0);
    }
    expect(listeners(lifetime)).toBe(0);
  });

  it('disposing twice, or after an abort, is harmless, and the combined signal stays aborted', () => {
    const source = new AbortController();
    const combined = anySignal([source.signal]);
    source.abort('stop');
    combined.dispose();
    combined.dispose();
    expect(combined.signal.reason).toBe('stop');
  });

  it('never aborts when disposed before its sources abort', () => {
    const source = new AbortController();
    const combined = anySignal([source.signal]);
    combined.dispose();
    source.abort();
    expect(combined.signal.aborted).toBe(false);
  });
});
