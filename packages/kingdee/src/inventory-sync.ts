/**
 * Paged walks of `scm/inventory` (docs/protocols/kingdee.md §9.2): the whole filtered list as one
 * segment, resumable from a cursor that keeps the page size and the change window.
 */
import {
  type Cursor,
  type InventoryRecord,
  type ListOptions,
  type Page,
  pagedSync,
} from '@inv/core';
import {
  KINGDEE_MAX_PAGE_SIZE,
  KINGDEE_PATHS,
  kingdeeReference,
  type QueryParam,
} from '@inv/kingdee-protocol';
import { z } from 'zod';
import type { KingdeeClient } from './client.js';
import { KINGDEE_PROVIDER_ID } from './constants.js';
import { normalizeScmInventoryRow } from './normalize.js';
import { scmInventoryResponseParser } from './row-parsers.js';

/** Walks the pages of `scm/inventory` filtered by `filters`, naming them after `operation`. */
export type ListPages = (
  opts: ListOptions,
  filters: QueryParam[],
  operation: string,
  cursorExtras: Cursor,
) => AsyncIterable<Page>;

/** The one segment of a Kingdee list: the gateway pages the filtered list in one piece. */
const WHOLE_LIST = 'scm/inventory';

/**
 * Resume point of `pages`/`changes`: the page to fetch next and the page size its number refers to,
 * the `count` seen when it was made (a smaller one on resume means rows left), and the window of
 * `changes`. Every field is optional so that cursors of earlier releases still resume.
 */
const cursorSchema = z.object({
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(KINGDEE_MAX_PAGE_SIZE).optional(),
  seenCount: z.number().int().min(0).nullish(),
  modifyStartTime: z.string().optional(),
  modifyEndTime: z.string().optional(),
});
type KingdeeCursor = z.infer<typeof cursorSchema>;

/** The provider's paged walks on `client`. */
export function createListPages(client: KingdeeClient): ListPages {
  const { options } = client;
  return (
    opts: ListOptions,
    filters: QueryParam[],
    operation: string,
    cursorExtras: Cursor,
  ): AsyncIterable<Page> =>
    pagedSync<InventoryRecord, typeof WHOLE_LIST, KingdeeCursor>(
      {
        provider: KINGDEE_PROVIDER_ID,
        endpoint: 'Kingdee scm/inventory',
        cursorSchema,
        // One segment: the gateway pages the filtered list in one piece.
        plan: (cursor) => ({
          segments: [WHOLE_LIST],
          resume: cursor && {
            segment: 0,
            page: cursor.page ?? 1,
            pageSize: cursor.pageSize,
            seenTotal: cursor.seenCount,
          },
        }),
        pageSize: opts.pageSize ?? options.pageSize,
        maxPageSize: KINGDEE_MAX_PAGE_SIZE,
        operation: ({ page }) => `${operation} page ${page}`,
        fetchPage: async ({ page, pageSize, operation }, signal) => {
          const { body, raw } = await client.call(
            {
              method: 'GET',
              path: KINGDEE_PATHS.scmInventory,
              query: [...filters, ['page', String(page)], ['page_size', String(pageSize)]],
              operation,
              schema: scmInventoryResponseParser,
              what: 'scm/inventory answer',
            },
            { signal },
          );
          const { count, total_page: totalPage, rows } = body.data;
          const rawRows = (raw as { data: { rows: Record<string, unknown>[] } }).data.rows;
          return {
            items: rows.map((row, index) => normalizeScmInventoryRow(row, { raw: rawRows[index] })),
            total: count,
            // §9.2: the client pages until page ≥ total_page; the guard holds rows against count.
            last: page >= totalPage,
          };
        },
        cursor: ({ page, pageSize, seenTotal }) => ({
          ...cursorExtras,
          page,
          pageSize,
          seenCount: seenTotal,
        }),
        key: (record) => record.key,
        paths: { items: 'data.rows', total: 'data.count' },
        rowCountHint: ` (is the gateway cutting page_size? see ${kingdeeReference('9.2')})`,
      },
      { cursor: opts.cursor, signal: opts.signal },
    );
}
