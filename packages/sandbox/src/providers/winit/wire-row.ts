/**
 * Winit sandbox rows as the gateway sends them (docs/protocols/winit.md §10.1, §10.2, §11.1):
 * derived totals, aggregation over classification dimensions, and the wire members.
 */
import { type AggregateInvManagerType, compareVersion } from '@inv/winit-protocol';
import type { WinitSandboxQuantities, WinitSandboxRow } from './dataset-types.js';
import { rowIdentity } from './row-identity.js';

/** Quantity fields in wire order; a row's `stringMask` bit i types field i. */
export const WINIT_QUANTITY_FIELDS = [
  'usableQty',
  'frozenQty',
  'inStockQty',
  'onOrderQty',
  'prohibitUsableQty',
  'waitingOutboundQty',
  'lostConfirmingQty',
] as const;

/** `frozenQty` = waiting-out + lost-confirming + frozen + awaiting-destruction + VAT (§10.1). */
export function frozenQtyOf(row: WinitSandboxQuantities): number {
  return row.waitingOutboundQty + row.lostConfirmingQty + row.otherFrozenQty;
}

/** `inStockQty` = usable + frozen total + outbound-prohibited (§10.1). */
export function inStockQtyOf(row: WinitSandboxQuantities): number {
  return row.usableQty + frozenQtyOf(row) + row.prohibitQty;
}

/** Which dimensions an answer aggregates away (§10.1 `aggregateInvManagerTypes`). */
export type Aggregation = ReadonlySet<AggregateInvManagerType>;

/** Rows summed over the aggregated dimensions; the first row of a group carries the rest. */
export function aggregateRows(
  rows: readonly WinitSandboxRow[],
  aggregation: Aggregation,
): WinitSandboxRow[] {
  if (aggregation.size === 0) return [...rows];
  const groups = new Map<string, WinitSandboxRow>();
  for (const row of rows) {
    const id = rowIdentity({
      ...row,
      merchandiseGrade: aggregation.has('MERCHANDISE_GRADE') ? 'GOOD' : row.merchandiseGrade,
      skuCodeThird: aggregation.has('SKU_CODE_THIRD') ? null : row.skuCodeThird,
      packingBatchNo: aggregation.has('BATCH') ? null : row.packingBatchNo,
    });
    const group = groups.get(id);
    if (!group) {
      groups.set(id, { ...row });
      continue;
    }
    group.usableQty += row.usableQty;
    group.waitingOutboundQty += row.waitingOutboundQty;
    group.lostConfirmingQty += row.lostConfirmingQty;
    group.otherFrozenQty += row.otherFrozenQty;
    group.prohibitQty += row.prohibitQty;
    group.onOrderQty += row.onOrderQty;
    if (compareVersion(row.version, group.version) > 0) {
      group.version = row.version;
      group.changedAt = row.changedAt;
    }
  }
  return [...groups.values()];
}

/**
 * The row as the gateway sends it: documented members (§10.1, §10.2), quantities typed per
 * `stringMask` (numbers and numeric strings mixed, §11.1), aggregated dimensions omitted.
 */
export function toWireRow(
  row: WinitSandboxRow,
  aggregation: Aggregation = new Set(),
): Record<string, unknown> {
  const frozenQty = frozenQtyOf(row);
  const quantities: Record<(typeof WINIT_QUANTITY_FIELDS)[number], number> = {
    usableQty: row.usableQty,
    frozenQty,
    inStockQty: inStockQtyOf(row),
    onOrderQty: row.onOrderQty,
    prohibitUsableQty: row.prohibitQty,
    waitingOutboundQty: row.waitingOutboundQty,
    lostConfirmingQty: row.lostConfirmingQty,
  };
  const typed = (field: (typeof WINIT_QUANTITY_FIELDS)[number]): number | string => {
    const bit = WINIT_QUANTITY_FIELDS.indexOf(field);
    const value = quantities[field];
    return (row.stringMask >> bit) & 1 ? String(value) : value;
  };
  const wire: Record<string, unknown> = {
    version: row.version,
    warehouseCode: row.warehouseCode,
    usableQty: typed('usableQty'),
    merchandiseSerno: row.merchandiseSerno,
    specification: row.specification,
    merchandiseCode: row.merchandiseCode,
    merchandiseName: row.merchandiseName,
    frozenQty: typed('frozenQty'),
    inStockQty: typed('inStockQty'),
    isActive: row.isActive,
    serviceType: row.serviceType,
  };
  if (!aggregation.has('SKU_CODE_THIRD')) wire.skuCodeThird = row.skuCodeThird;
  if (!aggregation.has('MERCHANDISE_GRADE')) wire.merchandiseGrade = row.merchandiseGrade;
  wire.organization = row.organization;
  if (!aggregation.has('BATCH') && row.packingBatchNo !== null) {
    wire.batchManagerType = row.batchManagerType;
    wire.batchDate = row.batchDate;
    wire.packingBatchNo = row.packingBatchNo;
  }
  wire.onOrderQty = typed('onOrderQty');
  wire.prohibitUsableQty = typed('prohibitUsableQty');
  wire.isProhibitOutbound = row.prohibitQty === 0 ? 'N' : row.usableQty === 0 ? 'Y' : 'PART';
  wire.waitingOutboundQty = typed('waitingOutboundQty');
  wire.lostConfirmingQty = typed('lostConfirmingQty');
  wire.unit = row.unit;
  wire.provideChannel = row.provideChannel;
  wire.salesChannel = row.salesChannel;
  return row.extra ? { ...wire, ...row.extra } : wire;
}
