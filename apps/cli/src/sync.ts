import type { ByIdsResult, Cursor, InventoryRecord, Page } from '@inv/core';
import type { CommandContext } from './command.js';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { createProgress } from './progress.js';
import type { CliProvider } from './providers.js';

export interface ScanOptions {
  /** Resume after a delivered page. */
  cursor?: Cursor | null | undefined;
  pageSize?: number | undefined;
  /** Provider-specific list options (e.g. Winit `warehouseCodes`). */
  extra?: Record<string, unknown> | undefined;
  /** Called for every page, in order; the next page is fetched after it resolves. */
  onPage(page: Page): Promise<void> | void;
  /** Stop after this many pages (debug). Returns `false` then. */
  maxPages?: number | undefined;
}

/**
 * Walks every page of a provider with a progress line on stderr. Returns `true` when the provider
 * had no more pages, `false` when stopped by `maxPages`.
 */
export async function scanPages(
  cli: CliProvider,
  context: CommandContext,
  options: ScanOptions,
): Promise<boolean> {
  const { provider } = cli;
  const pages = provider.inventory.pages;
  if (pages === undefined) {
    throw new CliError(`${provider.id} cannot list its whole inventory`, {
      exitCode: EXIT.usage,
      fix: 'look positions up with --sku or --ids instead',
    });
  }
  const progress = createProgress(context.io.stderr, {
    label: provider.id,
    enabled: !context.quiet,
  });
  let rows = 0;
  let count = 0;
  try {
    const counted =
      progress.active && cli.countRows
        ? await cli.countRows({ extra: options.extra, signal: context.io.signal })
        : undefined;
    for await (const page of pages({
      ...options.extra,
      cursor: options.cursor ?? undefined,
      pageSize: options.pageSize,
      signal: context.io.signal,
    })) {
      await options.onPage(page);
      rows += page.items.length;
      count++;
      progress.update({ rows, pages: count, total: page.total ?? counted });
      if (options.maxPages !== undefined && count >= options.maxPages && page.next !== null) {
        return false;
      }
    }
    return true;
  } finally {
    progress.done();
  }
}

/**
 * Looks SKUs up. With `bySkus`, per warehouse: the one given, or each of `lookupWarehouses()` when
 * the provider needs one and none is configured. Without it, scans everything and filters (a
 * provider such as Kingdee has no SKU filter on its inventory list).
 */
export async function lookupSkus(
  cli: CliProvider,
  context: CommandContext,
  skus: readonly string[],
  warehouse: string | undefined,
  onRecords: (records: InventoryRecord[]) => Promise<void>,
): Promise<string[]> {
  const { provider } = cli;
  const bySkus = provider.inventory.bySkus;
  const found = new Set<string>();
  if (bySkus === undefined) {
    await context.note(
      `${provider.id} has no SKU lookup: scanning its whole inventory for ${skus.length} SKU(s)`,
    );
    const wanted = new Set(skus);
    await scanPages(cli, context, {
      onPage: async (page) => {
        const records = page.items.filter(
          (r) =>
            wanted.has(r.item.sku) && (warehouse === undefined || r.warehouse.code === warehouse),
        );
        for (const record of records) found.add(record.item.sku);
        if (records.length > 0) await onRecords(records);
      },
    });
    return skus.filter((sku) => !found.has(sku));
  }
  const warehouses =
    warehouse !== undefined
      ? [warehouse]
      : cli.lookupWarehouses
        ? await cli.lookupWarehouses(context.io.signal)
        : [undefined];
  for (const code of warehouses) {
    const result: ByIdsResult = await bySkus(skus, {
      signal: context.io.signal,
      ...(code === undefined ? {} : { warehouseCode: code }),
    });
    for (const record of result.records) found.add(record.item.sku);
    if (result.records.length > 0) await onRecords(result.records);
  }
  return skus.filter((sku) => !found.has(sku));
}

/**
 * After a `--warehouse` query that found nothing: refuses a warehouse the account does not have,
 * listing the ones it has, so a typo is not reported as "not found" with success. Providers that
 * cannot list their warehouses are trusted.
 */
export async function assertKnownWarehouse(
  cli: CliProvider,
  context: CommandContext,
  warehouse: string,
): Promise<void> {
  if (cli.warehouseCodes === undefined) return;
  const known = await cli.warehouseCodes(context.io.signal);
  if (known.includes(warehouse)) return;
  throw new CliError(`unknown warehouse "${warehouse}" in ${cli.provider.id}`, {
    exitCode: EXIT.usage,
    fix:
      known.length === 0
        ? `${cli.provider.id} lists no warehouse for this account`
        : `use one of ${[...known].sort().join(', ')} with --warehouse`,
  });
}
