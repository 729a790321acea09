import type { InventoryRecord } from '@inv/core';

/** A column of the flat (CSV and table) form of a record. */
export interface Column<T = InventoryRecord> {
  /** CSV header. */
  name: string;
  /** Table header. */
  title: string;
  /** Quantities are right-aligned in tables. */
  numeric: boolean;
  get(row: T): string | null;
}

/** Declares a column. */
export function column<T>(
  name: string,
  title: string,
  get: (row: T) => string | null,
  numeric = false,
): Column<T> {
  return { name, title, get, numeric };
}

/**
 * Every column of the CSV export, in order. Stable: scripts read them by name. Quantities are the
 * exact decimal strings of the core model; an empty cell means the provider does not report it.
 */
export const RECORD_COLUMNS: readonly Column[] = Object.freeze<Column[]>([
  column('provider', 'PROVIDER', (r) => r.provider),
  column('key', 'KEY', (r) => r.key),
  column('sku', 'SKU', (r) => r.item.sku),
  column('variant', 'VARIANT', (r) => r.item.variant?.code ?? r.item.variant?.name ?? null),
  column('name', 'NAME', (r) => r.item.name),
  column('warehouse_id', 'WAREHOUSE ID', (r) => r.warehouse.id),
  column('warehouse_code', 'WAREHOUSE', (r) => r.warehouse.code),
  column('warehouse_name', 'WAREHOUSE NAME', (r) => r.warehouse.name),
  column('location', 'LOCATION', (r) => r.location?.code ?? r.location?.name ?? null),
  column('lot', 'LOT', (r) => r.batch?.lot ?? null),
  column('production_date', 'PRODUCED', (r) => r.batch?.productionDate ?? null),
  column('expiry_date', 'EXPIRES', (r) => r.batch?.expiryDate ?? null),
  column('grade', 'GRADE', (r) => r.grade),
  column('on_hand', 'ON HAND', (r) => r.quantities.onHand, true),
  column('available', 'AVAILABLE', (r) => r.quantities.available, true),
  column('reserved', 'RESERVED', (r) => r.quantities.reserved, true),
  column('frozen', 'FROZEN', (r) => r.quantities.frozen, true),
  column('inbound_in_transit', 'INBOUND', (r) => r.quantities.inboundInTransit, true),
  column('pending_outbound', 'OUTBOUND', (r) => r.quantities.pendingOutbound, true),
  column('version', 'VERSION', (r) => r.version),
]);

/** The columns a terminal table shows: enough to read stock at a glance. */
export const TABLE_COLUMN_NAMES: readonly string[] = Object.freeze([
  'sku',
  'variant',
  'name',
  'warehouse_code',
  'location',
  'lot',
  'grade',
  'on_hand',
  'available',
  'reserved',
  'frozen',
  'inbound_in_transit',
  'pending_outbound',
]);

/** Picks columns by name, in the given order. */
export function selectColumns(names: readonly string[]): Column[] {
  return names.map((name) => {
    const found = RECORD_COLUMNS.find((c) => c.name === name);
    if (!found) throw new Error(`unknown column ${name}`);
    return found;
  });
}
