import type { InventoryRecord } from '@inv/core';
import { type Column, RECORD_COLUMNS, selectColumns, TABLE_COLUMN_NAMES } from './columns.js';
import { csvLine } from './csv.js';
import { renderTable } from './table.js';

export const OUTPUT_FORMATS = ['table', 'jsonl', 'csv', 'json'] as const;
/** `table` for people; `jsonl`, `csv` and `json` for programs. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Turns rows into output text in three steps so callers can stream: `header()` once, `rows()` per
 * page, `footer()` once. `jsonl`, `csv` and `json` never hold rows back; `table` must measure every
 * row before printing, so it buffers until `footer()` (tables are for terminals, not for exports).
 */
export interface Formatter<T> {
  header(): string;
  rows(rows: readonly T[]): string;
  footer(): string;
}

/** How rows of type `T` look in each format. */
export interface RowShape<T> {
  /** CSV columns. */
  columns: readonly Column<T>[];
  /** Table columns (a readable subset). */
  tableColumns: readonly (Column<T> & { maxWidth?: number })[];
  /** JSON form of a row. */
  toJson(row: T): unknown;
}

/** Creates a streaming formatter of rows in `format`. */
export function createFormatter<T>(format: OutputFormat, shape: RowShape<T>): Formatter<T> {
  switch (format) {
    case 'jsonl':
      return {
        header: () => '',
        rows: (rows) => rows.map((row) => `${JSON.stringify(shape.toJson(row))}\n`).join(''),
        footer: () => '',
      };
    case 'json': {
      let first = true;
      return {
        header: () => '[',
        rows: (rows) =>
          rows
            .map((row) => {
              const text = `${first ? '\n' : ',\n'}${JSON.stringify(shape.toJson(row))}`;
              first = false;
              return text;
            })
            .join(''),
        footer: () => (first ? ']\n' : '\n]\n'),
      };
    }
    case 'csv':
      return {
        header: () => csvLine(shape.columns.map((c) => c.name)),
        rows: (rows) => rows.map((row) => csvLine(shape.columns.map((c) => c.get(row)))).join(''),
        footer: () => '',
      };
    case 'table': {
      const buffered: (string | null)[][] = [];
      const columns: readonly Column<T>[] = shape.tableColumns;
      return {
        header: () => '',
        rows: (rows) => {
          for (const row of rows) buffered.push(columns.map((c) => c.get(row)));
          return '';
        },
        footer: () => renderTable(shape.tableColumns, buffered),
      };
    }
  }
}

/** JSON form of a record: the core model, `raw` only when asked (it can be large). */
export function recordJson(record: InventoryRecord, raw: boolean): unknown {
  if (raw) return record;
  const { raw: _raw, ...rest } = record;
  return rest;
}

/** The shape of inventory records in every format. */
export function recordShape(options: { raw: boolean }): RowShape<InventoryRecord> {
  return {
    columns: RECORD_COLUMNS,
    tableColumns: selectColumns(TABLE_COLUMN_NAMES).map((c) =>
      c.name === 'name' ? { ...c, maxWidth: 24 } : c,
    ),
    toJson: (record) => recordJson(record, options.raw),
  };
}
