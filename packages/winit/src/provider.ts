import { defineProvider, type OperationOptions } from '@inv/core';
import { queryWarehouseDataSchema, WINIT_ACTIONS, WINIT_MAX_PAGE_SIZE } from '@inv/winit-protocol';
import { createByMerchandises } from './by-merchandises.js';
import { clientFromResolved } from './client.js';
import { changeWindow, createInventorySync } from './inventory-sync.js';
import { resolveWinitOptions, type WinitProviderOptions } from './options.js';
import type { WinitBySkusOptions, WinitProvider, WinitWarehouse } from './provider-types.js';

/**
 * Creates the Winit provider. Options are validated now: a missing credential, bad base URL or
 * out-of-range batch/page size throws a `ConfigError` naming the option.
 */
export function createWinitProvider(options: WinitProviderOptions): WinitProvider {
  const resolved = resolveWinitOptions(options);
  const client = clientFromResolved(resolved);

  const warehouses = async (opts: OperationOptions = {}): Promise<WinitWarehouse[]> => {
    const rows = await client.call(WINIT_ACTIONS.queryWarehouse, '', {
      schema: queryWarehouseDataSchema,
      signal: opts.signal,
      operation: 'warehouses',
    });
    return rows.map((row) => ({
      id: row.warehouseID ?? row.warehouseId ?? null,
      code: row.warehouseCode,
      name: row.warehouseName ?? null,
      address: row.warehouseAddress ?? null,
      raw: row as Record<string, unknown>,
    }));
  };

  const byMerchandises = createByMerchandises(client, resolved);
  const sync = createInventorySync(client, resolved, warehouses);

  const provider = defineProvider({
    id: 'winit',
    displayName: 'Winit (万邑通)',
    capabilities: ['inventory.bySkus', 'inventory.list', 'inventory.changes'],
    limits: {
      maxBatchSize: resolved.batchSize,
      maxPageSize: WINIT_MAX_PAGE_SIZE,
      rateLimit: { limit: resolved.rateLimit.limit, intervalMs: resolved.rateLimit.intervalMs },
    },
    inventory: {
      bySkus: (skus, opts) =>
        byMerchandises(
          skus.map((merchandiseCode) => ({ merchandiseCode })),
          opts as WinitBySkusOptions | undefined,
        ).then(({ records, missing }) => ({ records, missing })),
      pages: (opts = {}) => sync(opts, undefined),
      changes: (opts) => sync(opts, changeWindow(resolved, opts)),
    },
  });
  return Object.freeze({ ...provider, client, warehouses, byMerchandises });
}
