/** `winit.inventory.type.batch.query` (docs/protocols/winit.md §10.1 and its sandbox [assumed] rules). */
import {
  type AggregateInvManagerType,
  batchQueryDataSchema,
  isEmptyData,
  WINIT_CODES,
} from '@inv/winit-protocol';
import type { WinitSandboxRow, WinitSandboxState } from '../dataset-types.js';
import { kindOf, winitRefusal } from '../envelope.js';
import { type Aggregation, aggregateRows, toWireRow } from '../wire-row.js';
import type { WinitActionHandler } from './endpoint.js';
import { schemaRefusal } from './schema-refusal.js';

export const aggregationOf = (
  types: readonly AggregateInvManagerType[] | null | undefined,
): Aggregation => new Set(types ?? []);

/** One row per (merchandise, classification) found; unknown merchandise is omitted. */
export const batchQuery =
  (state: WinitSandboxState): WinitActionHandler =>
  (data) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return winitRefusal(
        WINIT_CODES.invalidData,
        'data',
        `is ${isEmptyData(data) ? 'empty data' : kindOf(data)}`,
        'an object {warehouseCode, merchandises[1..500]}',
      );
    }
    const result = batchQueryDataSchema.safeParse(data);
    if (!result.success) {
      const { merchandises } = data as { merchandises?: unknown };
      const first = result.error.issues[0]?.path;
      const count =
        Array.isArray(merchandises) && first?.length === 1 && first[0] === 'merchandises'
          ? ` (got ${merchandises.length})`
          : '';
      return schemaRefusal(result.error.issues, count);
    }
    const request = result.data;
    const aggregation = aggregationOf(request.aggregateInvManagerTypes);
    const attribute = request.inventoryAttribute ?? {};
    const batchTriple =
      attribute.batchManagerType && attribute.batchDate && attribute.packingBatchNo
        ? attribute
        : undefined;
    const rows: WinitSandboxRow[] = [];
    const seen = new Set<WinitSandboxRow>();
    for (const merchandise of request.merchandises) {
      const spec = merchandise.specification || null;
      for (const row of state.rowsOf(request.warehouseCode, merchandise.merchandiseCode)) {
        if ((spec !== null && row.specification !== spec) || seen.has(row)) continue;
        if (
          !aggregation.has('MERCHANDISE_GRADE') &&
          attribute.merchandiseGrade &&
          row.merchandiseGrade !== attribute.merchandiseGrade
        ) {
          continue;
        }
        if (
          !aggregation.has('SKU_CODE_THIRD') &&
          attribute.skuCodeThird &&
          row.skuCodeThird !== attribute.skuCodeThird
        ) {
          continue;
        }
        if (
          !aggregation.has('BATCH') &&
          batchTriple &&
          (row.batchManagerType !== batchTriple.batchManagerType ||
            row.batchDate !== batchTriple.batchDate ||
            row.packingBatchNo !== batchTriple.packingBatchNo)
        ) {
          continue;
        }
        if (attribute.organization && row.organization !== attribute.organization) continue;
        seen.add(row);
        rows.push(row);
      }
    }
    const list = aggregateRows(rows, aggregation).map((row) => toWireRow(row, aggregation));
    return {
      data: { pageParams: { pageNo: 1, pageSize: list.length, totalCount: list.length }, list },
    };
  };
