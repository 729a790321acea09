import { CliError } from './errors.js';
import { CsvSyntaxError, parseCsv } from './format/csv.js';

/** One line of the mapping file: a Kingdee position and the Winit position that must match it. */
export interface MappingEntry {
  /** 1-based line of the CSV file, for messages. */
  line: number;
  kingdee: {
    /** Kingdee material number (`material_number`), the merchant's SKU in the ERP. */
    materialNumber: string;
    /** Kingdee warehouse number (`stock_number`). */
    stockNumber: string;
  };
  winit: {
    /** Winit merchandise code (`merchandiseCode`). */
    merchandiseCode: string;
    /** Winit specification; `null` sums every specification of the code. */
    specification: string | null;
    /** Winit warehouse code (`warehouseCode`). */
    warehouseCode: string;
  };
}

/** Columns of the mapping CSV, as documented in the README. */
export const MAPPING_COLUMNS = Object.freeze({
  material_number: { required: true, help: 'Kingdee material number (商品编码)' },
  stock_number: { required: true, help: 'Kingdee warehouse number (仓库编码)' },
  merchandise_code: { required: true, help: 'Winit merchandise code' },
  specification: {
    required: false,
    help: 'Winit specification; empty compares the sum of every specification',
  },
  warehouse_code: { required: true, help: 'Winit warehouse code, e.g. US0001' },
  note: { required: false, help: 'free text, ignored' },
});

type ColumnName = keyof typeof MAPPING_COLUMNS;

const COLUMN_LIST = Object.keys(MAPPING_COLUMNS).join(',');

/** Header names are matched without case, `_`, `-` or spaces: `merchandiseCode` works too. */
const normalizeHeader = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const HEADER_INDEX: ReadonlyMap<string, ColumnName> = new Map(
  (Object.keys(MAPPING_COLUMNS) as ColumnName[]).map((name) => [normalizeHeader(name), name]),
);

/** Reads the header: the position of each known column, or problems. */
function readHeader(fields: readonly string[], errors: string[]): Map<ColumnName, number> {
  const positions = new Map<ColumnName, number>();
  fields.forEach((field, index) => {
    const name = HEADER_INDEX.get(normalizeHeader(field));
    if (name === undefined) {
      errors.push(`line 1: unknown column "${field.trim()}"`);
    } else if (positions.has(name)) {
      errors.push(`line 1: column ${name} appears twice`);
    } else {
      positions.set(name, index);
    }
  });
  for (const [name, spec] of Object.entries(MAPPING_COLUMNS)) {
    if (spec.required && !positions.has(name as ColumnName)) {
      errors.push(`line 1: missing column ${name}`);
    }
  }
  return positions;
}

const describeWinit = (w: MappingEntry['winit']): string =>
  `merchandise_code ${w.merchandiseCode}${w.specification === null ? '' : ` specification ${w.specification}`} in warehouse_code ${w.warehouseCode}`;

/** Refuses lines that would count the same stock twice. */
function checkUnique(entries: readonly MappingEntry[], errors: string[]): void {
  const kingdee = new Map<string, number>();
  const winit = new Map<string, number>();
  const winitAny = new Map<string, number>();
  const winitSpecific = new Map<string, number>();
  for (const entry of entries) {
    const k = `${entry.kingdee.materialNumber}\u0000${entry.kingdee.stockNumber}`;
    const seenK = kingdee.get(k);
    if (seenK !== undefined) {
      errors.push(
        `line ${entry.line}: material_number ${entry.kingdee.materialNumber} in stock_number ${entry.kingdee.stockNumber} is already mapped on line ${seenK}`,
      );
    } else kingdee.set(k, entry.line);
    const code = `${entry.winit.merchandiseCode}\u0000${entry.winit.warehouseCode}`;
    const w = `${code}\u0000${entry.winit.specification ?? ''}`;
    const seenW = winit.get(w);
    if (seenW !== undefined) {
      errors.push(
        `line ${entry.line}: ${describeWinit(entry.winit)} is already mapped on line ${seenW}`,
      );
      continue;
    }
    winit.set(w, entry.line);
    const overlap =
      entry.winit.specification === null ? winitSpecific.get(code) : winitAny.get(code);
    if (overlap !== undefined) {
      errors.push(
        `line ${entry.line}: ${describeWinit(entry.winit)} overlaps line ${overlap}: a line without specification already covers every specification of that code`,
      );
    }
    (entry.winit.specification === null ? winitAny : winitSpecific).set(code, entry.line);
  }
}

/** Throws one line listing the first problems, with the line numbers. */
function fail(name: string, errors: readonly string[]): never {
  const shown = errors.slice(0, 3).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  throw new CliError(`${name}: ${shown}${more}`, {
    fix: `the mapping CSV needs a header with columns ${COLUMN_LIST} (specification and note optional), see the README`,
  });
}

/**
 * Parses and validates the mapping CSV. Every problem is reported with its line number; lines that
 * would count the same Kingdee or Winit stock twice are refused.
 */
export function parseMapping(text: string, name: string): MappingEntry[] {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) fail(name, [`line ${error.line}: ${error.message}`]);
    throw error;
  }
  const [header, ...rows] = records;
  if (header === undefined) fail(name, ['the file is empty']);
  const errors: string[] = [];
  const positions = readHeader(header.fields, errors);
  if (errors.length > 0) fail(name, errors);
  const entries: MappingEntry[] = [];
  for (const row of rows) {
    if (row.fields.length !== header.fields.length) {
      errors.push(
        `line ${row.line}: expected ${header.fields.length} fields like the header, found ${row.fields.length}`,
      );
      continue;
    }
    const get = (column: ColumnName): string => {
      const index = positions.get(column);
      return index === undefined ? '' : (row.fields[index] ?? '').trim();
    };
    const missing = (Object.keys(MAPPING_COLUMNS) as ColumnName[]).filter(
      (column) => MAPPING_COLUMNS[column].required && get(column) === '',
    );
    if (missing.length > 0) {
      errors.push(
        `line ${row.line}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty`,
      );
      continue;
    }
    entries.push({
      line: row.line,
      kingdee: { materialNumber: get('material_number'), stockNumber: get('stock_number') },
      winit: {
        merchandiseCode: get('merchandise_code'),
        specification: get('specification') || null,
        warehouseCode: get('warehouse_code'),
      },
    });
  }
  if (errors.length === 0) checkUnique(entries, errors);
  if (errors.length > 0) fail(name, errors);
  if (entries.length === 0) fail(name, ['has a header but no mapping lines']);
  return entries;
}
