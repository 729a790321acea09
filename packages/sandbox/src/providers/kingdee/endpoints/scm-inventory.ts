/**
 * `GET /jdy/v2/scm/inventory` (docs/protocols/kingdee.md §9.2): positions paged and filtered, with the
 * page_size overflow quirk and `count` as a string by default.
 */
import { KINGDEE_MAX_PAGE_SIZE } from '@inv/kingdee-protocol';
import { clip, Refusal } from '../../../gateway/refusal.js';
import { createRevisionCache } from '../../../revision-cache.js';
import type { KingdeeInventoryState, KingdeePosition } from '../dataset-types.js';
import { invalidParameter, success } from '../envelope.js';
import type { KingdeeGatewayConfig } from '../options.js';
import { KINGDEE_MAX_PARAM_VALUES, listParam, positiveInt, single, timeFilter } from '../params.js';
import type { KingdeeEndpointHandler } from './endpoint.js';

type Read = (position: KingdeePosition) => string;

const FILTERS: readonly [key: string, read: Read, ids: boolean][] = [
  ['material_ids', (p) => p.row.material_id, true],
  ['material_numbers', (p) => p.row.material_number, false],
  ['stock_ids', (p) => p.row.stock_id, true],
  ['stock_numbers', (p) => p.row.stock_number, false],
  ['sp_ids', (p) => p.row.sp_id, true],
  ['aux_prop_ids', (p) => p.row.aux_prop_id, true],
];

const TIME_FILTERS = [
  'modify_start_time',
  'modify_end_time',
  'create_start_time',
  'create_end_time',
] as const;

const within = (at: number, start: number | undefined, end: number | undefined): boolean =>
  (start === undefined || at >= start) && (end === undefined || at <= end + 999);

export function scmInventoryEndpoint(
  config: KingdeeGatewayConfig,
  state: KingdeeInventoryState,
): KingdeeEndpointHandler {
  /**
   * Matching positions per filter set (paging aside) until the dataset changes: a sync pages
   * through one filter set, and filtering every position for each page made a large-dataset sync
   * quadratic.
   */
  const matches = createRevisionCache<readonly KingdeePosition[]>({
    revision: () => state.revision(),
    maxWeight: 16,
  });
  return {
    limits: {},
    handle(params) {
      const pageText = single(params, 'page');
      if (pageText instanceof Refusal) return pageText;
      const sizeText = single(params, 'page_size');
      if (sizeText instanceof Refusal) return sizeText;
      const page = positiveInt('page', pageText, 1);
      if (page instanceof Refusal) return page;
      const requested = positiveInt('page_size', sizeText, 10);
      if (requested instanceof Refusal) return requested;
      if (requested > KINGDEE_MAX_PAGE_SIZE && !config.quirks.pageSizeOverflow) {
        return invalidParameter(
          'page_size',
          `${requested} is larger than the maximum ${KINGDEE_MAX_PAGE_SIZE}`,
          `at most ${KINGDEE_MAX_PAGE_SIZE}`,
        );
      }
      const active: [Set<string>, Read, string][] = [];
      for (const [key, read, ids] of FILTERS) {
        const values = params.get(key);
        if (values === undefined) continue;
        const list = listParam(key, values, KINGDEE_MAX_PARAM_VALUES, ids);
        if (list instanceof Refusal) return list;
        if (list.length > 0) active.push([new Set(list), read, key]);
      }
      const bounds: Record<string, number | undefined> = {};
      for (const key of TIME_FILTERS) {
        const at = timeFilter(params, key, config.timeZone);
        if (at instanceof Refusal) return at;
        bounds[key] = at;
      }
      const batchFlag = single(params, 'include_batch_kf_period');
      if (batchFlag instanceof Refusal) return batchFlag;
      if (batchFlag !== undefined && batchFlag !== 'true' && batchFlag !== 'false') {
        return invalidParameter(
          'include_batch_kf_period',
          `"${clip(batchFlag)}" is not a boolean`,
          'true or false',
        );
      }
      const filterKey = JSON.stringify([active.map(([set, , key]) => [key, ...set]), bounds]);
      const matching = matches.get(filterKey, () =>
        state
          .positions()
          .filter(
            (position) =>
              active.every(([set, read]) => set.has(read(position))) &&
              within(position.modifiedAt, bounds.modify_start_time, bounds.modify_end_time) &&
              within(position.createdAt, bounds.create_start_time, bounds.create_end_time),
          ),
      );
      // §9.2 quirk: rows are cut at 100 a page while total_page follows the requested size.
      const served = Math.min(requested, KINGDEE_MAX_PAGE_SIZE);
      const rows = matching.slice((page - 1) * served, page * served).map((p) => state.scmRow(p));
      const count = matching.length;
      return success({
        count: config.quirks.countAsString ? String(count) : count,
        page,
        page_size: served,
        current_page_size: rows.length,
        total_page: Math.ceil(count / requested),
        rows,
      });
    },
  };
}
