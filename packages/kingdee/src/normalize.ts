import {
  type Batch,
  type Decimal,
  type InventoryRecord,
  joinKeyParts,
  sumDecimals,
} from '@inv/core';
import {
  type InvSynchronousRow,
  normalizeJdyDate,
  type ScmInventoryRow,
} from '@inv/kingdee-protocol';
import { KINGDEE_PROVIDER_ID } from './constants.js';

/**
 * Where `quantities.available` comes from for `inv_synchronous` rows, which have no `valid_qty`
 * (docs/protocols/kingdee.md §9.1):
 * - `exp_valid_qty` (default): Kingdee's own 预计可用量 in base units. It is the figure the customer's
 *   JDY availability settings compute and the only base-unit availability the row carries.
 * - `on-hand-minus-committed`: `qty − reserved − pendingOutbound`, i.e. what is physically there and
 *   not promised to anyone, ignoring expected receipts.
 */
export type KingdeeAvailableSource = 'exp_valid_qty' | 'on-hand-minus-committed';

export interface NormalizeOptions {
  availableFrom?: KingdeeAvailableSource | undefined;
  /** The row exactly as received (before parsing), kept in `raw`; defaults to the parsed row. */
  raw?: Record<string, unknown> | undefined;
}

const text = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

/** Sum of the figures the provider reported; `null` when it reported none of them. */
function sumReported(values: readonly (Decimal | null)[]): Decimal | null {
  const reported = values.filter((value): value is Decimal => value !== null);
  return reported.length === 0 ? null : sumDecimals(reported);
}

function subtract(from: Decimal | null, ...parts: (Decimal | null)[]): Decimal | null {
  if (from === null) return null;
  const negated = parts.filter((p): p is Decimal => p !== null).map(negate);
  return sumDecimals([from, ...negated]);
}

const negate = (value: Decimal): Decimal =>
  value === '0' ? value : value.startsWith('-') ? value.slice(1) : `-${value}`;

const SHELF_LIFE_UNITS = { '1': 'day', '2': 'month', '3': 'year' } as const;

function batchOf(row: {
  batch_no: string | null;
  kf_date: string | null;
  valid_date: string | null;
  kf_period: Decimal | null;
  kf_type: string | null;
}): Batch | null {
  const lot = text(row.batch_no);
  const productionDate = normalizeJdyDate(text(row.kf_date));
  const expiryDate = normalizeJdyDate(text(row.valid_date));
  const shelfLife =
    row.kf_period !== null && row.kf_period !== '0'
      ? {
          value: row.kf_period,
          unit: SHELF_LIFE_UNITS[(row.kf_type ?? '') as keyof typeof SHELF_LIFE_UNITS] ?? null,
        }
      : null;
  if (lot === null && productionDate === null && expiryDate === null && shelfLife === null) {
    return null;
  }
  return { lot, productionDate, expiryDate, shelfLife };
}

function place(id: string | null, code: string | null, name: string | null) {
  return { id: text(id), code: text(code), name: text(name) };
}

function locationOf(row: {
  sp_id: string | null;
  sp_number: string | null;
  sp_name: string | null;
}): InventoryRecord['location'] {
  const location = place(row.sp_id, row.sp_number, row.sp_name);
  // A warehouse without bin management answers empty sp_* fields (or a zero id).
  return location.id === null || location.id === '0' ? null : location;
}

function variantOf(
  id: string | null,
  code: string | null,
  name: string | null,
): InventoryRecord['item']['variant'] {
  const variant = place(id, code, name);
  return variant.id === null || variant.id === '0' ? null : variant;
}

/**
 * Normalizes an `inv_synchronous` row (§9.1). Key: the row `id`. Auxiliary-unit figures stay in
 * `raw`: core quantities are in base units.
 */
export function normalizeInvSynchronousRow(
  row: InvSynchronousRow,
  options: NormalizeOptions = {},
): InventoryRecord {
  const reserved = sumReported([row.sal_lock_qty, row.sal_occupy_qty]);
  const pendingOutbound = sumReported([
    row.sal_pre_out_qty,
    row.tf_pre_out_qty,
    row.other_pre_out_qty,
  ]);
  const inboundInTransit = sumReported([
    row.pur_transit_qty,
    row.tf_transit_qty,
    row.pur_pre_in_qty,
    row.other_pre_in_qty,
  ]);
  const available =
    (options.availableFrom ?? 'exp_valid_qty') === 'exp_valid_qty'
      ? row.exp_valid_qty
      : subtract(row.qty, reserved, pendingOutbound);
  return {
    provider: KINGDEE_PROVIDER_ID,
    key: row.id,
    warehouse: place(row.stock_id, row.stock_number, row.stock_name),
    location: locationOf(row),
    item: {
      sku: row.material_number ?? row.material_id ?? row.id,
      id: text(row.material_id),
      name: text(row.material_name),
      variant: variantOf(row.aux_prop_id, row.auxprop_number, row.aux_prop_name),
    },
    batch: batchOf(row),
    grade: null,
    quantities: {
      onHand: row.qty,
      available,
      reserved,
      frozen: null,
      inboundInTransit,
      pendingOutbound,
    },
    version: null,
    raw: options.raw ?? row,
  };
}

/**
 * Key of an `scm/inventory` row, which has no id (§9.2): material, warehouse, bin, auxiliary
 * property and batch identify a position, joined by `joinKeyParts` so a `|` in a batch number cannot
 * make two positions collide.
 */
export function scmInventoryKey(row: ScmInventoryRow): string {
  return joinKeyParts([row.material_id, row.stock_id, row.sp_id, row.aux_prop_id, row.batch_no]);
}

/** Normalizes an `scm/inventory` row (§9.2): on hand `qty`, available `valid_qty`, nothing else reported. */
export function normalizeScmInventoryRow(
  row: ScmInventoryRow,
  options: Pick<NormalizeOptions, 'raw'> = {},
): InventoryRecord {
  return {
    provider: KINGDEE_PROVIDER_ID,
    key: scmInventoryKey(row),
    warehouse: place(row.stock_id, row.stock_number, row.stock_name),
    location: locationOf(row),
    item: {
      sku: row.material_number ?? row.material_id ?? '',
      id: text(row.material_id),
      name: text(row.material_name),
      variant: variantOf(row.aux_prop_id, row.aux_prop_number, row.aux_prop_name),
    },
    batch: batchOf(row),
    grade: null,
    quantities: {
      onHand: row.qty,
      available: row.valid_qty,
      reserved: null,
      frozen: null,
      inboundInTransit: null,
      pendingOutbound: null,
    },
    version: null,
    raw: options.raw ?? row,
  };
}
