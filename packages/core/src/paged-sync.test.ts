import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { InvError } from './inv-error.js';
import { type PagedSyncSource, pagedSync, type SegmentPage } from './paged-sync.js';
import { PagingError, RowCountMismatchError } from './paging-errors.js';
import { PAGING_LIMITS } from './paging-guard.js';
import type { Cursor, Page } from './provider.js';

interface Item {
  key: string;
}

const cursorSchema = z.object({
  segment: z.string(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  seenTotal: z.number().int().min(0).nullish(),
});
type TestCursor = z.infer<typeof cursorSchema>;

/** What the fake gateway answers for page `page` of `segment`. */
type Answer = (segment: string, page: number, pageSize: number) => SegmentPage<Item>;

// A runaway source stops here, so a test of a missing guard fails instead of hanging.
const RUNAWAY = 5_000;

function source(
  answer: Answer,
  segments: readonly string[] = ['all'],
  pageSize = 10,
): PagedSyncSource<Item, string, TestCursor> & { requests: string[] } {
  const requests: string[] = [];
  return {
    requests,
    provider: 'test',
    endpoint: 'Test list',
    cursorSchema,
    plan: (cursor) => ({
      segments,
      resume: cursor && {
        segment: segments.indexOf(cursor.segment),
        page: cursor.page,
        pageSize: cursor.pageSize,
        seenTotal: cursor.seenTotal,
      },
    }),
    pageSize,
    maxPageSize: 100,
    operation: ({ segment, page }) => `test ${segment} page ${page}`,
    fetchPage: async ({ segment, page, pageSize }) => {
      requests.push(`${segment}:${page}`);
      if (requests.length > RUNAWAY) throw new Error('runaway paging: the guard did not stop it');
      return answer(segment, page, pageSize);
    },
    cursor: ({ segment, page, pageSize, seenTotal }) => ({ segment, page, pageSize, seenTotal }),
    key: (item) => item.key,
    paths: { items: 'data.list', total: 'data.total' },
  };
}

/** An honest gateway over `rows` rows per segment, ending at ceil(rows / pageSize). */
const honest =
  (rows: number | ((segment: string) => number)): Answer =>
  (segment, page, pageSize) => {
    const total = typeof rows === 'number' ? rows : rows(segment);
    const from = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) => ({
      key: `${segment}-${from + i}`,
    }));
    return { items, total, last: page >= Math.ceil(total / pageSize) };
  };

const fullPage = (pageSize: number, prefix = 'k'): Item[] =>
  Array.from({ length: pageSize }, (_, i) => ({ key: `${prefix}${i}` }));

async function collect(pages: AsyncIterable<Page<Item>>): Promise<Page<Item>[]> {
  const out: Page<Item>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function failure(pages: AsyncIterable<Page<Item>>): Promise<InvError> {
  const error = await collect(pages).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvError);
  return error as InvError;
}

describe('pagedSync: correct paging', () => {
  it('walks every segment page by page, with cursors and totals', async () => {
    const src = source(
      honest((s) => (s === 'a' ? 25 : 0)),
      ['a', 'b'],
    );
    const pages = await collect(pagedSync(src));
    expect(pages.flatMap((p) => p.items).map((i) => i.key)).toEqual(
      Array.from({ length: 25 }, (_, i) => `a-${i}`),
    );
    expect(src.requests).toEqual(['a:1', 'a:2', 'a:3', 'b:1']);
    expect(pages.map((p) => p.next)).toEqual([
      { segment: 'a', page: 2, pageSize: 10, seenTotal: 25 },
      { segment: 'a', page: 3, pageSize: 10, seenTotal: 25 },
      { segment: 'b', page: 1, pageSize: 10, seenTotal: null },
      null,
    ]);
    // Totals are per segment: a multi-segment sync passes none on.
    expect(pages.every((p) => p.total === undefined)).toBe(true);
  });

  it('passes the total on for a single segment', async () => {
    const pages = await collect(pagedSync(source(honest(15))));
    expect(pages.map((p) => p.total)).toEqual([15, 15]);
  });

  it('resumes from a cursor stored as JSON, page size included', async () => {
    const first = await collect(pagedSync(source(honest(25), ['a'], 5)));
    const cursor = JSON.parse(JSON.stringify(first[1]?.next)) as Cursor;
    const src = source(honest(25), ['a'], 10);
    const rest = await collect(pagedSync(src, { cursor }));
    expect(src.requests).toEqual(['a:3', 'a:4', 'a:5']);
    expect(rest.flatMap((p) => p.items)).toEqual(first.slice(2).flatMap((p) => p.items));
  });

  it('steps back when the total shrank since the cursor was made (at least once)', async () => {
    const src = source(honest(22));
    const pages = await collect(
      pagedSync(src, { cursor: { segment: 'all', page: 3, pageSize: 10, seenTotal: 25 } }),
    );
    // 3 rows left: page 3 of the old offsets is now page 2.5; page 2 is fetched again.
    expect(src.requests).toEqual(['all:3', 'all:2', 'all:3']);
    expect(pages.flatMap((p) => p.items).at(0)).toEqual({ key: 'all-10' });
  });

  it('refuses a cursor of another shape, naming the option', async () => {
    const error = await failure(pagedSync(source(honest(5)), { cursor: { pageNo: 2 } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ option: 'cursor', provider: 'test' });
    expect(error.message).toContain('segment');
  });

  it('refuses a page size outside 1..maxPageSize', async () => {
    const error = await failure(pagedSync(source(honest(5), ['a'], 101)));
    expect(error).toMatchObject({ option: 'pageSize' });
  });

  it('stops at an abort between pages', async () => {
    const controller = new AbortController();
    const src = source(honest(50));
    const seen: Page<Item>[] = [];
    await expect(
      (async () => {
        for await (const page of pagedSync(src, { signal: controller.signal })) {
          seen.push(page);
          controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect(src.requests).toHaveLength(1);
  });
});

describe('pagedSync: paging always ends (hostile gateways)', () => {
  it('the same page forever, announcing a plausible total', async () => {
    const src = source(() => ({ items: fullPage(10), total: 10_000, last: false }));
    const error = await failure(pagedSync(src));
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toMatchObject({ code: 'INV_PAGING', fault: 'repeated-page', page: 2 });
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({
      fingerprint: { count: 10, first: 'k0', last: 'k9' },
      total: 10_000,
      operation: 'test all page 2',
    });
    expect(error.message).toContain('same 10 rows as page 1');
    expect(src.requests).toHaveLength(2);
  });

  it('the same page forever with no total', async () => {
    const src = source(() => ({ items: fullPage(10), total: undefined, last: false }));
    expect(await failure(pagedSync(src))).toMatchObject({ fault: 'repeated-page' });
    expect(src.requests).toHaveLength(2);
  });

  it('a total of 10^12 rows', async () => {
    const src = source((_s, page) => ({
      items: fullPage(10, `p${page}-`),
      total: 1e12,
      last: false,
    }));
    const error = await failure(pagedSync(src));
    expect(error).toMatchObject({ fault: 'total-out-of-range', total: 1e12 });
    expect(error.message).toContain(String(PAGING_LIMITS.maxTotal));
    expect(src.requests).toHaveLength(1);
  });

  it.each([-1, 2.5, Number.NaN])('a total of %s', async (total) => {
    const src = source(() => ({ items: [], total, last: false }));
    expect(await failure(pagedSync(src))).toMatchObject({ fault: 'total-out-of-range' });
  });

  it('empty pages forever with no total', async () => {
    const src = source(() => ({ items: [], total: undefined, last: false }));
    expect(await failure(pagedSync(src))).toMatchObject({ fault: 'empty-pages' });
    expect(src.requests).toHaveLength(PAGING_LIMITS.maxEmptyPages);
  });

  it('total pages of 10^9 over a total of 25 rows (new rows each page)', async () => {
    // Kingdee's end rule is `page >= total_page`; the gateway claims 10^9 pages for 25 rows.
    const src = source((_s, page) => ({
      items: page <= 3 ? honest(25)('all', page, 10).items : [],
      total: 25,
      last: page >= 1e9,
    }));
    const error = await failure(pagedSync(src));
    expect(error).toMatchObject({
      fault: 'past-announced-end',
      page: 3 + PAGING_LIMITS.slackPages + 1,
    });
    expect(src.requests.length).toBeLessThanOrEqual(3 + PAGING_LIMITS.slackPages + 1);
  });

  it('fresh full pages past the announced end are refused by the row count first', async () => {
    const src = source((_s, page) => ({
      items: fullPage(10, `p${page}-`),
      total: 25,
      last: false,
    }));
    const error = await failure(pagedSync(src));
    expect(error).toBeInstanceOf(RowCountMismatchError);
    expect(error).toMatchObject({ expected: 5, received: 10, page: 3 });
  });

  it('fresh full pages forever with no total stop at the row bound', async () => {
    const src = source((_s, page) => ({
      items: fullPage(10, `p${page}-`),
      total: undefined,
      last: false,
    }));
    const error = await failure(pagedSync({ ...src, limits: { maxTotal: 1_000 } }));
    expect(error).toMatchObject({ fault: 'too-many-rows' });
    expect(src.requests).toHaveLength(101);
  });

  it('a segment whose pages add up to less than its stable total', async () => {
    // total_page 2 for 25 rows at 10 a page: the third page is never asked for.
    const src = source((s, page, size) => ({ ...honest(25)(s, page, size), last: page >= 2 }));
    const error = await failure(pagedSync(src));
    expect(error).toBeInstanceOf(RowCountMismatchError);
    expect(error).toMatchObject({ expected: 25, received: 20 });
    expect(error.message).toContain('5 rows short');
  });

  it('a page cut short mid-segment', async () => {
    const src = source((s, page, size) => {
      const answer = honest(25)(s, page, size);
      return page === 2 ? { ...answer, items: answer.items.slice(0, 4) } : answer;
    });
    const error = await failure(pagedSync(src));
    expect(error).toMatchObject({ expected: 10, received: 4, page: 2 });
    expect(error.message).toContain('6 rows missing');
  });
});
