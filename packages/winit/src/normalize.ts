import { type Batch, type InventoryRecord, joinKeyParts } from '@inv/core';
import type { WinitInventoryRow } from '@inv/winit-protocol';

/** `null` and `""` specifications are the same product (§11.5 [assumed]). */
export function normalizeSpecification(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** `20230101` → `2023-01-01`; other texts are kept as sent. */
function isoDate(text: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : text;
}

function batchOf(row: WinitInventoryRow): Batch | null {
  const lot = row.packingBatchNo || null;
  const date = row.batchDate || null;
  if (lot === null && date === null) return null;
  // batchManagerType `PD` (production date, the documented example) dates the batch; other
  // types are unknown, so their date is left in `raw` rather than guessed (§10.1).
  const productionDate =
    date !== null && (row.batchManagerType ?? 'PD') === 'PD' ? isoDate(date) : null;
  return { lot, productionDate, expiryDate: null, shelfLife: null };
}

/**
 * The parts that identify one inventory position: warehouse, product (code + specification), and
 * each inventory management classification (§10.1).
 */
export function positionKey(row: WinitInventoryRow): string {
  return joinKeyParts([
    row.warehouseCode ?? row.warehouseCodes,
    row.merchandiseCode,
    normalizeSpecification(row.specification),
    row.serviceType,
    row.merchandiseGrade,
    row.skuCodeThird,
    row.organization,
    row.batchManagerType,
    row.batchDate,
    row.packingBatchNo,
  ]);
}

/** Maps a parsed row (and the untouched input, kept in `raw`) to the core model. */
export function toInventoryRecord(
  row: WinitInventoryRow,
  raw: Record<string, unknown>,
): InventoryRecord {
  const specification = normalizeSpecification(row.specification);
  return {
    provider: 'winit',
    key: positionKey(row),
    warehouse: {
      id: row.warehouseID ?? row.warehouseId ?? null,
      code: row.warehouseCode ?? row.warehouseCodes ?? null,
      name: row.warehouseName ?? null,
    },
    location: null,
    item: {
      sku: row.merchandiseCode ?? '',
      id: row.merchandiseSerno ?? null,
      name: row.merchandiseName ?? null,
      variant:
        specification === null ? null : { id: null, code: specification, name: specification },
    },
    batch: batchOf(row),
    grade: row.merchandiseGrade || null,
    quantities: {
      onHand: row.inStockQty,
      available: row.usableQty ?? row.qtyAvailable,
      reserved: null,
      frozen: row.frozenQty ?? row.qtyFrozen,
      inboundInTransit: row.onOrderQty ?? row.inboundQty,
      pendingOutbound: row.waitingOutboundQty ?? row.qtyWaitOut,
    },
    version: row.version ?? null,
    raw,
  };
}
