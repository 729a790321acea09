import {
  type Command,
  type CommandContext,
  flag,
  intOption,
  listOption,
  outputFormat,
  stdoutWriter,
  stringOption,
} from '../command.js';
import { usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { createFormatter, recordShape } from '../format/formatter.js';
import { parseProviderId } from '../providers.js';
import { assertKnownWarehouse, lookupSkus, scanPages } from '../sync.js';

const HELP = `Usage: inv stock <provider> (--sku <codes> | --ids <ids> | --all) [options]

Prints normalized inventory of one provider (kingdee or winit).

Select (exactly one):
  --sku <codes>        SKUs (Kingdee material numbers, Winit merchandise codes); repeat the
                       option or separate with commas
  --ids <ids>          Kingdee inventory-row ids (inv_synchronous), repeat or comma-separate
  --all                every position, page by page

Options:
  --warehouse <code>   only this warehouse (Kingdee: its stock number; Winit: the warehouse of a
                       SKU lookup, default INV_WINIT_WAREHOUSE_CODE, else every warehouse)
  --format <f>         table | jsonl | csv | json (default: table on a terminal, jsonl when piped)
  --raw                include each provider row untouched (jsonl, json)
  --page-size <n>      rows per request of --all

Examples:
  inv stock winit --sku SKU-1,SKU-2 --warehouse US0001
  inv stock kingdee --all --format csv > kingdee.csv
  inv stock winit --all --sandbox | jq .quantities.available`;

async function run(context: CommandContext): Promise<number> {
  const { values } = context;
  const id = parseProviderId(context.positionals[0], 'inv stock');
  const skus = listOption(values, 'sku');
  const ids = listOption(values, 'ids');
  const all = flag(values, 'all');
  if ([skus !== undefined, ids !== undefined, all].filter(Boolean).length !== 1) {
    throw usageError(
      'inv stock needs exactly one of --sku, --ids or --all',
      'run inv stock --help',
    );
  }
  const format = outputFormat(values, context.io.stdout);
  const warehouse = stringOption(values, 'warehouse');
  const pageSize = intOption(values, 'page-size', 1);
  const cli = await context.openProvider(id);
  const formatter = createFormatter(format, recordShape({ raw: flag(values, 'raw') }));
  const print = stdoutWriter(context);
  let printed = 0;
  const write = (text: string, rows = 0): Promise<void> => {
    printed += rows;
    return print(text);
  };
  await write(formatter.header());
  let missing: string[] = [];
  if (all) {
    await scanPages(cli, context, {
      pageSize,
      extra: warehouse === undefined ? undefined : { warehouseCodes: [warehouse] },
      onPage: (page) => {
        const rows =
          warehouse === undefined
            ? page.items
            : page.items.filter((r) => r.warehouse.code === warehouse);
        return write(formatter.rows(rows), rows.length);
      },
    });
  } else if (skus !== undefined) {
    missing = await lookupSkus(cli, context, skus, warehouse, (records) =>
      write(formatter.rows(records), records.length),
    );
  } else if (ids !== undefined) {
    const byIds = cli.provider.inventory.byIds;
    if (byIds === undefined) {
      throw usageError(`${id} has no lookup by inventory id`, `use --sku or --all with ${id}`);
    }
    const result = await byIds(ids, { signal: context.io.signal });
    await write(formatter.rows(result.records), result.records.length);
    missing = result.missing;
  }
  if (warehouse !== undefined && printed === 0) await assertKnownWarehouse(cli, context, warehouse);
  await write(formatter.footer());
  if (missing.length > 0) await context.note(`not found in ${id}: ${missing.join(', ')}`);
  return EXIT.ok;
}

export const stockCommand: Command = {
  name: 'stock',
  summary: 'print inventory of one provider (table, jsonl, csv, json)',
  help: HELP,
  options: {
    sku: { type: 'string', multiple: true },
    ids: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    warehouse: { type: 'string' },
    format: { type: 'string' },
    raw: { type: 'boolean' },
    'page-size': { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  run,
};
