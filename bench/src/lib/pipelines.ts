/**
 * What the clients do with one answer body, rebuilt from the packages' public exports in the order
 * the clients run them (packages/winit/src/client.ts + provider.ts `toRecords`,
 * packages/kingdee/src/client.ts `interpret` + provider.ts `fetchChunk`/`listPages`).
 */
import { type InventoryRecord, parseExactJson, parseShape } from '@inv/core';
import {
  invSynchronousResponseParser,
  normalizeInvSynchronousRow,
  normalizeScmInventoryRow,
  scmInventoryResponseParser,
} from '@inv/kingdee';
import { kingdeeEnvelopeSchema } from '@inv/kingdee-protocol';
import { inventoryRowParser, toInventoryRecord } from '@inv/winit';
import {
  isWinitSuccess,
  pagedDataSchema,
  readPagedData,
  winitResponseEnvelopeSchema,
} from '@inv/winit-protocol';

/** Milliseconds spent in each stage of one pipeline run. */
export interface StageTimes {
  parse: number;
  validate: number;
  normalize: number;
}

export interface Pipeline {
  id: string;
  label: string;
  /** The client's parse step alone: `parseExactJson`, as `parseJsonResponse` runs it. */
  run(text: string, times: StageTimes): InventoryRecord[];
}

export const winitPipeline: Pipeline = {
  id: 'winit',
  label: 'Winit pageInv/batch.query page',
  run(text, times) {
    let at = performance.now();
    const json = parseExactJson(text, { provider: 'winit' });
    times.parse += performance.now() - at;
    at = performance.now();
    const envelope = parseShape(winitResponseEnvelopeSchema, json, 'winit', 'pageInv response');
    if (!isWinitSuccess(envelope.code)) throw new Error(`code ${envelope.code}`);
    const data = parseShape(pagedDataSchema, envelope.data, 'winit', 'pageInv data');
    const { list } = readPagedData(data);
    // Validation and normalisation alternate per row in the client (toRecords); timed together
    // there, split here by running the row parser first.
    const rows = list.map(
      (raw, index) =>
        inventoryRowParser.parseKnown(raw) ??
        parseShape(inventoryRowParser, raw, 'winit', `pageInv list[${index}]`),
    );
    times.validate += performance.now() - at;
    at = performance.now();
    const records = rows.map((row, index) =>
      toInventoryRecord(row, list[index] as Record<string, unknown>),
    );
    times.normalize += performance.now() - at;
    return records;
  },
};

function kingdeePipeline<Row>(
  id: string,
  label: string,
  parser: typeof invSynchronousResponseParser | typeof scmInventoryResponseParser,
  normalize: (row: Row, raw: Record<string, unknown> | undefined) => InventoryRecord,
): Pipeline {
  return {
    id,
    label,
    run(text, times) {
      let at = performance.now();
      const raw = parseExactJson(text, { provider: 'kingdee' });
      times.parse += performance.now() - at;
      at = performance.now();
      const envelope = parseShape(kingdeeEnvelopeSchema, raw, 'kingdee', 'answer');
      if (envelope.errcode !== 0) throw new Error(`errcode ${envelope.errcode}`);
      const body = parseShape(parser, raw, 'kingdee', 'answer') as { data: { rows: Row[] } };
      times.validate += performance.now() - at;
      at = performance.now();
      const rawRows = (raw as { data: { rows: Record<string, unknown>[] } }).data.rows;
      const records = body.data.rows.map((row, index) => normalize(row, rawRows[index]));
      times.normalize += performance.now() - at;
      return records;
    },
  };
}

export const kingdeeInvPipeline: Pipeline = kingdeePipeline(
  'kingdee-inv',
  'Kingdee inv_synchronous answer',
  invSynchronousResponseParser,
  (row: Parameters<typeof normalizeInvSynchronousRow>[0], raw) =>
    normalizeInvSynchronousRow(row, { availableFrom: 'exp_valid_qty', raw }),
);

export const kingdeeScmPipeline: Pipeline = kingdeePipeline(
  'kingdee-scm',
  'Kingdee scm/inventory answer',
  scmInventoryResponseParser,
  (row: Parameters<typeof normalizeScmInventoryRow>[0], raw) =>
    normalizeScmInventoryRow(row, { raw }),
);
