/**
 * The inventory state of the Kingdee sandbox: the positions served by `inv_synchronous` and
 * `scm/inventory` (docs/protocols/kingdee.md §9), generated from a seed (`kingdee/dataset-generator.ts`)
 * or loaded. The state object is the seam for admin routes: read rows by id, list them in a stable
 * order, and `adjust` quantities, which records a change id and modify time.
 */
import { addDecimal, parseDecimal } from '@inv/core';
import { generateKingdeePositions, positionsFromRows } from './kingdee/dataset-generator.js';
import {
  decimalText,
  derive,
  milliOf,
  toNumber,
  writeQuantities,
} from './kingdee/dataset-quantities.js';
import type {
  KingdeeDatasetOptions,
  KingdeeInventoryChange,
  KingdeeInventoryState,
  KingdeeInvRow,
  KingdeePosition,
} from './kingdee/dataset-types.js';

/** Creates the sandbox inventory: generated from `seed`/`size`, or the given `rows`. */
export function createKingdeeInventoryState(
  options: KingdeeDatasetOptions = {},
): KingdeeInventoryState {
  const now = options.now ?? Date.now;
  const initial = (): KingdeePosition[] =>
    options.rows
      ? positionsFromRows(options.rows)
      : generateKingdeePositions(options.seed ?? 20240101, options.size ?? 640);
  let list: KingdeePosition[] = initial();
  let byId = new Map(list.map((position, index) => [position.row.id, index]));
  const log: KingdeeInventoryChange[] = [];
  let revision = 0;
  const listeners = new Set<(ids: readonly string[]) => void>();
  const notify = (ids: readonly string[]): void => {
    for (const listener of listeners) listener(ids);
  };

  return {
    get size() {
      return list.length;
    },
    positions: () => list,
    revision: () => revision,
    load(rows) {
      const before = [...byId.keys()];
      list = positionsFromRows(rows);
      byId = new Map(list.map((position, index) => [position.row.id, index]));
      log.length = 0;
      revision++;
      if (listeners.size > 0) notify([...new Set([...before, ...byId.keys()])]);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      list = initial();
      byId = new Map(list.map((position, index) => [position.row.id, index]));
      log.length = 0;
      revision++;
    },
    get: (id) => {
      const index = byId.get(id);
      return index === undefined ? undefined : list[index];
    },
    rowsByIds(ids) {
      const seen = new Set<string>();
      const rows: KingdeeInvRow[] = [];
      for (const id of ids) {
        const index = byId.get(id);
        if (index === undefined || seen.has(id)) continue;
        seen.add(id);
        rows.push((list[index] as KingdeePosition).row);
      }
      return rows;
    },
    scmRow({ row, materialModel }) {
      return {
        material_id: row.material_id,
        material_name: row.material_name,
        material_number: row.material_number,
        material_model: materialModel,
        stock_id: row.stock_id,
        stock_name: row.stock_name,
        stock_number: row.stock_number,
        sp_id: row.sp_id,
        sp_name: row.sp_name,
        sp_number: row.sp_number,
        aux_prop_id: row.aux_prop_id,
        aux_prop_name: row.aux_prop_name,
        // This endpoint spells it aux_prop_number (§9.2), inv_synchronous auxprop_number.
        aux_prop_number: row.auxprop_number,
        batch_no: row.batch_no,
        kf_date: row.kf_date,
        kf_period: row.kf_period,
        kf_type: row.kf_type,
        valid_date: row.valid_date,
        qty: decimalText(row.qty),
        valid_qty: decimalText(toNumber(derive(milliOf(row)).valid)),
      };
    },
    adjust(id, delta) {
      const index = byId.get(id);
      if (index === undefined) throw new RangeError(`unknown inventory id ${id}`);
      const parsed = parseDecimal(delta);
      if (!parsed.ok || !/^-?\d+(\.\d{1,3})?$/.test(parsed.value)) {
        throw new RangeError(
          `delta ${String(delta)} must be a decimal with at most 3 fractional digits`,
        );
      }
      const position = list[index] as KingdeePosition;
      const row = { ...position.row };
      const q = milliOf(row);
      q.qty = Math.round(Number(addDecimal(decimalText(row.qty), parsed.value)) * 1000);
      // Quantities are kept in thousandths in a double: beyond 2^53 they would be served rounded.
      if (!Number.isSafeInteger(q.qty)) {
        throw new RangeError(
          `delta ${parsed.value} would take qty of ${id} beyond ${Math.floor(Number.MAX_SAFE_INTEGER / 1000)}, the largest quantity the sandbox serves exactly`,
        );
      }
      writeQuantities(row, q, position.ratio);
      const at = now();
      list[index] = { ...position, row, modifiedAt: at };
      revision++;
      const change = { changeId: log.length + 1, id, delta: parsed.value, at };
      log.push(change);
      notify([id]);
      return change;
    },
    changes: (afterChangeId = 0) => log.filter((change) => change.changeId > afterChangeId),
  };
}
