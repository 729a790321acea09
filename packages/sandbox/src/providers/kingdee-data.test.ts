import { addDecimal } from '@inv/core';
import { invSynchronousRowSchema, scmInventoryRowSchema } from '@inv/kingdee-protocol';
import { describe, expect, it } from 'vitest';
import { createKingdeeInventoryState } from './kingdee-data.js';

const sum = (...values: number[]) =>
  values.reduce<string>((total, value) => addDecimal(total, String(value)), '0');
const negate = (value: number) => -value;

describe('kingdee sandbox dataset', () => {
  const state = createKingdeeInventoryState({ seed: 7, size: 500 });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = createKingdeeInventoryState({ seed: 7, size: 500 });
    expect(again.positions().map((p) => p.row)).toEqual(state.positions().map((p) => p.row));
    const other = createKingdeeInventoryState({ seed: 8, size: 500 });
    expect(other.positions()[0]?.row.id).not.toBe(state.positions()[0]?.row.id);
  });

  it('has unique 19-digit string ids, several warehouses, bins, batches and variants', () => {
    const rows = state.positions().map((p) => p.row);
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.id)).size).toBe(500);
    expect(rows.every((r) => /^\d{19}$/.test(r.id) && /^\d{19}$/.test(r.material_id))).toBe(true);
    expect(new Set(rows.map((r) => r.stock_id)).size).toBeGreaterThanOrEqual(4);
    expect(rows.some((r) => r.sp_id !== '') && rows.some((r) => r.sp_id === '')).toBe(true);
    expect(rows.some((r) => r.batch_no !== '') && rows.some((r) => r.aux_prop_id !== '')).toBe(
      true,
    );
    expect(rows.some((r) => !Number.isInteger(r.qty))).toBe(true);
    const positions = rows.map((r) =>
      [r.material_id, r.stock_id, r.sp_id, r.aux_prop_id, r.batch_no].join('|'),
    );
    expect(new Set(positions).size).toBe(500);
  });

  it('keeps quantities consistent and every row valid against the wire schemas', () => {
    for (const position of state.positions()) {
      const r = position.row;
      expect(invSynchronousRowSchema.safeParse(r).success).toBe(true);
      expect(scmInventoryRowSchema.safeParse(state.scmRow(position)).success).toBe(true);
      const valid = sum(
        r.qty,
        ...[
          r.sal_lock_qty,
          r.sal_occupy_qty,
          r.sal_pre_out_qty,
          r.tf_pre_out_qty,
          r.other_pre_out_qty,
        ].map(negate),
      );
      expect(state.scmRow(position).valid_qty).toBe(valid);
      expect(String(r.exp_valid_qty)).toBe(
        sum(
          Number(valid),
          r.pur_pre_in_qty,
          r.pur_transit_qty,
          r.tf_transit_qty,
          r.other_pre_in_qty,
        ),
      );
      // Base = aux × ratio exactly, compared in thousandths.
      expect(Math.round(r.aux_qty * 1000) * position.ratio).toBe(Math.round(r.qty * 1000));
      expect(Number(valid)).toBeGreaterThanOrEqual(0);
    }
  });

  it('adjust() changes on hand and the derived figures, and records the change', () => {
    let now = 1_800_000_000_000;
    const local = createKingdeeInventoryState({ seed: 7, size: 20, now: () => now });
    const id = local.positions()[3]?.row.id as string;
    const before = local.get(id)?.row;
    now += 5;
    const change = local.adjust(id, '10.125');
    expect(change).toEqual({ changeId: 1, id, delta: '10.125', at: now });
    const after = local.get(id)?.row;
    expect(String(after?.qty)).toBe(addDecimal(String(before?.qty), '10.125'));
    expect(String(after?.exp_valid_qty)).toBe(addDecimal(String(before?.exp_valid_qty), '10.125'));
    expect(local.get(id)?.modifiedAt).toBe(now);
    expect(local.changes()).toEqual([change]);
    expect(local.changes(1)).toEqual([]);
    expect(() => local.adjust('1', 1)).toThrow(RangeError);
    expect(() => local.adjust(id, '0.0001')).toThrow(RangeError);
  });

  it('serves given rows instead of generated ones', () => {
    const custom = createKingdeeInventoryState({ rows: [{ id: '42', qty: 3 }] as never });
    expect(custom.rowsByIds(['43', '42', '42']).map((r) => r.id)).toEqual(['42']);
  });
});
