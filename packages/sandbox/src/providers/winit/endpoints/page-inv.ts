/** `winit.inventory.type.pageInv` (docs/protocols/winit.md §10.2 and its sandbox [assumed] rules). */
import {
  canonicalJson,
  isEmptyData,
  type PageInvData,
  pageInvDataSchema,
  parseWinitTimestamp,
  WINIT_CODES,
  WINIT_SAMPLE_REQUEST_AGGREGATE,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
  WINIT_SAMPLE_RESPONSE_TEXT,
} from '@inv/winit-protocol';
import { quote } from '../../../gateway/refusal.js';
import type { RevisionCache } from '../../../revision-cache.js';
import type { WinitSandboxRow, WinitSandboxState } from '../dataset-types.js';
import { kindOf, winitRefusal } from '../envelope.js';
import { aggregateRows, toWireRow } from '../wire-row.js';
import { aggregationOf } from './batch-query.js';
import type { WinitActionHandler } from './endpoint.js';
import { schemaRefusal } from './schema-refusal.js';

// Each documented request answers the documented response that fits it: the aggregated one has no
// merchandiseGrade because MERCHANDISE_GRADE is aggregated away (§10.1, §11.4).
const SAMPLE_ANSWERS = new Map([
  [canonicalJson(WINIT_SAMPLE_REQUEST_ATTRIBUTES.data), WINIT_SAMPLE_RESPONSE_TEXT],
  [canonicalJson(WINIT_SAMPLE_REQUEST_AGGREGATE.data), WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT],
]);

const equalsIfGiven = (wanted: string | null | undefined, actual: string | null): boolean =>
  !wanted || wanted === actual;

/**
 * Pages of the rows a query matches; the documented examples replay verbatim (§11.4). `matching`
 * keeps each query's rows (pageVo aside) until the dataset changes: a sync pages through one
 * query, and filtering every row for each page made a 1M-row sync quadratic.
 */
export const pageInv =
  (
    state: WinitSandboxState,
    offset: number,
    matching: RevisionCache<readonly WinitSandboxRow[]>,
  ): WinitActionHandler =>
  (data) => {
    if (!isEmptyData(data) && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      return winitRefusal(WINIT_CODES.invalidData, 'data', `is ${kindOf(data)}`, 'an object or ""');
    }
    const result = pageInvDataSchema.safeParse(isEmptyData(data) ? {} : data);
    if (!result.success) return schemaRefusal(result.error.issues);
    const sample = isEmptyData(data) ? undefined : SAMPLE_ANSWERS.get(canonicalJson(data));
    if (sample !== undefined) return { text: sample };
    const request = result.data as PageInvData & typeof result.data;
    const window: { startTime?: number; endTime?: number } = {};
    for (const field of ['startTime', 'endTime'] as const) {
      const text = request[field];
      if (!text) continue;
      const at = parseWinitTimestamp(text, offset);
      if (at === undefined) {
        return winitRefusal(
          WINIT_CODES.invalidData,
          field,
          `${quote(text)} is not a real date-time`,
          'yyyy-MM-dd HH:mm:ss',
        );
      }
      window[field] = at;
    }
    if (
      window.startTime !== undefined &&
      window.endTime !== undefined &&
      window.startTime > window.endTime
    ) {
      return winitRefusal(
        WINIT_CODES.invalidData,
        'startTime',
        `${quote(request.startTime ?? '')} must not be after endTime ${quote(request.endTime ?? '')}`,
      );
    }
    const attribute = request.inventoryAttribute ?? {};
    const aggregation = aggregationOf(request.aggregateInvManagerTypes);
    const warehouses = new Set(
      `${request.warehouseCodes ?? ''},${request.warehouseCode ?? ''}`
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    );
    // Empty serviceType means 2C and empty grade GOOD (§10.2).
    const serviceType = request.serviceType || '2C';
    const grade = request.merchandiseGrade || attribute.merchandiseGrade || 'GOOD';
    const skuCodeThird = attribute.skuCodeThird || undefined;
    const organization = request.organization || attribute.organization || undefined;
    const batchTriple =
      attribute.batchManagerType && attribute.batchDate && attribute.packingBatchNo
        ? attribute
        : undefined;
    const filter = (): WinitSandboxRow[] =>
      state
        .rows()
        .filter(
          (row) =>
            (warehouses.size === 0 || warehouses.has(row.warehouseCode)) &&
            row.serviceType === serviceType &&
            (aggregation.has('MERCHANDISE_GRADE') || row.merchandiseGrade === grade) &&
            equalsIfGiven(request.merchandiseCode, row.merchandiseCode) &&
            equalsIfGiven(request.merchandiseSerno, row.merchandiseSerno) &&
            equalsIfGiven(request.specification, row.specification) &&
            equalsIfGiven(request.provideChannel, row.provideChannel) &&
            equalsIfGiven(request.salesChannel, row.salesChannel) &&
            equalsIfGiven(organization, row.organization) &&
            (aggregation.has('SKU_CODE_THIRD') || equalsIfGiven(skuCodeThird, row.skuCodeThird)) &&
            (aggregation.has('BATCH') ||
              !batchTriple ||
              (row.batchManagerType === batchTriple.batchManagerType &&
                row.batchDate === batchTriple.batchDate &&
                row.packingBatchNo === batchTriple.packingBatchNo)) &&
            (window.startTime === undefined || row.changedAt >= window.startTime) &&
            (window.endTime === undefined || row.changedAt < window.endTime),
        );
    const rows = matching.get(JSON.stringify({ ...request, pageVo: undefined }), () =>
      aggregateRows(filter(), aggregation),
    );
    // Defaults 1 and 10 (§10.2); pageNo past the end gives an empty list with the true total.
    const pageNo = request.pageVo?.pageNo ?? 1;
    const pageSize = request.pageVo?.pageSize ?? 10;
    const list = rows
      .slice((pageNo - 1) * pageSize, pageNo * pageSize)
      .map((row) => toWireRow(row, aggregation));
    return { data: { pageParams: { pageNo, pageSize, totalCount: rows.length }, list } };
  };
