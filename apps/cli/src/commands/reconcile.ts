import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Decimal, type InventoryRecord, parseDecimal } from '@inv/core';
import {
  type Command,
  type CommandContext,
  flag,
  outputFormat,
  stdoutWriter,
  stringOption,
} from '../command.js';
import { type ComparedQuantity, QUANTITIES } from '../config.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { type Column, column } from '../format/columns.js';
import { createFormatter, type RowShape } from '../format/formatter.js';
import { type MappingEntry, parseMapping } from '../mapping.js';
import type { CliProvider } from '../providers.js';
import { buildReport, createTallies, type ReconcileRow } from '../reconcile.js';
import { lookupSkus } from '../sync.js';

const HELP = `Usage: inv reconcile kingdee winit --map <mapping.csv> [options]

Compares Kingdee (ERP) stock with Winit (warehouse) stock for every line of the mapping file and
prints the lines that differ. Exits 1 when a difference exceeds --threshold: run it nightly.

The mapping CSV has a header and these columns (any order; extra column "note" ignored):
  material_number   Kingdee material number             required
  stock_number      Kingdee warehouse number            required
  merchandise_code  Winit merchandise code              required
  specification     Winit specification                 optional; empty = all specifications
  warehouse_code    Winit warehouse code                required

Kingdee quantities are summed over bins, batches and auxiliary properties of the material in
that warehouse; Winit quantities over grades, service types and batches.

Options:
  --map <file>             mapping CSV (default: reconcile.map in inv.config.json)
  --quantity <q>           available (default) | onHand
  --threshold <qty>        largest tolerated |winit - kingdee|, a decimal (default 0)
  --all-rows               print every mapping line, not only differences
  --format <f>             table | jsonl | csv | json (default: table on a terminal, else jsonl)

Output columns: line, material_number, stock_number, merchandise_code, specification,
warehouse_code, kingdee, winit, difference (= winit - kingdee), status (ok, differs,
missing-in-kingdee, missing-in-winit, absent, unreported), over_threshold.

Examples:
  inv reconcile kingdee winit --map mapping.csv --threshold 2
  inv reconcile kingdee winit --map mapping.csv --quantity onHand --format csv > diff.csv`;

const REPORT_COLUMNS: Column<ReconcileRow>[] = [
  column('line', 'LINE', (r) => String(r.entry.line), true),
  column('material_number', 'MATERIAL', (r) => r.entry.kingdee.materialNumber),
  column('stock_number', 'STOCK', (r) => r.entry.kingdee.stockNumber),
  column('merchandise_code', 'MERCHANDISE', (r) => r.entry.winit.merchandiseCode),
  column('specification', 'SPEC', (r) => r.entry.winit.specification),
  column('warehouse_code', 'WAREHOUSE', (r) => r.entry.winit.warehouseCode),
  column('kingdee', 'KINGDEE', (r) => r.kingdee, true),
  column('winit', 'WINIT', (r) => r.winit, true),
  column('difference', 'DIFF', (r) => r.difference, true),
  column('status', 'STATUS', (r) => r.status),
  column('over_threshold', 'OVER', (r) => (r.overThreshold ? 'yes' : 'no')),
];

const REPORT_SHAPE: RowShape<ReconcileRow> = {
  columns: REPORT_COLUMNS,
  tableColumns: REPORT_COLUMNS.filter((c) => c.name !== 'over_threshold'),
  toJson: (r) => ({
    line: r.entry.line,
    kingdee: { ...r.entry.kingdee, quantity: r.kingdee },
    winit: { ...r.entry.winit, quantity: r.winit },
    difference: r.difference,
    status: r.status,
    overThreshold: r.overThreshold,
  }),
};

function parseThreshold(text: string | number | undefined): Decimal {
  if (text === undefined) return '0';
  const result = parseDecimal(text);
  if (!result.ok || result.value.startsWith('-')) {
    throw usageError(
      `--threshold must be a quantity of 0 or more, got "${text}"`,
      'pass a plain decimal such as 0, 2 or 0.5',
    );
  }
  return result.value;
}

function parseQuantity(text: string | undefined): ComparedQuantity {
  if (text === undefined) return 'available';
  if ((QUANTITIES as readonly string[]).includes(text)) return text as ComparedQuantity;
  throw usageError(`--quantity must be ${QUANTITIES.join(' or ')}, got "${text}"`);
}

async function readMapping(path: string, shown: string): Promise<MappingEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read mapping file ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        fix: 'pass an existing CSV file to --map',
      },
    );
  }
  return parseMapping(text, shown);
}

/** SKUs wanted per warehouse, for lookups. */
function wantedByWarehouse(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [warehouse, sku] of pairs)
    out.set(warehouse, (out.get(warehouse) ?? new Set()).add(sku));
  return new Map([...out].map(([warehouse, skus]) => [warehouse, [...skus]]));
}

/** Feeds a side's positions to its tally: by SKU per warehouse when possible, else one scan. */
async function collect(
  cli: CliProvider,
  context: CommandContext,
  wanted: Map<string, string[]>,
  add: (record: InventoryRecord) => void,
): Promise<void> {
  if (cli.provider.inventory.bySkus === undefined) {
    // One scan of everything serves every warehouse; lookupSkus would scan once per call.
    const skus = [...new Set([...wanted.values()].flat())];
    await lookupSkus(
      cli,
      { ...context, note: async () => {} },
      skus,
      undefined,
      async (records) => {
        for (const record of records) add(record);
      },
    );
    return;
  }
  for (const [warehouse, skus] of wanted) {
    await lookupSkus(cli, context, skus, warehouse, async (records) => {
      for (const record of records) add(record);
    });
  }
}

async function run(context: CommandContext): Promise<number> {
  const { values } = context;
  const [left = 'kingdee', right = 'winit'] = context.positionals;
  if (left !== 'kingdee' || right !== 'winit') {
    throw usageError(
      `inv reconcile compares kingdee (ERP) with winit (warehouse), got "${left} ${right}"`,
      'run inv reconcile kingdee winit --map mapping.csv',
    );
  }
  const config = await context.config();
  const mapOption = stringOption(values, 'map');
  const mapPath =
    mapOption !== undefined
      ? resolve(context.io.cwd, mapOption)
      : config.reconcile.map !== undefined && config.file !== null
        ? resolve(dirname(config.file), config.reconcile.map)
        : undefined;
  if (mapPath === undefined) {
    throw usageError(
      'inv reconcile needs --map <mapping.csv>',
      'run inv reconcile --help for the columns',
    );
  }
  const quantity = parseQuantity(stringOption(values, 'quantity') ?? config.reconcile.quantity);
  const threshold = parseThreshold(stringOption(values, 'threshold') ?? config.reconcile.threshold);
  const format = outputFormat(values, context.io.stdout);
  const mapping = await readMapping(mapPath, mapOption ?? mapPath);
  const kingdee = await context.openProvider('kingdee');
  const winit = await context.openProvider('winit');
  const tallies = createTallies(mapping, quantity);
  await collect(
    kingdee,
    context,
    wantedByWarehouse(mapping.map((e) => [e.kingdee.stockNumber, e.kingdee.materialNumber])),
    tallies.addKingdee,
  );
  await collect(
    winit,
    context,
    wantedByWarehouse(mapping.map((e) => [e.winit.warehouseCode, e.winit.merchandiseCode])),
    tallies.addWinit,
  );
  const report = buildReport(mapping, tallies, threshold);
  const shown = flag(values, 'all-rows')
    ? report.rows
    : report.rows.filter((r) => r.status !== 'ok' && r.status !== 'absent');
  const formatter = createFormatter(format, REPORT_SHAPE);
  const write = stdoutWriter(context);
  await write(formatter.header() + formatter.rows(shown) + formatter.footer());
  const absent = report.rows.filter((r) => r.status === 'absent').map((r) => r.entry.line);
  await context.note(
    `${report.differing} of ${mapping.length} mapped positions differ on ${quantity}; ${report.overThreshold} over threshold ${threshold}`,
  );
  if (absent.length > 0) {
    await context.note(
      `no stock on either side for mapping line(s) ${absent.join(', ')}: check the codes`,
    );
  }
  return report.overThreshold > 0 ? EXIT.differences : EXIT.ok;
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'compare Kingdee with Winit stock per SKU and warehouse (exit 1 over threshold)',
  help: HELP,
  options: {
    map: { type: 'string' },
    quantity: { type: 'string' },
    threshold: { type: 'string' },
    'all-rows': { type: 'boolean' },
    format: { type: 'string' },
  },
  positionals: { min: 0, max: 2 },
  run,
};
