import type { WinitRowKey, WinitSandboxRow } from './dataset-types.js';

const norm = (value: string | null | undefined): string => value ?? '';

/** Identity of a row (its classification included). */
export function rowIdentity(key: WinitRowKey): string {
  return [
    key.warehouseCode,
    key.merchandiseCode,
    norm(key.specification),
    key.serviceType ?? '2C',
    key.merchandiseGrade ?? 'GOOD',
    norm(key.skuCodeThird),
    norm(key.packingBatchNo),
  ].join('\u0000');
}

/**
 * Rows in the stable answer order: warehouse, code, specification, then classification. Each
 * identity is built once: building both per comparison made sorting 100,000 rows take ~0.4 s.
 */
export function sortRows(rows: Iterable<WinitSandboxRow>): WinitSandboxRow[] {
  const keyed = Array.from(rows, (row) => ({ row, id: rowIdentity(row) }));
  keyed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((entry) => entry.row);
}
