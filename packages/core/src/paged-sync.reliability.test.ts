/**
 * The paging guard against generated gateways (fast-check, fixed seed). Hostile ones (repeated
 * pages, cycles, absurd or lying totals, endless empty or fresh pages, pages cut short) always end
 * with a typed error within a bounded number of requests; honest ones, whatever their sizes, never
 * trip it, and resume from any cursor delivers exactly the rest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type PagedSyncSource, pagedSync, type SegmentPage } from './paged-sync.js';
import { PagingError, RowCountMismatchError } from './paging-errors.js';
import { PAGING_LIMITS } from './paging-guard.js';
import type { Cursor } from './provider.js';

const SEED = 20240101;
// Tight enough that a gateway of endless fresh pages is stopped in a few hundred requests.
const MAX_TOTAL = 1_000;

interface Item {
  key: string;
}

const cursorSchema = z.object({
  segment: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  seenTotal: z.number().nullish(),
});

/** How one segment's gateway behaves. */
type Script =
  | { kind: 'honest'; rows: number; announce: boolean }
  | { kind: 'repeat'; rows: number; from: number; announce: boolean }
  | { kind: 'cycle'; period: number; announce: boolean }
  | { kind: 'absurd-total'; total: number }
  | { kind: 'empty-forever'; total: number | undefined }
  | { kind: 'fresh-forever'; total: number | undefined }
  | { kind: 'never-last'; rows: number }
  | { kind: 'cut'; rows: number; page: number; keep: number };

const honestScript = fc.record({
  kind: fc.constant('honest' as const),
  rows: fc.integer({ min: 0, max: 120 }),
  announce: fc.boolean(),
});

const hostileScript: fc.Arbitrary<Script> = fc.oneof(
  fc.record({
    kind: fc.constant('repeat' as const),
    rows: fc.integer({ min: 1, max: 120 }),
    from: fc.integer({ min: 1, max: 6 }),
    announce: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('cycle' as const),
    period: fc.integer({ min: 2, max: 4 }),
    announce: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('absurd-total' as const),
    total: fc.constantFrom(1e12, 2 ** 53, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY),
  }),
  fc.record({
    kind: fc.constant('empty-forever' as const),
    total: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('fresh-forever' as const),
    total: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('never-last' as const), rows: fc.integer({ min: 0, max: 60 }) }),
  fc.record({
    kind: fc.constant('cut' as const),
    rows: fc.integer({ min: 2, max: 120 }),
    page: fc.integer({ min: 1, max: 4 }),
    keep: fc.integer({ min: 0, max: 100 }),
  }),
);

const range = (prefix: string, from: number, n: number): Item[] =>
  Array.from({ length: Math.max(0, n) }, (_, i) => ({ key: `${prefix}${from + i}` }));

/** What the gateway of `script` answers for `page` of segment `s`. */
function answer(script: Script, s: number, page: number, size: number): SegmentPage<Item> {
  const honest = (rows: number, p: number, announce: boolean): SegmentPage<Item> => {
    const from = (p - 1) * size;
    const items = range(`s${s}-`, from, Math.min(size, rows - from));
    const last = announce ? p >= Math.ceil(rows / size) : items.length < size;
    return { items, total: announce ? rows : undefined, last };
  };
  switch (script.kind) {
    case 'honest':
      return honest(script.rows, page, script.announce);
    case 'repeat': {
      // Pages advance until `from`, then the gateway serves page `from` again and again.
      const served = honest(Math.max(script.rows, size * 8), Math.min(page, script.from), true);
      return { ...served, total: script.announce ? served.total : undefined, last: false };
    }
    case 'cycle': {
      const at = ((page - 1) % script.period) + 1;
      return {
        items: range(`s${s}-`, at * size, size),
        total: script.announce ? size * 1_000 : undefined,
        last: false,
      };
    }
    case 'absurd-total':
      return { items: range(`s${s}-p${page}-`, 0, size), total: script.total, last: false };
    case 'empty-forever':
      return { items: [], total: script.total, last: false };
    case 'fresh-forever':
      return { items: range(`s${s}-p${page}-`, 0, size), total: script.total, last: false };
    case 'never-last':
      return { ...honest(script.rows, page, true), last: false };
    case 'cut': {
      const served = honest(script.rows, page, true);
      if (page !== Math.min(script.page, Math.ceil(script.rows / size))) return served;
      const keep = Math.min(script.keep, served.items.length - 1);
      return { ...served, items: served.items.slice(0, keep) };
    }
  }
}

function source(scripts: readonly Script[], pageSize: number) {
  const requests: string[] = [];
  const src: PagedSyncSource<Item, number, z.infer<typeof cursorSchema>> = {
    provider: 'test',
    endpoint: 'Test list',
    cursorSchema,
    plan: (cursor) => ({
      segments: scripts.map((_, i) => i),
      resume: cursor && { ...cursor, segment: cursor.segment },
    }),
    pageSize,
    maxPageSize: 100,
    operation: ({ segment, page }) => `test ${segment} page ${page}`,
    fetchPage: async ({ segment, page, pageSize }) => {
      requests.push(`${segment}:${page}`);
      // Far above the bound asserted below: a missing guard fails here instead of hanging.
      if (requests.length > 50_000) throw new Error('runaway paging');
      return answer(scripts[segment] as Script, segment, page, pageSize);
    },
    cursor: (at) => ({ ...at }),
    key: (item) => item.key,
    paths: { items: 'data.list', total: 'data.total' },
    limits: { maxTotal: MAX_TOTAL },
  };
  return { src, requests };
}

async function run(
  src: PagedSyncSource<Item, number, z.infer<typeof cursorSchema>>,
  cursor?: Cursor,
): Promise<{ items: Item[]; resumes: { after: number; next: Cursor }[]; error: unknown }> {
  const items: Item[] = [];
  // Each page's cursor, with how many items had been delivered when it was handed out.
  const resumes: { after: number; next: Cursor }[] = [];
  try {
    for await (const page of pagedSync(src, { cursor })) {
      items.push(...page.items);
      if (page.next !== null) resumes.push({ after: items.length, next: page.next });
    }
    return { items, resumes, error: undefined };
  } catch (error) {
    return { items, resumes, error };
  }
}

/** Requests one segment may take before the guard must have stopped it. */
const segmentBound = (pageSize: number): number =>
  Math.ceil(MAX_TOTAL / pageSize) + PAGING_LIMITS.slackPages + PAGING_LIMITS.maxEmptyPages + 2;

describe('pagedSync against generated gateways', () => {
  it('a hostile segment always ends the sync with a typed error, within a bounded number of requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(honestScript, { maxLength: 2 }),
        hostileScript,
        fc.integer({ min: 1, max: 25 }),
        async (before, hostile, pageSize) => {
          const scripts = [...before, hostile];
          const { src, requests } = source(scripts, pageSize);
          const { error } = await run(src);
          expect(
            error instanceof PagingError || error instanceof RowCountMismatchError,
            `ended with ${String(error)}`,
          ).toBe(true);
          expect((error as PagingError).retryable).toBe(false);
          expect(requests.length).toBeLessThanOrEqual(scripts.length * segmentBound(pageSize));
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  }, 30_000);

  it('honest gateways never trip the guard, and every cursor resumes exactly the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(honestScript, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 25 }),
        async (scripts, pageSize) => {
          const full = await run(source(scripts, pageSize).src);
          expect(full.error).toBeUndefined();
          const expected = scripts.flatMap((script, s) =>
            script.kind === 'honest' ? range(`s${s}-`, 0, script.rows) : [],
          );
          expect(full.items).toEqual(expected);
          // Up to 8 cursors spread over the sync, first and last included.
          const step = Math.max(1, Math.ceil(full.resumes.length / 8));
          const picked = full.resumes.filter(
            (_, i) => i % step === 0 || i === full.resumes.length - 1,
          );
          for (const { after, next } of picked) {
            const stored = JSON.parse(JSON.stringify(next)) as Cursor;
            const rest = await run(source(scripts, pageSize).src, stored);
            expect(rest.error).toBeUndefined();
            expect(rest.items).toEqual(expected.slice(after));
          }
        },
      ),
      { numRuns: 150, seed: SEED },
    );
  }, 30_000);
});
