/**
 * Interrupted syncs resume from the last delivered page's cursor without repeating or skipping a
 * row. Interruptions are generated (fast-check, fixed seed): breaking out of the loop, aborting
 * before the next page, or aborting while the next page is in flight, once or several times in a
 * row. Cursors are stored as JSON between runs, as a real caller would. Change syncs keep the
 * window they started with, so changes made after it do not leak into the resumed run.
 */
import type { Cursor, InventoryRecord, Page, Provider, TransportEvent } from '@inv/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A sandbox holding one provider's inventory, and the provider's client on it. */
export interface ResumeWorld {
  /** Rows a full sync walks. */
  fullCount: number;
  /** A client on this sandbox, with the sandbox's clock, retries off and a fast rate limit. */
  provider(options: { pageSize: number; onEvent?: (event: TransportEvent) => void }): Provider;
  /** Changes rows `from`..`from + count` of the synced scope, at the sandbox clock. */
  change(from: number, count: number): void;
  close(): Promise<void>;
}

/** What {@link describeResume} needs to know about a provider. */
export interface ResumeAdapter {
  name: string;
  /**
   * Starts a sandbox on the clock `now`. `wide`: the scope of a full sync with several segments
   * where the provider has them; `narrow`: one segment of at least 150 rows.
   */
  start(now: () => number, scope: 'wide' | 'narrow'): Promise<ResumeWorld>;
  /** Rows per page of the interrupted syncs. */
  pageSize: number;
  /** Rows changed inside a change window. */
  changed: number;
  /** First row of the ten changed between runs, after the window (plus 0..100). */
  laterFrom: number;
}

const SEED = 20240101;
const T0 = Date.UTC(2025, 0, 15, 4, 0, 0);

type Mode = 'break' | 'abort-between' | 'abort-in-flight';
type Open = (
  cursor: Cursor | undefined,
  signal: AbortSignal,
) => AsyncIterable<Page> | Iterable<Page>;
interface Armed {
  abort?: (() => void) | undefined;
}

/**
 * Starts (or resumes) a sync and interrupts it after `stopAfter` pages in the given way. Returns
 * the rows delivered and the cursor to resume from (the last delivered page's `next`, stored as
 * JSON), or `done` when the sync ran to its end.
 */
async function runUntil(
  open: Open,
  cursor: Cursor | undefined,
  stopAfter: number,
  mode: Mode,
  armInFlightAbort: (abort: () => void) => void,
): Promise<{ rows: InventoryRecord[]; cursor: Cursor | undefined; done: boolean }> {
  const controller = new AbortController();
  const rows: InventoryRecord[] = [];
  let last: string | undefined = cursor === undefined ? undefined : JSON.stringify(cursor);
  let pages = 0;
  try {
    for await (const page of open(cursor, controller.signal)) {
      rows.push(...page.items);
      if (page.next === null) return { rows, cursor: undefined, done: true };
      last = JSON.stringify(page.next);
      if (++pages < stopAfter) continue;
      if (mode === 'break') break;
      if (mode === 'abort-between') controller.abort(new Error('stopped by the test'));
      else armInFlightAbort(() => controller.abort(new Error('stopped mid-request')));
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return {
    rows,
    cursor: last === undefined ? undefined : (JSON.parse(last) as Cursor),
    done: false,
  };
}

const interruptions = fc.array(
  fc.record({
    stopAfter: fc.integer({ min: 1, max: 6 }),
    mode: fc.constantFrom<Mode>('break', 'abort-between', 'abort-in-flight'),
  }),
  { minLength: 1, maxLength: 4 },
);

/** Runs a sync through the given interruptions, resuming each time, then to its end. */
async function interruptedSync(
  open: Open,
  plan: readonly { stopAfter: number; mode: Mode }[],
  armed: Armed,
): Promise<InventoryRecord[]> {
  const rows: InventoryRecord[] = [];
  let cursor: Cursor | undefined;
  for (const { stopAfter, mode } of plan) {
    const run = await runUntil(open, cursor, stopAfter, mode, (abort) => {
      armed.abort = abort;
    });
    armed.abort = undefined;
    rows.push(...run.rows);
    if (run.done) return rows;
    cursor = run.cursor;
  }
  const rest = await runUntil(open, cursor, Number.POSITIVE_INFINITY, 'break', () => undefined);
  return [...rows, ...rest.rows];
}

async function fullSync(pages: AsyncIterable<Page> | undefined): Promise<InventoryRecord[]> {
  const rows: InventoryRecord[] = [];
  for await (const page of pages ?? []) rows.push(...page.items);
  return rows;
}

const keys = (rows: readonly InventoryRecord[]): string[] => rows.map((r) => r.key);

/** Aborts the in-flight request of the page after the interruption point, when armed. */
function inFlightAborter(armed: Armed): (event: TransportEvent) => void {
  return (event) => {
    if (event.type === 'request' && armed.abort) {
      const abort = armed.abort;
      armed.abort = undefined;
      // Once the request is on the wire: the abort then cancels the fetch itself.
      setImmediate(abort);
    }
  };
}

/** The resume scenarios, run against `adapter`'s client and sandbox. */
export function describeResume(adapter: ResumeAdapter): void {
  describe(`${adapter.name}: interrupted syncs resume exactly`, () => {
    let clock = T0;
    let world: ResumeWorld;
    let provider: Provider;
    const armed: Armed = {};
    beforeAll(async () => {
      world = await adapter.start(() => clock, 'wide');
      provider = world.provider({
        pageSize: adapter.pageSize,
        onEvent: inFlightAborter(armed),
      });
    });
    afterAll(() => world.close());

    it('pages: any sequence of interruptions yields the full sync, no row twice', async () => {
      const full = await fullSync(provider.inventory.pages?.());
      expect(full).toHaveLength(world.fullCount);
      expect(new Set(keys(full)).size).toBe(full.length);
      await fc.assert(
        fc.asyncProperty(interruptions, async (plan) => {
          const rows = await interruptedSync(
            (cursor, signal) => provider.inventory.pages?.({ cursor, signal }) ?? [],
            plan,
            armed,
          );
          expect(keys(rows)).toEqual(keys(full));
          expect(rows).toEqual(full);
        }),
        { numRuns: 20, seed: SEED },
      );
    });

    it('changes: the resumed run keeps its window; later changes wait for the next window', async () => {
      clock = T0;
      const since = new Date(clock);
      clock += 2000;
      world.change(0, adapter.changed);
      clock += 2000;
      const until = new Date(clock);
      const full = await fullSync(provider.inventory.changes?.({ since, until }));
      expect(full).toHaveLength(adapter.changed);
      await fc.assert(
        fc.asyncProperty(interruptions, fc.integer({ min: 0, max: 100 }), async (plan, extra) => {
          clock = until.getTime();
          const rows = await interruptedSync(
            (cursor, signal) => {
              // Between runs the world moves on: rows not yet in the window change after it.
              clock += 5000;
              world.change(adapter.laterFrom + extra, 10);
              // The resumed run does not pass `until`: the cursor carries the window.
              return cursor
                ? (provider.inventory.changes?.({ since, cursor, signal }) ?? [])
                : (provider.inventory.changes?.({ since, until, signal }) ?? []);
            },
            plan,
            armed,
          );
          expect(keys(rows)).toEqual(keys(full));
        }),
        { numRuns: 15, seed: SEED },
      );
    });
  });

  describe(`${adapter.name}: a change sync resumed after delivered rows changed again skips nothing`, () => {
    it('delivers every changed row once', async () => {
      let clock = T0;
      const world = await adapter.start(() => clock, 'narrow');
      try {
        const provider = world.provider({ pageSize: 50 });
        const since = new Date(clock);
        clock += 60_000;
        world.change(0, 150);
        clock += 60_000;
        const until = new Date(clock);
        const delivered: InventoryRecord[] = [];
        let cursor: Cursor | null = null;
        for await (const page of provider.inventory.changes?.({ since, until }) ?? []) {
          delivered.push(...page.items);
          cursor = page.next;
          break;
        }
        expect(delivered).toHaveLength(50);
        // Five delivered rows change again after the window, before the sync resumes.
        clock += 600_000;
        world.change(0, 5);
        const rest = await fullSync(
          provider.inventory.changes?.({ since, cursor: cursor ?? undefined }),
        );
        expect(new Set(keys([...delivered, ...rest])).size).toBe(150);
      } finally {
        await world.close();
      }
    });
  });
}
