import { ResponseShapeError, type ShapeIssue } from './errors.js';
import { InvError, type InvErrorOptions } from './inv-error.js';

/** What a gateway did that made a paged sync stop (see docs/reliability.md, *Paging always ends*). */
export type PagingFault =
  /** The page holds exactly the rows of the page before it: the gateway is not advancing. */
  | 'repeated-page'
  /** The announced total is not a count any inventory can have (negative, fractional, too large). */
  | 'total-out-of-range'
  /** More pages than the announced total allows, plus a small slack. */
  | 'past-announced-end'
  /** Several empty pages in a row before the gateway's announced end. */
  | 'empty-pages'
  /** No total was announced and the segment delivered more rows than any inventory can hold. */
  | 'too-many-rows';

/** The facts a {@link PagingError} reports, also in its `details`. */
export interface PagingFacts {
  fault: PagingFault;
  /** The operation and page that tripped the guard, e.g. `inventory.pages page 7`. */
  operation: string;
  page: number;
  pageSize: number;
  /** Total the gateway announced on this page, when it announced one. */
  total: number | undefined;
  /** Rows the segment has delivered so far in this run. */
  delivered: number;
  /** Cheap fingerprint of the page's item keys: how many, the first and the last. */
  fingerprint: { count: number; first: string | null; last: string | null };
}

/**
 * A gateway's paging would never end, or ends somewhere its own totals say it cannot (a repeated
 * page, a total of 10^12 rows, endless empty pages). The sync stops with what the gateway did
 * instead of looping; repeating the same call meets the same answers, so it is not retryable.
 */
export class PagingError extends InvError {
  override name = 'PagingError';
  readonly fault: PagingFault;
  readonly page: number;
  readonly total: number | undefined;
  constructor(message: string, facts: PagingFacts, options: InvErrorOptions = {}) {
    super('INV_PAGING', message, {
      ...options,
      retryable: false,
      details: { ...facts, ...options.details },
    });
    this.fault = facts.fault;
    this.page = facts.page;
    this.total = facts.total;
  }
}

/**
 * A page, or a whole segment, delivered a number of rows its own announced total contradicts (the
 * Kingdee `page_size` cut of docs/protocols/kingdee.md §9.2, rows lost between pages). Nothing is
 * silently dropped: the sync stops here.
 */
export class RowCountMismatchError extends ResponseShapeError {
  override name = 'RowCountMismatchError';
  /** Rows the answer announced for the page (or the whole segment). */
  readonly expected: number;
  readonly received: number;
  readonly page: number | undefined;
  constructor(
    message: string,
    facts: { expected: number; received: number; page?: number | undefined },
    issues: readonly ShapeIssue[],
    options: InvErrorOptions = {},
  ) {
    super(message, issues, {
      ...options,
      details: {
        expected: facts.expected,
        received: facts.received,
        page: facts.page,
        ...options.details,
      },
    });
    this.expected = facts.expected;
    this.received = facts.received;
    this.page = facts.page;
  }
}
