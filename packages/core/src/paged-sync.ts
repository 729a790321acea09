import type { z } from 'zod';
import { ConfigError } from './errors.js';
import { createPagingGuard, type PagingLimits } from './paging-guard.js';
import type { Cursor, Page } from './provider.js';
import { abortError } from './sleep.js';

/** A page of a segment: which segment, which page, at which page size. */
export interface PagePosition<S> {
  segment: S;
  page: number;
  pageSize: number;
}

/** One page as the provider read it from its gateway. */
export interface SegmentPage<T> {
  items: T[];
  /** Rows the gateway announces for the whole segment, when it announces any. */
  total: number | undefined;
  /** The provider's protocol says this is the segment's last page. */
  last: boolean;
}

/** What a sync walks, and where a cursor resumes it. */
export interface SyncPlan<S> {
  /** The segments in a stable order; one for a sync the gateway pages in one piece. */
  segments: readonly S[];
  /** Where the cursor resumes: segment index, page, the page size and total it was made with. */
  resume?:
    | {
        segment: number;
        page: number;
        pageSize?: number | undefined;
        seenTotal?: number | null | undefined;
      }
    | undefined;
}

/** A provider's paged endpoint, as the shared paginator drives it. */
export interface PagedSyncSource<T, S, C> {
  provider: string;
  /** The paged endpoint, for messages: `Kingdee scm/inventory`, `Winit pageInv`. */
  endpoint: string;
  /** The provider's cursor; anything else passed as `cursor` is refused with a `ConfigError`. */
  cursorSchema: z.ZodType<C>;
  /** The segments of this run and where the (validated) cursor resumes. */
  plan(cursor: C | undefined, signal: AbortSignal | undefined): SyncPlan<S> | Promise<SyncPlan<S>>;
  /** Rows per page of a fresh run (a cursor carries its own), validated against `maxPageSize`. */
  pageSize: number;
  maxPageSize: number;
  /** The operation's name in errors: `inventory.pages US0001/2C/GOOD page 3`. */
  operation(at: PagePosition<S>): string;
  fetchPage(
    at: PagePosition<S> & { operation: string },
    signal: AbortSignal | undefined,
  ): Promise<SegmentPage<T>>;
  /** The JSON cursor that fetches `at` next. */
  cursor(at: PagePosition<S> & { seenTotal: number | null }): Cursor;
  /** The item's stable key, for repeat detection. */
  key(item: T): string;
  /** Answer paths of the items and the total, for row-count issues. */
  paths: { items: string; total: string };
  /** Appended to row-count messages: the provider's likely cause. */
  rowCountHint?: string | undefined;
  /** Overrides of the guard's bounds, `PAGING_LIMITS` by default. */
  limits?: Partial<PagingLimits> | undefined;
}

/**
 * The resume-aware paginator both providers share. Walks every segment page by page, one page in
 * memory at a time; each page carries the cursor that resumes after it (`null` after the last).
 *
 * - **Resume, at least once.** Paging is by offset over rows that keep changing: when the first
 *   page of a resumed run announces a smaller total than the cursor saw, rows already delivered
 *   left the result set and later rows moved up; the walk steps back as many pages as rows left,
 *   re-delivering a few rows rather than skipping any.
 * - **Paging always ends.** Every page passes the paging guard (repeated page, absurd total, pages
 *   past the announced end, runs of empty pages, rows against the announced total), so a broken
 *   gateway stops the sync with a typed error instead of looping (docs/reliability.md).
 *
 * `Page.total` is passed on only for a single-segment sync: totals are announced per segment.
 */
export async function* pagedSync<T, S, C>(
  source: PagedSyncSource<T, S, C>,
  options: { cursor?: Cursor | undefined; signal?: AbortSignal | undefined } = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const { signal } = options;
  const cursor = options.cursor === undefined ? undefined : readCursor(source, options.cursor);
  const { segments, resume } = await source.plan(cursor, signal);
  const pageSize = resume?.pageSize ?? source.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > source.maxPageSize) {
    throw new ConfigError(
      'pageSize',
      `must be an integer from 1 to ${source.maxPageSize}, got ${String(pageSize)}`,
      { provider: source.provider },
    );
  }
  const single = segments.length === 1;
  const guardContext = {
    provider: source.provider,
    endpoint: source.endpoint,
    pageSize,
    key: (item: T) => source.key(item),
    paths: source.paths,
    rowCountHint: source.rowCountHint,
    limits: source.limits,
  };
  let resumedTotal = resume?.seenTotal ?? undefined;
  let page = resume?.page ?? 1;
  for (let index = resume?.segment ?? 0; index < segments.length; index++, page = 1) {
    const segment = segments[index] as S;
    const guard = createPagingGuard(guardContext, page === 1);
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const fetch = async () => {
        const at = { segment, page, pageSize };
        const operation = source.operation(at);
        return { operation, answer: await source.fetchPage({ ...at, operation }, signal) };
      };
      let { operation, answer } = await fetch();
      const shrunk =
        resumedTotal !== undefined && answer.total !== undefined ? resumedTotal - answer.total : 0;
      resumedTotal = undefined;
      if (shrunk > 0 && page > 1) {
        page = Math.max(1, page - Math.ceil(shrunk / pageSize));
        ({ operation, answer } = await fetch());
      }
      const { items, total, last } = answer;
      guard.check({ operation, page, items, total, last });
      const following = segments[index + 1];
      const next = !last
        ? source.cursor({ segment, page: page + 1, pageSize, seenTotal: total ?? null })
        : following === undefined
          ? null
          : source.cursor({ segment: following, page: 1, pageSize, seenTotal: null });
      yield { items, next, total: single ? total : undefined };
      if (last) break;
      page++;
    }
  }
}

function readCursor<C>(source: PagedSyncSource<unknown, unknown, C>, cursor: Cursor): C {
  const result = source.cursorSchema.safeParse(cursor);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigError(
    'cursor',
    `is not a ${source.endpoint} sync cursor (${issue?.path.join('.') || 'cursor'}: ${issue?.message}); pass a Page.next from this provider unchanged`,
    { provider: source.provider },
  );
}
