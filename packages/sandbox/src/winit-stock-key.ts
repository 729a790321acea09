import type {
  WinitRowKey,
  WinitSandboxRow,
  WinitSandboxState,
} from './providers/winit/dataset-types.js';

/** The identity of a stored row, every member spelled out (what a refusal lists). */
export function fullKeyOf(row: WinitSandboxRow): WinitRowKey {
  return {
    warehouseCode: row.warehouseCode,
    merchandiseCode: row.merchandiseCode,
    specification: row.specification,
    serviceType: row.serviceType,
    merchandiseGrade: row.merchandiseGrade,
    skuCodeThird: row.skuCodeThird,
    packingBatchNo: row.packingBatchNo,
  };
}

/** `null` and `""` are the same value (docs/protocols/winit.md §11.5). */
const same = (given: string | null | undefined, stored: string | null): boolean =>
  given === undefined || (given ?? '') === (stored ?? '');

/**
 * The stored positions a stock-change key names: warehouse and code must match, and each other
 * member only when the key gives it. A key written as people write it (warehouse + SKU) then finds
 * the position the gateway shows, whatever its barcode (`skuCodeThird`) or batch, instead of
 * missing it by the defaults and creating a twin.
 */
export function winitPositionsMatching(
  state: WinitSandboxState,
  key: WinitRowKey,
): WinitSandboxRow[] {
  return state
    .rowsOf(key.warehouseCode, key.merchandiseCode)
    .filter(
      (row) =>
        same(key.specification, row.specification) &&
        same(key.serviceType, row.serviceType) &&
        same(key.merchandiseGrade, row.merchandiseGrade) &&
        same(key.skuCodeThird, row.skuCodeThird) &&
        same(key.packingBatchNo, row.packingBatchNo),
    );
}
