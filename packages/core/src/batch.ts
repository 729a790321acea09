import { ConfigError } from './errors.js';
import type { Cursor, Page } from './provider.js';
import { abortError } from './sleep.js';

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size <= 0) {
    throw new ConfigError('batchSize', `must be a positive integer, got ${String(size)}`);
  }
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface MapConcurrentOptions {
  /** How many calls run at once. */
  concurrency: number;
  signal?: AbortSignal | undefined;
}

/**
 * Maps `items` through `fn` with at most `concurrency` calls in flight; results keep input order.
 * The first failure stops new calls from starting and is rethrown once running calls settle.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  options: MapConcurrentOptions,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const { concurrency, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency <= 0) {
    throw new ConfigError('concurrency', `must be a positive integer, got ${String(concurrency)}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      if (signal?.aborted) {
        failure ??= { error: abortError(signal) };
        return;
      }
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/**
 * Turns a page fetcher into an async iterator of pages. Iteration starts at `cursor` (or the first
 * page) and stops when a page reports `next: null`. Only one page is held at a time, so a sync of
 * any size runs in constant memory.
 */
export async function* paginate<T>(
  fetchPage: (cursor: Cursor | undefined, signal: AbortSignal | undefined) => Promise<Page<T>>,
  options: { cursor?: Cursor | undefined; signal?: AbortSignal | undefined } = {},
): AsyncGenerator<Page<T>, void, undefined> {
  let cursor = options.cursor;
  for (;;) {
    if (options.signal?.aborted) throw abortError(options.signal);
    const page = await fetchPage(cursor, options.signal);
    yield page;
    if (page.next === null) return;
    cursor = page.next;
  }
}
