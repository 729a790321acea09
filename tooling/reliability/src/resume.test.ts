/**
 * Interrupted syncs resume from the last delivered page's cursor without repeating or skipping a
 * row. Interruptions are generated (fast-check, fixed seed): breaking out of the loop, aborting
 * before the next page, or aborting while the next page is in flight, once or several times in a
 * row. Cursors are stored as JSON between runs, as a real caller would. Change syncs keep the
 * window they started with, so changes made after it do not leak into the resumed run.
 */
import type { Cursor, InventoryRecord, Page, TransportEvent } from '@inv/core';
import { createKingdeeProvider, type KingdeeProvider } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS as KINGDEE } from '@inv/kingdee-protocol';
import {
  createKingdeeInventoryState,
  createWinitSandboxState,
  type RunningSandbox,
  startSandbox,
} from '@inv/sandbox';
import { createWinitProvider, type WinitProvider } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS as WINIT } from '@inv/winit-protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SEED = 20240101;
const T0 = Date.UTC(2025, 0, 15, 4, 0, 0);
let clock = T0;
const now = (): number => clock;

type Mode = 'break' | 'abort-between' | 'abort-in-flight';

/**
 * Starts (or resumes) a sync and interrupts it after `stopAfter` pages in the given way. Returns
 * the rows delivered and the cursor to resume from (the last delivered page's `next`, stored as
 * JSON), or `done` when the sync ran to its end.
 */
async function runUntil(
  open: (cursor: Cursor | undefined, signal: AbortSignal) => AsyncIterable<Page>,
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
  open: (cursor: Cursor | undefined, signal: AbortSignal) => AsyncIterable<Page>,
  plan: readonly { stopAfter: number; mode: Mode }[],
  armed: { abort?: (() => void) | undefined },
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
function inFlightAborter(armed: { abort?: (() => void) | undefined }) {
  return (event: TransportEvent): void => {
    if (event.type === 'request' && armed.abort) {
      const abort = armed.abort;
      armed.abort = undefined;
      // Once the request is on the wire: the abort then cancels the fetch itself.
      setImmediate(abort);
    }
  };
}

describe('kingdee: interrupted syncs resume exactly', () => {
  let sandbox: RunningSandbox;
  const state = createKingdeeInventoryState({ size: 600, now });
  const armed: { abort?: (() => void) | undefined } = {};
  let provider: KingdeeProvider;
  beforeAll(async () => {
    sandbox = await startSandbox({ now, kingdee: { state } });
    provider = createKingdeeProvider({
      clientId: KINGDEE.clientId,
      clientSecret: KINGDEE.clientSecret,
      outerInstanceId: KINGDEE.account.outerInstanceId,
      baseURL: sandbox.url,
      now,
      pageSize: 40,
      rateLimit: { limit: 1_000_000, intervalMs: 1000 },
      retry: { retries: 0 },
      onEvent: inFlightAborter(armed),
    });
  });
  afterAll(() => sandbox.close());

  it('pages: any sequence of interruptions yields the full sync, no row twice', async () => {
    const full = await fullSync(provider.inventory.pages?.());
    expect(full).toHaveLength(600);
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
    const positions = state.positions();
    for (const p of positions.slice(0, 150)) state.adjust(p.row.id, 1);
    clock += 2000;
    const until = new Date(clock);
    const full = await fullSync(provider.inventory.changes?.({ since, until }));
    expect(full).toHaveLength(150);
    await fc.assert(
      fc.asyncProperty(interruptions, fc.integer({ min: 0, max: 200 }), async (plan, extra) => {
        clock = until.getTime();
        const rows = await interruptedSync(
          (cursor, signal) => {
            // Between runs the world moves on: rows not yet in the window change after it.
            clock += 5000;
            for (const p of positions.slice(300 + (extra % 100), 310 + (extra % 100))) {
              state.adjust(p.row.id, 1);
            }
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

describe('winit: interrupted syncs resume exactly', () => {
  let sandbox: RunningSandbox;
  const state = createWinitSandboxState();
  const armed: { abort?: (() => void) | undefined } = {};
  let provider: WinitProvider;
  beforeAll(async () => {
    sandbox = await startSandbox({ now, winit: { state, rateLimit: false } });
    provider = createWinitProvider({
      appKey: 'demo@example.com',
      token: WINIT.token,
      baseURL: sandbox.url,
      now,
      warehouseCodes: ['DE0001', 'UK0001'],
      pageSize: 60,
      rateLimit: { limit: 1_000_000, intervalMs: 1000 },
      retry: { retries: 0 },
      onEvent: inFlightAborter(armed),
    });
  });
  afterAll(() => sandbox.close());

  it('pages across segments: any sequence of interruptions yields the full sync, no row twice', async () => {
    const full = await fullSync(provider.inventory.pages?.());
    const expected = state
      .rows()
      .filter((row) => row.warehouseCode === 'DE0001' || row.warehouseCode === 'UK0001');
    expect(full).toHaveLength(expected.length);
    expect(new Set(keys(full)).size).toBe(full.length);
    await fc.assert(
      fc.asyncProperty(interruptions, async (plan) => {
        const rows = await interruptedSync(
          (cursor, signal) => provider.inventory.pages?.({ cursor, signal }) ?? [],
          plan,
          armed,
        );
        expect(rows).toEqual(full);
      }),
      { numRuns: 20, seed: SEED },
    );
  });

  it('changes: the resumed run keeps its window; later changes wait for the next window', async () => {
    clock = T0;
    const since = new Date(clock);
    clock += 2000;
    const rows = state.rows().filter((row) => row.warehouseCode === 'DE0001');
    for (const row of rows.slice(0, 200)) {
      state.adjust(row, { usableQty: row.usableQty + 1 }, clock);
    }
    clock += 2000;
    const until = new Date(clock);
    const full = await fullSync(provider.inventory.changes?.({ since, until }));
    expect(full).toHaveLength(200);
    await fc.assert(
      fc.asyncProperty(interruptions, fc.integer({ min: 0, max: 100 }), async (plan, extra) => {
        clock = until.getTime();
        const resumed = await interruptedSync(
          (cursor, signal) => {
            clock += 5000;
            for (const row of rows.slice(250 + extra, 260 + extra)) {
              state.adjust(row, { onOrderQty: row.onOrderQty + 1 }, clock);
            }
            return cursor
              ? (provider.inventory.changes?.({ since, cursor, signal }) ?? [])
              : (provider.inventory.changes?.({ since, until, signal }) ?? []);
          },
          plan,
          armed,
        );
        expect(keys(resumed)).toEqual(keys(full));
      }),
      { numRuns: 15, seed: SEED },
    );
  });
});

describe('a change sync resumed after delivered rows changed again skips nothing', () => {
  let sandbox: RunningSandbox;
  const state = createWinitSandboxState();
  let provider: WinitProvider;
  beforeAll(async () => {
    sandbox = await startSandbox({ now, winit: { state, rateLimit: false } });
    provider = createWinitProvider({
      appKey: 'demo@example.com',
      token: WINIT.token,
      baseURL: sandbox.url,
      now,
      warehouseCodes: ['DE0001'],
      serviceTypes: ['2C'],
      grades: ['GOOD'],
      pageSize: 50,
      rateLimit: { limit: 1_000_000, intervalMs: 1000 },
      retry: { retries: 0 },
    });
  });
  afterAll(() => sandbox.close());

  it('winit changes', async () => {
    clock = T0;
    const since = new Date(clock);
    clock += 2000;
    const rows = state
      .rows()
      .filter(
        (r) =>
          r.warehouseCode === 'DE0001' && r.serviceType === '2C' && r.merchandiseGrade === 'GOOD',
      );
    for (const row of rows.slice(0, 150))
      state.adjust(row, { usableQty: row.usableQty + 1 }, clock);
    clock += 2000;
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
    clock += 10_000;
    for (const row of rows.slice(0, 5)) state.adjust(row, { usableQty: row.usableQty + 2 }, clock);
    const rest = await fullSync(
      provider.inventory.changes?.({ since, cursor: cursor ?? undefined }),
    );
    const all = new Set(keys([...delivered, ...rest]));
    expect(all.size).toBe(150);
  });
});

describe('a Kingdee change sync resumed after delivered rows changed again skips nothing', () => {
  it('kingdee changes', async () => {
    let at = Date.UTC(2024, 0, 10);
    const state = createKingdeeInventoryState({ size: 200, now: () => at });
    const sandbox = await startSandbox({ now: () => at, kingdee: { state } });
    try {
      const provider = createKingdeeProvider({
        clientId: KINGDEE.clientId,
        clientSecret: KINGDEE.clientSecret,
        outerInstanceId: KINGDEE.account.outerInstanceId,
        baseURL: sandbox.url,
        now: () => at,
        pageSize: 50,
        rateLimit: { limit: 1_000_000, intervalMs: 1000 },
        retry: { retries: 0 },
      });
      const since = new Date(at);
      at += 60_000;
      const ids = state
        .positions()
        .slice(0, 150)
        .map((p) => p.row.id);
      for (const id of ids) state.adjust(id, 1);
      at += 60_000;
      const until = new Date(at);
      const delivered: InventoryRecord[] = [];
      let cursor: Cursor | null = null;
      for await (const page of provider.inventory.changes({ since, until })) {
        delivered.push(...page.items);
        cursor = page.next;
        break;
      }
      expect(delivered).toHaveLength(50);
      // Five positions change again after the window, before the sync resumes.
      at += 600_000;
      for (const id of ids.slice(0, 5)) state.adjust(id, 1);
      const rest = await fullSync(
        provider.inventory.changes({ since, until, cursor: cursor ?? undefined }),
      );
      expect(new Set(keys([...delivered, ...rest])).size).toBe(150);
    } finally {
      await sandbox.close();
    }
  });
});
