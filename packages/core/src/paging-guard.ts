import { PagingError, type PagingFault, RowCountMismatchError } from './paging-errors.js';

/**
 * Bounds of the paging guard (docs/reliability.md, *Paging always ends*). They sit far above any
 * legitimate sync, so only a broken or hostile gateway meets them.
 */
export const PAGING_LIMITS: Readonly<PagingLimits> = Object.freeze({
  /** Largest total a gateway may announce, and most rows a segment without a total may deliver. */
  maxTotal: 100_000_000,
  /** Pages tolerated past `ceil(total / pageSize)` (a total that shrank while paging, an off-by-one). */
  slackPages: 2,
  /** Empty pages in a row tolerated before the gateway's own end of the segment. */
  maxEmptyPages: 3,
});

export interface PagingLimits {
  /** Largest total a gateway may announce, and most rows a segment without a total may deliver. */
  maxTotal: number;
  /** Pages tolerated past `ceil(total / pageSize)` (a total that shrank while paging, an off-by-one). */
  slackPages: number;
  /** Empty pages in a row tolerated before the gateway's own end of the segment. */
  maxEmptyPages: number;
}

/** Where the guard's messages say the failure happened, and how to read the gateway's fields. */
export interface PagingGuardContext<T> {
  provider: string;
  /** The paged endpoint, e.g. `Kingdee scm/inventory`. */
  endpoint: string;
  pageSize: number;
  /** The item's stable key (`InventoryRecord.key`), for repeat detection. */
  key: (item: T) => string;
  /** Answer paths of the items and the total, for row-count issues (`data.rows`, `data.count`). */
  paths: { items: string; total: string };
  /** Appended to row-count messages: the provider's likely cause. */
  rowCountHint?: string | undefined;
  /** Overrides of {@link PAGING_LIMITS} (tests, a provider with a documented tighter bound). */
  limits?: Partial<PagingLimits> | undefined;
}

/** One page as the provider read it, before it is delivered. */
export interface GuardedPage<T> {
  operation: string;
  page: number;
  items: readonly T[];
  total: number | undefined;
  /** The provider's own end rule says this is the segment's last page. */
  last: boolean;
}

/** Checks the pages of one segment, in order; one guard per segment walk. */
export interface PagingGuard<T> {
  /** Throws {@link PagingError} or {@link RowCountMismatchError} when the page cannot be right. */
  check(page: GuardedPage<T>): void;
}

/**
 * Creates the guard of one segment walk. `fromFirstPage` says the walk started at page 1 in this
 * run, so the rows it delivers can be held against the announced total at the end. Each check is
 * O(1) per page on a healthy gateway (the repeat test stops at the first differing key).
 */
export function createPagingGuard<T>(
  context: PagingGuardContext<T>,
  fromFirstPage: boolean,
): PagingGuard<T> {
  const { pageSize, key } = context;
  const limits: PagingLimits = { ...PAGING_LIMITS, ...context.limits };
  let previous: readonly T[] | undefined;
  let emptyRun = 0;
  let delivered = 0;
  // The first page's total (`null` before it); a segment whose total moved is not held to it.
  let firstTotal: number | undefined | null = null;
  let totalStable = true;

  const fail = (fault: PagingFault, page: GuardedPage<T>, what: string, todo: string): never => {
    const { items } = page;
    const first = items.length > 0 ? key(items[0] as T) : null;
    const last = items.length > 0 ? key(items[items.length - 1] as T) : null;
    throw new PagingError(
      `${context.endpoint} (${page.operation}): ${what}. The sync stopped instead of paging forever; ${todo}`,
      {
        fault,
        operation: page.operation,
        page: page.page,
        pageSize,
        total: page.total,
        delivered,
        fingerprint: { count: items.length, first, last },
      },
      { provider: context.provider, details: { operation: page.operation } },
    );
  };
  const report =
    'resume later from the last delivered cursor, and report the answers to the provider if it persists';

  const checkTermination = (page: GuardedPage<T>): void => {
    const { items, total } = page;
    if (previous !== undefined && items.length > 0 && sameKeys(items, previous, key)) {
      fail(
        'repeated-page',
        page,
        `page ${page.page} holds the same ${items.length} rows as page ${page.page - 1} (keys ${key(items[0] as T)} … ${key(items[items.length - 1] as T)}): the gateway is not advancing`,
        `check that the page number reaches the gateway; ${report}`,
      );
    }
    if (total !== undefined && !(Number.isSafeInteger(total) && total >= 0)) {
      fail('total-out-of-range', page, `the announced total ${total} is not a row count`, report);
    }
    if (total !== undefined && total > limits.maxTotal) {
      fail(
        'total-out-of-range',
        page,
        `the announced total ${total} is above ${limits.maxTotal} rows, more than any inventory holds`,
        report,
      );
    }
    if (total !== undefined) {
      const announcedPages = Math.max(1, Math.ceil(total / pageSize));
      if (page.page > announcedPages + limits.slackPages) {
        fail(
          'past-announced-end',
          page,
          `page ${page.page} was not the last page, yet the announced total ${total} at ${pageSize} rows a page ends at page ${announcedPages}`,
          report,
        );
      }
    }
    emptyRun = items.length === 0 && !page.last ? emptyRun + 1 : 0;
    if (emptyRun >= limits.maxEmptyPages) {
      fail(
        'empty-pages',
        page,
        `${emptyRun} empty pages in a row up to page ${page.page}, and the gateway still does not say the last page was reached`,
        report,
      );
    }
    if (total === undefined && delivered + items.length > limits.maxTotal) {
      fail(
        'too-many-rows',
        page,
        `the gateway announces no total and has delivered more than ${limits.maxTotal} rows`,
        report,
      );
    }
  };

  const checkRowCount = (page: GuardedPage<T>): void => {
    const { items, total } = page;
    if (total === undefined) return;
    const expected = Math.max(0, Math.min(pageSize, total - (page.page - 1) * pageSize));
    if (items.length !== expected) {
      const gap = Math.abs(expected - items.length);
      throw new RowCountMismatchError(
        `${context.endpoint} page ${page.page} holds ${items.length} rows but the announced total ${total} at ${pageSize} a page means ${expected} here: ${gap} rows ${items.length < expected ? 'missing' : 'unexpected'}${context.rowCountHint ?? ''}`,
        { expected, received: items.length, page: page.page },
        [{ path: context.paths.items, message: `expected ${expected} rows, got ${items.length}` }],
        { provider: context.provider, details: { operation: page.operation } },
      );
    }
  };

  const checkSegmentEnd = (page: GuardedPage<T>): void => {
    const { total } = page;
    if (!page.last || !fromFirstPage || !totalStable || total === undefined) return;
    if (delivered === total) return;
    throw new RowCountMismatchError(
      `${context.endpoint} delivered ${delivered} rows over ${page.page} pages but the announced total is ${total}: ${Math.abs(total - delivered)} rows ${delivered < total ? 'short' : 'too many'}`,
      { expected: total, received: delivered },
      [
        {
          path: context.paths.total,
          message: `expected ${total} rows in total, got ${delivered}`,
        },
      ],
      { provider: context.provider, details: { operation: page.operation } },
    );
  };

  return {
    check(page) {
      checkTermination(page);
      checkRowCount(page);
      delivered += page.items.length;
      if (firstTotal === null) firstTotal = page.total;
      else if (page.total !== firstTotal) totalStable = false;
      checkSegmentEnd(page);
      previous = page.items;
    },
  };
}

/** Whether two pages hold the same keys in the same order; stops at the first difference. */
function sameKeys<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (key(a[i] as T) !== key(b[i] as T)) return false;
  }
  return true;
}
