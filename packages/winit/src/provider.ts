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
  pagedSync,
  parseShape,
} from '@inv/core';
import {
  type AggregateInvManagerType,
  type BatchQueryData,
  batchQueryDataSchema,
  compareVersion,
  formatWinitTimestamp,
  type InventoryAttribute,
  type Merchandise,
  type MerchandiseGrade,
  merchandiseGradeSchema,
  type PageInvData,
  pagedDataSchema,
  queryWarehouseDataSchema,
  readPagedData,
  type ServiceType,
  serviceTypeSchema,
  WINIT_ACTIONS,
  WINIT_MAX_PAGE_SIZE,
  winitReference,
  winitTimestampSchema,
} from '@inv/winit-protocol';
import { z } from 'zod';
import { clientFromResolved, type WinitClient } from './client.js';
import { normalizeSpecification, toInventoryRecord } from './normalize.js';
import {
  type ResolvedWinitOptions,
  resolveWinitOptions,
  type WinitProviderOptions,
} from './options.js';
import { inventoryRowParser } from './row-parser.js';

/** Options of `bySkus` / `byMerchandises` (batch.query, docs/protocols/winit.md §10.1). */
export interface WinitBySkusOptions extends OperationOptions {
  /** Warehouse to query; defaults to the provider option `warehouseCode`. Required by Winit. */
  warehouseCode?: string | undefined;
  /** Filter by classification: grade, third-party barcode, complete batch triple. */
  inventoryAttribute?: InventoryAttribute | undefined;
  /** Classifications to sum over (their concrete values must then be omitted). */
  aggregateInvManagerTypes?: readonly AggregateInvManagerType[] | undefined;
}

/** `byMerchandises` result: `missing` holds codes, `missingMerchandises` the exact requests. */
export interface WinitByMerchandisesResult extends ByIdsResult {
  missingMerchandises: Merchandise[];
}

/** Options of a full sync (`pages`/`list`), overriding the provider defaults for one run. */
export interface WinitListOptions extends ListOptions {
  warehouseCodes?: readonly string[] | undefined;
  serviceTypes?: readonly ServiceType[] | undefined;
  grades?: readonly MerchandiseGrade[] | undefined;
}

/** Options of an incremental sync (`changes`). */
export interface WinitChangesOptions extends ChangesOptions {
  warehouseCodes?: readonly string[] | undefined;
  serviceTypes?: readonly ServiceType[] | undefined;
  grades?: readonly MerchandiseGrade[] | undefined;
}

/** A warehouse of `queryWarehouse` (§10.3), normalized. */
export interface WinitWarehouse {
  id: string | null;
  code: string;
  name: string | null;
  address: string | null;
  raw: Record<string, unknown>;
}

/** The Winit provider: the core contract plus Winit-specific operations. */
export interface WinitProvider
  extends ProviderWith<'winit', 'bySkus' | 'pages' | 'list' | 'changes'> {
  /** The signed low-level client, for actions `inv` does not wrap. */
  readonly client: WinitClient;
  /** Warehouses of the account (`queryWarehouse`, data `""`). */
  warehouses(options?: OperationOptions): Promise<WinitWarehouse[]>;
  /** batch.query by merchandise (code + optional specification), chunked and merged. */
  byMerchandises(
    merchandises: readonly Merchandise[],
    options?: WinitBySkusOptions,
  ): Promise<WinitByMerchandisesResult>;
}

/**
 * Resume point of a sync: the segment (warehouse × serviceType × grade, §10.2 [assumed]) and page to
 * fetch next, the page size the page numbers refer to, and the change window of `changes`.
 */
const cursorSchema = z.object({
  warehouseCode: z.string().min(1),
  serviceType: serviceTypeSchema,
  grade: merchandiseGradeSchema,
  pageNo: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(WINIT_MAX_PAGE_SIZE),
  startTime: winitTimestampSchema.nullish(),
  endTime: winitTimestampSchema.nullish(),
  /** The segment's totalCount when the cursor was made; a smaller one on resume means rows left. */
  seenTotal: z.number().int().min(0).nullish(),
});
type SyncCursor = z.infer<typeof cursorSchema>;

interface Segment {
  warehouseCode: string;
  serviceType: ServiceType;
  grade: MerchandiseGrade;
}

/** A segment with the change window every page of it is asked for (`null` for a full sync). */
interface WindowedSegment extends Segment {
  startTime: string | null;
  endTime: string | null;
}

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

  const byMerchandises = async (
    merchandises: readonly Merchandise[],
    opts: WinitBySkusOptions = {},
  ): Promise<WinitByMerchandisesResult> => {
    const warehouseCode = opts.warehouseCode ?? resolved.warehouseCode;
    if (warehouseCode === undefined || warehouseCode.trim() === '') {
      throw new ConfigError(
        'warehouseCode',
        'batch.query needs a warehouse: pass warehouseCode to createWinitProvider or to this call',
        { provider: 'winit' },
      );
    }
    const unique = dedupeMerchandises(merchandises);
    if (unique.length === 0) return { records: [], missing: [], missingMerchandises: [] };
    const chunks = chunk(unique, resolved.batchSize);
    const answers = await mapConcurrent(
      chunks,
      { concurrency: resolved.concurrency, signal: opts.signal },
      async (items, index) => {
        const operation = `inventory.bySkus chunk ${index + 1}/${chunks.length}`;
        const data: BatchQueryData = {
          warehouseCode,
          merchandises: items,
          inventoryAttribute: opts.inventoryAttribute,
          aggregateInvManagerTypes: opts.aggregateInvManagerTypes
            ? [...opts.aggregateInvManagerTypes]
            : undefined,
        };
        assertRequest(batchQueryDataSchema, data, operation);
        const answer = await client.call(WINIT_ACTIONS.batchQuery, data, {
          schema: pagedDataSchema,
          signal: opts.signal,
          operation,
        });
        return toRecords(readPagedData(answer).list, operation);
      },
    );
    const byKey = new Map<string, InventoryRecord>();
    for (const record of answers.flat()) {
      const previous = byKey.get(record.key);
      if (!previous || isNewer(record, previous)) byKey.set(record.key, record);
    }
    const records = [...byKey.values()];
    const bySku = new Map<string, InventoryRecord[]>();
    for (const record of records) {
      bySku.set(record.item.sku, [...(bySku.get(record.item.sku) ?? []), record]);
    }
    const missingMerchandises = unique.filter(
      (wanted) => !(bySku.get(wanted.merchandiseCode) ?? []).some((r) => matches(r, wanted)),
    );
    return {
      records,
      missing: [...new Set(missingMerchandises.map((m) => m.merchandiseCode))],
      missingMerchandises,
    };
  };

  const segmentsFor = async (
    opts: { warehouseCodes?: readonly string[] | undefined; signal?: AbortSignal | undefined } & {
      serviceTypes?: readonly ServiceType[] | undefined;
      grades?: readonly MerchandiseGrade[] | undefined;
    },
  ): Promise<Segment[]> => {
    const codes =
      opts.warehouseCodes ??
      resolved.warehouseCodes ??
      (await warehouses({ signal: opts.signal })).map((w) => w.code);
    const serviceTypes = opts.serviceTypes ?? resolved.serviceTypes;
    const grades = opts.grades ?? resolved.grades;
    const segments: Segment[] = [];
    for (const warehouseCode of [...new Set(codes)].sort()) {
      for (const serviceType of serviceTypes) {
        for (const grade of grades) segments.push({ warehouseCode, serviceType, grade });
      }
    }
    return segments;
  };

  const sync = (
    opts: WinitListOptions,
    window: { startTime: string; endTime: string } | undefined,
  ): AsyncIterable<Page> => {
    const kind = window ? 'changes' : 'pages';
    return pagedSync<InventoryRecord, WindowedSegment, SyncCursor>(
      {
        provider: 'winit',
        endpoint: 'Winit pageInv',
        cursorSchema,
        plan: async (cursor) => {
          // A resumed change sync keeps the window it started with, so page offsets stay valid.
          const range =
            cursor?.startTime && cursor.endTime
              ? { startTime: cursor.startTime, endTime: cursor.endTime }
              : window;
          const segments = (await segmentsFor(opts)).map((segment) => ({
            ...segment,
            startTime: range?.startTime ?? null,
            endTime: range?.endTime ?? null,
          }));
          if (!cursor) return { segments };
          const index = segments.findIndex(
            (s) =>
              s.warehouseCode === cursor.warehouseCode &&
              s.serviceType === cursor.serviceType &&
              s.grade === cursor.grade,
          );
          if (index < 0) {
            throw new ConfigError(
              'cursor',
              `resumes ${cursor.warehouseCode}/${cursor.serviceType}/${cursor.grade}, which this sync does not cover; pass the same warehouseCodes, serviceTypes and grades as the run that produced it`,
              { provider: 'winit' },
            );
          }
          return {
            segments,
            resume: {
              segment: index,
              page: cursor.pageNo,
              pageSize: cursor.pageSize,
              seenTotal: cursor.seenTotal,
            },
          };
        },
        pageSize: opts.pageSize ?? resolved.pageSize,
        maxPageSize: WINIT_MAX_PAGE_SIZE,
        operation: ({ segment, page }) =>
          `inventory.${kind} ${segment.warehouseCode}/${segment.serviceType}/${segment.grade} page ${page}`,
        fetchPage: async ({ segment, page, pageSize, operation }, signal) => {
          const data: PageInvData = {
            warehouseCodes: segment.warehouseCode,
            serviceType: segment.serviceType,
            merchandiseGrade: segment.grade,
            startTime: segment.startTime ?? undefined,
            endTime: segment.endTime ?? undefined,
            pageVo: { pageNo: page, pageSize },
          };
          const answer = await client.call(WINIT_ACTIONS.pageInv, data, {
            schema: pagedDataSchema,
            signal,
            operation,
          });
          const { paging, list } = readPagedData(answer);
          // pages = ceil(totalCount / pageSize); stop at the last page or an empty list (§10.2 [assumed]).
          const lastPage =
            paging.totalCount === undefined ? undefined : Math.ceil(paging.totalCount / pageSize);
          return {
            items: toRecords(list, operation),
            total: paging.totalCount,
            last:
              list.length === 0 ||
              (lastPage === undefined ? list.length < pageSize : page >= lastPage),
          };
        },
        cursor: ({ segment, page, pageSize, seenTotal }) => ({
          warehouseCode: segment.warehouseCode,
          serviceType: segment.serviceType,
          grade: segment.grade,
          pageNo: page,
          pageSize,
          startTime: segment.startTime,
          endTime: segment.endTime,
          seenTotal,
        }),
        key: (record) => record.key,
        paths: { items: 'data.list', total: 'data.pageParams.totalCount' },
        rowCountHint: ` (pages = ceil(totalCount / pageSize), assumed in ${winitReference('10.2')}: is the gateway cutting pageSize or losing rows between pages?)`,
      },
      { cursor: opts.cursor, signal: opts.signal },
    );
  };

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

function changeWindow(
  resolved: ResolvedWinitOptions,
  opts: ChangesOptions,
): { startTime: string; endTime: string } {
  const since = opts.since?.getTime();
  const until = opts.until?.getTime() ?? resolved.nowMs();
  if (since === undefined || !Number.isFinite(since)) {
    throw new ConfigError('since', 'is required: pass the Date the change window starts at', {
      provider: 'winit',
    });
  }
  if (!Number.isFinite(until) || until < since) {
    throw new ConfigError('until', 'must be a valid Date at or after `since`', {
      provider: 'winit',
    });
  }
  // Change windows use the envelope's format and zone (§9 [assumed]), truncated to the second, so
  // consecutive windows [a, b) and [b, c) neither overlap nor leave a gap.
  return {
    startTime: formatWinitTimestamp(since, resolved.utcOffsetMinutes),
    endTime: formatWinitTimestamp(until, resolved.utcOffsetMinutes),
  };
}

function dedupeMerchandises(merchandises: readonly Merchandise[]): Merchandise[] {
  const seen = new Set<string>();
  const out: Merchandise[] = [];
  for (const m of merchandises) {
    const specification = normalizeSpecification(m.specification);
    const id = `${m.merchandiseCode}\u0000${specification ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(specification === null ? { merchandiseCode: m.merchandiseCode } : { ...m });
  }
  return out;
}

/** A row answers a request when, if a specification was asked, it matches too (§11.5). */
function matches(record: InventoryRecord, wanted: Merchandise): boolean {
  const spec = normalizeSpecification(wanted.specification);
  return spec === null || (record.item.variant?.code ?? null) === spec;
}

function isNewer(a: InventoryRecord, b: InventoryRecord): boolean {
  return a.version !== null && (b.version === null || compareVersion(a.version, b.version) > 0);
}

function toRecords(list: unknown[], operation: string): InventoryRecord[] {
  return list.map((raw, index) => {
    const row = parseShape(inventoryRowParser, raw, 'winit', `${operation} list[${index}]`);
    return toInventoryRecord(row, raw as Record<string, unknown>);
  });
}

/** Client-side validation with the wire schema, before spending a request on a sure refusal. */
function assertRequest(
  schema: { safeParse(input: unknown): { success: boolean; error?: z.ZodError } },
  data: unknown,
  operation: string,
): void {
  const result = schema.safeParse(data);
  if (result.success) return;
  const issue = result.error?.issues[0];
  throw new InvalidRequestError(
    'CLIENT',
    `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'is invalid'}`,
    { provider: 'winit', details: { operation } },
  );
}
