import {
  type ByIdsResult,
  type ChangesOptions,
  ConfigError,
  chunk,
  defineProvider,
  InvalidRequestError,
  type InventoryRecord,
  type ListOptions,
  mapConcurrent,
  type OperationOptions,
  type Page,
  type ProviderWith,
} from '@inv/core';
import {
  arrayParams,
  formatJdyDateTime,
  KINGDEE_MAX_PAGE_SIZE,
  KINGDEE_PATHS,
  kingdeeReference,
} from '@inv/kingdee-protocol';
import { createKingdeeClient, type KingdeeClient } from './client.js';
import { KINGDEE_PROVIDER_ID } from './constants.js';
import { createListPages } from './inventory-sync.js';
import { normalizeInvSynchronousRow } from './normalize.js';
import type { KingdeeProviderOptions } from './options.js';
import { invSynchronousResponseParser } from './row-parsers.js';

/** Options of `inventory.bySkus` (`scm/inventory` filters, docs/protocols/kingdee.md §9.2). */
export interface KingdeeBySkusOptions extends OperationOptions {
  /** Only positions in this warehouse (its `stock_number`, sent as `stock_numbers`). */
  warehouseCode?: string | undefined;
}

/** The Kingdee provider: the core operations plus the low-level signed `client`. */
export interface KingdeeProvider
  extends ProviderWith<'kingdee', 'byIds' | 'bySkus' | 'pages' | 'list' | 'changes'> {
  /** Signed low-level client (token flow, raw calls) the operations are built on. */
  readonly client: KingdeeClient;
}

// Characters that would split or quote an id inside the array forms of §4.
const UNSAFE_ID = /[\s,[\]"]/;

/**
 * Creates the Kingdee JDY provider. Options are validated now: a missing credential, a non-URL
 * base or a batch size outside 1..100 throws a `ConfigError` naming the option.
 *
 * - `inventory.byIds`: `GET /jdy/v2/inv/inv_synchronous`, ids chunked at ≤100, request order kept.
 * - `inventory.bySkus`: `GET /jdy/v2/scm/inventory` filtered by `material_numbers` (§9.2), SKUs
 *   chunked at `batchSize`, every page of each chunk; every position of a SKU, in SKU order.
 * - `inventory.pages` / `list`: `GET /jdy/v2/scm/inventory`, resumable with `{ page, pageSize }`.
 * - `inventory.changes`: the same list filtered by `modify_start_time`/`modify_end_time`.
 */
export function createKingdeeProvider(input: KingdeeProviderOptions): KingdeeProvider {
  const client = createKingdeeClient(input);
  const { options } = client;

  const fetchChunk = async (
    ids: readonly string[],
    label: string,
    signal: AbortSignal | undefined,
  ): Promise<InventoryRecord[]> => {
    const { body, raw } = await client.call(
      {
        method: 'GET',
        path: KINGDEE_PATHS.invSynchronous,
        query: arrayParams('ids', ids, options.arrayFormat),
        operation: label,
        schema: invSynchronousResponseParser,
        what: 'inv_synchronous answer',
      },
      { signal },
    );
    const rawRows = (raw as { data: { rows: Record<string, unknown>[] } }).data.rows;
    return body.data.rows.map((row, index) =>
      normalizeInvSynchronousRow(row, {
        availableFrom: options.availableFrom,
        raw: rawRows[index],
      }),
    );
  };

  /** Values sent inside an array parameter (§4) must not split or quote it. */
  const assertSendable = (values: readonly string[], name: string, what: string): void => {
    for (const [index, value] of values.entries()) {
      if (typeof value !== 'string' || value === '' || UNSAFE_ID.test(value)) {
        throw new InvalidRequestError(
          name === 'ids' ? 'INVALID_ID' : 'INVALID_SKU',
          `${name}[${index}] ${JSON.stringify(value)} cannot be sent: ${what}, without spaces, commas, brackets or quotes`,
          { provider: KINGDEE_PROVIDER_ID, details: { index }, local: true },
        );
      }
    }
  };

  const byIds = async (
    ids: readonly string[],
    opts: { signal?: AbortSignal | undefined } = {},
  ): Promise<ByIdsResult> => {
    assertSendable(ids, 'ids', 'Kingdee inventory ids are digit strings');
    const unique = [...new Set(ids)];
    const chunks = chunk(unique, options.batchSize);
    const results = await mapConcurrent(
      chunks,
      { concurrency: options.concurrency, signal: opts.signal },
      (ids, index) =>
        fetchChunk(ids, `inventory.byIds chunk ${index + 1}/${chunks.length}`, opts.signal),
    );
    const byKey = new Map<string, InventoryRecord>();
    for (const record of results.flat()) if (!byKey.has(record.key)) byKey.set(record.key, record);
    const records: InventoryRecord[] = [];
    const missing: string[] = [];
    for (const id of unique) {
      const record = byKey.get(id);
      if (record) records.push(record);
      else missing.push(id);
    }
    return { records, missing };
  };

  const listPages = createListPages(client);

  const pages = (opts: ListOptions = {}): AsyncIterable<Page> =>
    listPages(opts, [], 'inventory.pages', {});

  const bySkus = async (
    skus: readonly string[],
    opts: KingdeeBySkusOptions = {},
  ): Promise<ByIdsResult> => {
    assertSendable(
      skus,
      'skus',
      `Kingdee material numbers are sent in an array parameter (${kingdeeReference('4')})`,
    );
    const warehouse = opts.warehouseCode;
    if (warehouse !== undefined && (warehouse === '' || UNSAFE_ID.test(warehouse))) {
      throw new ConfigError(
        'warehouseCode',
        `${JSON.stringify(warehouse)} cannot be sent: a Kingdee stock number goes into an array parameter (${kingdeeReference('4')}), so it must be non-empty, without spaces, commas, brackets or quotes`,
      );
    }
    const byWarehouse =
      warehouse === undefined ? [] : arrayParams('stock_numbers', [warehouse], options.arrayFormat);
    const unique = [...new Set(skus)];
    const chunks = chunk(unique, options.batchSize);
    const results = await mapConcurrent(
      chunks,
      { concurrency: options.concurrency, signal: opts.signal },
      async (numbers, index) => {
        const found: InventoryRecord[] = [];
        const filter = [
          ...arrayParams('material_numbers', numbers, options.arrayFormat),
          ...byWarehouse,
        ];
        const operation = `inventory.bySkus chunk ${index + 1}/${chunks.length}`;
        for await (const page of listPages({ signal: opts.signal }, filter, operation, {})) {
          found.push(...page.items);
        }
        return found;
      },
    );
    // A SKU has a position per warehouse, bin, batch and variant: keep them all, grouped by SKU in
    // the order asked.
    const bySku = new Map<string, InventoryRecord[]>();
    const seen = new Set<string>();
    for (const record of results.flat()) {
      if (seen.has(record.key)) continue;
      seen.add(record.key);
      const list = bySku.get(record.item.sku);
      if (list) list.push(record);
      else bySku.set(record.item.sku, [record]);
    }
    const records: InventoryRecord[] = [];
    const missing: string[] = [];
    for (const sku of unique) {
      const found = bySku.get(sku);
      if (found) records.push(...found);
      else missing.push(sku);
    }
    return { records, missing };
  };

  const changes = (opts: ChangesOptions): AsyncIterable<Page> => {
    if (!(opts?.since instanceof Date) || Number.isNaN(opts.since.getTime())) {
      throw new ConfigError('since', 'must be a valid Date: the start of the change window');
    }
    const cursor = opts.cursor;
    // A resumed run keeps the window it started with, so page offsets stay valid.
    const start =
      typeof cursor?.modifyStartTime === 'string'
        ? cursor.modifyStartTime
        : formatJdyDateTime(opts.since, options.timeZone);
    const end =
      typeof cursor?.modifyEndTime === 'string'
        ? cursor.modifyEndTime
        : formatJdyDateTime(opts.until ?? options.now(), options.timeZone);
    if (start > end) {
      throw new ConfigError(
        'until',
        `must not be before since (${start} > ${end}, ${options.timeZone})`,
      );
    }
    return listPages(
      opts,
      [
        ['modify_start_time', start],
        ['modify_end_time', end],
      ],
      'inventory.changes',
      { modifyStartTime: start, modifyEndTime: end },
    );
  };

  const provider = defineProvider({
    id: KINGDEE_PROVIDER_ID,
    displayName: 'Kingdee JDY (金蝶精斗云)',
    capabilities: ['inventory.byIds', 'inventory.bySkus', 'inventory.list', 'inventory.changes'],
    limits: {
      maxBatchSize: options.batchSize,
      maxPageSize: KINGDEE_MAX_PAGE_SIZE,
      rateLimit: { limit: options.rateLimit.limit, intervalMs: options.rateLimit.intervalMs },
    },
    inventory: { byIds, bySkus, pages, changes },
  });
  return Object.freeze({ ...provider, client });
}
