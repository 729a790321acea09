/**
 * Quantities of a Kingdee sandbox row (docs/protocols/kingdee.md §9.1): kept in thousandths so
 * every sum is exact, the derived figures computed from the base ones, each written with its
 * auxiliary-unit twin.
 */
import { type Decimal, parseDecimal } from '@inv/core';
import type { KingdeeInvRow } from './dataset-types.js';

/** Base-unit quantity fields an adjustment or generator sets (the rest derive from them). */
export type BaseField =
  | 'qty'
  | 'sal_lock_qty'
  | 'sal_occupy_qty'
  | 'sal_pre_out_qty'
  | 'pur_pre_in_qty'
  | 'pur_transit_qty'
  | 'tf_pre_out_qty'
  | 'tf_transit_qty'
  | 'other_pre_in_qty'
  | 'other_pre_out_qty';

/** Auxiliary-unit twin of each base figure (the spellings are Kingdee's, §9.1). */
const AUX_OF: Record<BaseField | 'valid_qty' | 'exp_valid_qty', keyof KingdeeInvRow> = {
  qty: 'aux_qty',
  valid_qty: 'valid_aux_qty',
  exp_valid_qty: 'exp_valid_aux_qty',
  sal_lock_qty: 'sal_lock_aux_qty',
  sal_occupy_qty: 'sal_occupy_aux_qty',
  sal_pre_out_qty: 'sal_pre_out_aux_qty',
  pur_pre_in_qty: 'pur_prein_aux_qty',
  pur_transit_qty: 'pur_transit_aux_qty',
  tf_pre_out_qty: 'tf_pre_out_aux_qty',
  tf_transit_qty: 'tf_transit_aux_qty',
  other_pre_in_qty: 'other_pre_in_aux_qty',
  other_pre_out_qty: 'other_pre_out_aux_qty',
};

/** Quantities in thousandths, so every sum is exact. */
export type Milli = Record<BaseField, number>;

export const toNumber = (milli: number): number => Number((milli / 1000).toFixed(3));

/**
 * Derived figures of the sandbox (an assumption, documented in the README):
 * available (可用量) = qty − sal_lock − sal_occupy − sal_pre_out − tf_pre_out − other_pre_out;
 * expected available (预计可用量) = available + pur_pre_in + pur_transit + tf_transit + other_pre_in.
 */
export function derive(q: Milli): { valid: number; expValid: number } {
  const valid =
    q.qty -
    q.sal_lock_qty -
    q.sal_occupy_qty -
    q.sal_pre_out_qty -
    q.tf_pre_out_qty -
    q.other_pre_out_qty;
  const expValid =
    valid + q.pur_pre_in_qty + q.pur_transit_qty + q.tf_transit_qty + q.other_pre_in_qty;
  return { valid, expValid };
}

export function writeQuantities(row: KingdeeInvRow, q: Milli, ratio: number): void {
  const { valid, expValid } = derive(q);
  const all: Record<keyof typeof AUX_OF, number> = {
    ...q,
    valid_qty: valid,
    exp_valid_qty: expValid,
  };
  const target = row as unknown as Record<string, number>;
  for (const [field, milli] of Object.entries(all) as [keyof typeof AUX_OF, number][]) {
    // `valid_qty` is not a field of this row (§9.1): only its auxiliary twin is.
    if (field !== 'valid_qty') target[field] = toNumber(milli);
    target[AUX_OF[field]] = toNumber(Math.round(milli / ratio));
  }
}

function readMilli(row: KingdeeInvRow, field: BaseField): number {
  return Math.round(Number(row[field] ?? 0) * 1000);
}

export function milliOf(row: KingdeeInvRow): Milli {
  const fields: BaseField[] = [
    'qty',
    'sal_lock_qty',
    'sal_occupy_qty',
    'sal_pre_out_qty',
    'pur_pre_in_qty',
    'pur_transit_qty',
    'tf_pre_out_qty',
    'tf_transit_qty',
    'other_pre_in_qty',
    'other_pre_out_qty',
  ];
  return Object.fromEntries(fields.map((field) => [field, readMilli(row, field)])) as Milli;
}

export function decimalText(value: unknown): Decimal {
  const parsed = parseDecimal(value);
  return parsed.ok ? parsed.value : '0';
}
