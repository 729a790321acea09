/**
 * What the clients do with one answer body, rebuilt from the packages' public exports in the order
 * the clients run them (packages/winit/src/client.ts + provider.ts `toRecords`,
 * packages/kingdee/src/client.ts `interpret` + provider.ts `fetchChunk`/`listPages`).
 */
import { type InventoryRecord, parseShape } from '@inv/core';
import {
  invSynchronousResponseSchema,
  kingdeeEnvelopeSchema,
  normalizeInvSynchronousRow,
  normalizeScmInventoryRow,
  parseJsonPreservingIntegers,
  scmInventoryResponseSchema,
} from '@inv/kingdee';
import {
  inventoryRowSchema,
  isWinitSuccess,
  pagedDataSchema,
  readPagedData,
  toInventoryRecord,
  type WinitInventoryRow,
  winitResponseEnvelopeSchema,
} from '@inv/winit';
import { fastQuoteLongIntegers, fastWinitRow } from './fast-paths.js';

/** Milliseconds spent in each stage of one pipeline run. */
export interface StageTimes {
  parse: number;
  validate: number;
  normalize: number;
}

export interface Pipeline {
  id: string;
  label: string;
  /** The client's parse step alone (JSON.parse, or Kingdee's integer-preserving parse). */
  run(text: string, times: StageTimes): InventoryRecord[];
}

/** Winit, with the row validator pluggable (proposal 8 swaps in a fast path). */
function winitPipelineWith(
  id: string,
  label: string,
  parseRow: (raw: unknown, index: number) => WinitInventoryRow,
): Pipeline {
  return {
    id,
    label,
    run(text, times) {
      let at = performance.now();
      const json = JSON.parse(text) as unknown;
      times.parse += performance.now() - at;
      at = performance.now();
      const envelope = parseShape(winitResponseEnvelopeSchema, json, 'winit', 'pageInv response');
      if (!isWinitSuccess(envelope.code)) throw new Error(`code ${envelope.code}`);
      const data = parseShape(pagedDataSchema, envelope.data, 'winit', 'pageInv data');
      const { list } = readPagedData(data);
      // Validation and normalisation alternate per row in the client (toRecords); timed together
      // there, split here by running the row schema first.
      const rows = list.map(parseRow);
      times.validate += performance.now() - at;
      at = performance.now();
      const records = rows.map((row, index) =>
        toInventoryRecord(row, list[index] as Record<string, unknown>),
      );
      times.normalize += performance.now() - at;
      return records;
    },
  };
}

export const winitPipeline: Pipeline = winitPipelineWith(
  'winit',
  'Winit pageInv/batch.query page',
  (raw, index) => parseShape(inventoryRowSchema, raw, 'winit', `pageInv list[${index}]`),
);

/** Proposal 8 prototype: the same pipeline with a typeof fast path per row. */
export const winitPipelineProposed: Pipeline = winitPipelineWith(
  'winit',
  'Winit, proposal 8 (row fast path)',
  (raw) => fastWinitRow(raw),
);

function kingdeePipeline<Row>(
  id: string,
  label: string,
  schema: typeof invSynchronousResponseSchema | typeof scmInventoryResponseSchema,
  normalize: (row: Row, raw: Record<string, unknown> | undefined) => InventoryRecord,
  parseJson: (text: string) => unknown = parseJsonPreservingIntegers,
): Pipeline {
  return {
    id,
    label,
    run(text, times) {
      let at = performance.now();
      const raw = parseJson(text);
      times.parse += performance.now() - at;
      at = performance.now();
      const envelope = parseShape(kingdeeEnvelopeSchema, raw, 'kingdee', 'answer');
      if (envelope.errcode !== 0) throw new Error(`errcode ${envelope.errcode}`);
      const body = parseShape(schema, raw, 'kingdee', 'answer') as { data: { rows: Row[] } };
      times.validate += performance.now() - at;
      at = performance.now();
      const rawRows = (raw as { data: { rows: Record<string, unknown>[] } }).data.rows;
      const records = body.data.rows.map((row, index) => normalize(row, rawRows[index]));
      times.normalize += performance.now() - at;
      return records;
    },
  };
}

const normalizeInv = (
  row: Parameters<typeof normalizeInvSynchronousRow>[0],
  raw?: Record<string, unknown>,
) => normalizeInvSynchronousRow(row, { availableFrom: 'exp_valid_qty', raw });

export const kingdeeInvPipeline: Pipeline = kingdeePipeline(
  'kingdee-inv',
  'Kingdee inv_synchronous answer',
  invSynchronousResponseSchema,
  normalizeInv,
);

/** Proposal 9 prototype: the same pipeline with the faster long-integer quoting. */
export const kingdeeInvPipelineProposed: Pipeline = kingdeePipeline(
  'kingdee-inv',
  'Kingdee inv_synchronous, proposal 9 (parse scan)',
  invSynchronousResponseSchema,
  normalizeInv,
  (text) => JSON.parse(fastQuoteLongIntegers(text)),
);

export const kingdeeScmPipeline: Pipeline = kingdeePipeline(
  'kingdee-scm',
  'Kingdee scm/inventory answer',
  scmInventoryResponseSchema,
  (row: Parameters<typeof normalizeScmInventoryRow>[0], raw) =>
    normalizeScmInventoryRow(row, { raw }),
);
