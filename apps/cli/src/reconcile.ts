import {
  addDecimal,
  compareDecimal,
  type Decimal,
  type InventoryRecord,
  subtractDecimal,
} from '@inv/core';
import type { ComparedQuantity } from './config.js';
import type { MappingEntry } from './mapping.js';

/** What the positions of one side of a mapping line add up to. */
export interface Tally {
  /** Positions found. */
  rows: number;
  /** Sum of the compared quantity over the positions that report it. */
  sum: Decimal;
  /** Positions that do not report the compared quantity (`null` in the core model). */
  unreported: number;
}

/**
 * Outcome of one mapping line:
 * - `ok`: both sides agree;
 * - `differs`: both sides have stock and disagree;
 * - `missing-in-kingdee` / `missing-in-winit`: one side has no position at all (counted as 0);
 * - `absent`: neither side has a position (often a mapping typo; never a difference);
 * - `unreported`: a position does not report the compared quantity, so it cannot be verified.
 */
export type ReconcileStatus =
  | 'ok'
  | 'differs'
  | 'missing-in-kingdee'
  | 'missing-in-winit'
  | 'absent'
  | 'unreported';

export interface ReconcileRow {
  entry: MappingEntry;
  /** Kingdee quantity; `null` when unreported. */
  kingdee: Decimal | null;
  /** Winit quantity; `null` when unreported. */
  winit: Decimal | null;
  /** `winit − kingdee`: positive when the warehouse holds more than the ERP books. */
  difference: Decimal | null;
  status: ReconcileStatus;
  /** `|difference| > threshold`, or unverifiable. Any such row makes `inv` exit 1. */
  overThreshold: boolean;
}

export interface ReconcileReport {
  rows: ReconcileRow[];
  /** Rows that are neither `ok` nor `absent`. */
  differing: number;
  overThreshold: number;
  absent: number;
}

const EMPTY: Tally = Object.freeze({ rows: 0, sum: '0', unreported: 0 });

function add(tally: Tally, quantity: Decimal | null): Tally {
  return quantity === null
    ? { ...tally, rows: tally.rows + 1, unreported: tally.unreported + 1 }
    : { ...tally, rows: tally.rows + 1, sum: addDecimal(tally.sum, quantity) };
}

const kingdeeKey = (material: string, stock: string): string => `${material}\u0000${stock}`;
const winitKey = (code: string, warehouse: string, spec: string | null): string =>
  `${code}\u0000${warehouse}\u0000${spec ?? '\u0001'}`;

/**
 * Accumulates provider records into per-mapping-line tallies, one record at a time, so both sides
 * can be streamed. Records no mapping line mentions are ignored. Kingdee positions are matched on
 * (material number, warehouse number) across bins, batches and auxiliary properties; Winit positions
 * on (code, warehouse) and, when the line names one, the specification, across grades and batches.
 */
export interface Tallies {
  addKingdee(record: InventoryRecord): void;
  addWinit(record: InventoryRecord): void;
  kingdee(line: number): Tally;
  winit(line: number): Tally;
}

/** Creates the tallies of a mapping for one compared quantity. */
export function createTallies(
  mapping: readonly MappingEntry[],
  quantity: ComparedQuantity,
): Tallies {
  const kingdeeLines = new Map<string, number>();
  const winitLines = new Map<string, number>();
  for (const entry of mapping) {
    kingdeeLines.set(
      kingdeeKey(entry.kingdee.materialNumber, entry.kingdee.stockNumber),
      entry.line,
    );
    const { merchandiseCode, warehouseCode, specification } = entry.winit;
    winitLines.set(winitKey(merchandiseCode, warehouseCode, specification), entry.line);
  }
  const kingdee = new Map<number, Tally>();
  const winit = new Map<number, Tally>();
  return {
    addKingdee(record) {
      const line = kingdeeLines.get(kingdeeKey(record.item.sku, record.warehouse.code ?? ''));
      if (line === undefined) return;
      kingdee.set(line, add(kingdee.get(line) ?? EMPTY, record.quantities[quantity]));
    },
    addWinit(record) {
      const code = record.item.sku;
      const warehouse = record.warehouse.code ?? '';
      const spec = record.item.variant?.code ?? null;
      // A line without specification covers every specification; validation keeps the two apart.
      const line =
        (spec === null ? undefined : winitLines.get(winitKey(code, warehouse, spec))) ??
        winitLines.get(winitKey(code, warehouse, null));
      if (line === undefined) return;
      winit.set(line, add(winit.get(line) ?? EMPTY, record.quantities[quantity]));
    },
    kingdee: (line) => kingdee.get(line) ?? EMPTY,
    winit: (line) => winit.get(line) ?? EMPTY,
  };
}

const abs = (value: Decimal): Decimal => (value.startsWith('-') ? value.slice(1) : value);

/** Compares one line's tallies. */
export function compareLine(
  entry: MappingEntry,
  kingdee: Tally,
  winit: Tally,
  threshold: Decimal,
): ReconcileRow {
  if (kingdee.unreported > 0 || winit.unreported > 0) {
    return {
      entry,
      kingdee: kingdee.unreported > 0 ? null : kingdee.sum,
      winit: winit.unreported > 0 ? null : winit.sum,
      difference: null,
      status: 'unreported',
      overThreshold: true,
    };
  }
  const difference = subtractDecimal(winit.sum, kingdee.sum);
  const status: ReconcileStatus =
    kingdee.rows === 0 && winit.rows === 0
      ? 'absent'
      : kingdee.rows === 0
        ? 'missing-in-kingdee'
        : winit.rows === 0
          ? 'missing-in-winit'
          : difference === '0'
            ? 'ok'
            : 'differs';
  return {
    entry,
    kingdee: kingdee.sum,
    winit: winit.sum,
    difference,
    status,
    overThreshold: compareDecimal(abs(difference), threshold) > 0,
  };
}

/** Compares every mapping line, in file order. */
export function buildReport(
  mapping: readonly MappingEntry[],
  tallies: Tallies,
  threshold: Decimal,
): ReconcileReport {
  const rows = mapping.map((entry) =>
    compareLine(entry, tallies.kingdee(entry.line), tallies.winit(entry.line), threshold),
  );
  return {
    rows,
    differing: rows.filter((r) => r.status !== 'ok' && r.status !== 'absent').length,
    overThreshold: rows.filter((r) => r.overThreshold).length,
    absent: rows.filter((r) => r.status === 'absent').length,
  };
}
