/**
 * batch.query by merchandise (docs/protocols/winit.md §10.1): requests deduplicated, chunked to the
 * batch size and sent concurrently, answers merged keeping the newest version of each record, and
 * the merchandises no row answered reported as missing.
 */
import {
  ConfigError,
  chunk,
  InvalidRequestError,
  type InventoryRecord,
  mapConcurrent,
} from '@inv/core';
import {
  type BatchQueryData,
  batchQueryDataSchema,
  compareVersion,
  type Merchandise,
  pagedDataSchema,
  readPagedData,
  WINIT_ACTIONS,
} from '@inv/winit-protocol';
import type { z } from 'zod';
import type { WinitClient } from './client.js';
import { normalizeSpecification } from './normalize.js';
import type { ResolvedWinitOptions } from './options.js';
import type { WinitByMerchandisesResult, WinitBySkusOptions } from './provider-types.js';
import { toRecords } from './records.js';

/** The provider's `byMerchandises` on `client`. */
export function createByMerchandises(
  client: WinitClient,
  resolved: ResolvedWinitOptions,
): (
  merchandises: readonly Merchandise[],
  opts?: WinitBySkusOptions,
) => Promise<WinitByMerchandisesResult> {
  return async (
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
