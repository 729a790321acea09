/**
 * Benchmark 2 (child process, `--expose-gc`): rows per second to parse, validate and normalize a
 * 100,000-row answer, against `JSON.parse` of the same bytes. Prints one JSON line.
 */
import { kingdeeInvBody, kingdeeScmBody, winitBody } from '../lib/bodies.js';
import {
  kingdeeInvPipeline,
  kingdeeInvPipelineProposed,
  kingdeeScmPipeline,
  type Pipeline,
  type StageTimes,
  winitPipeline,
  winitPipelineProposed,
} from '../lib/pipelines.js';
import { median } from '../lib/stats.js';

declare const gc: (() => void) | undefined;

export interface OverheadResult {
  id: string;
  label: string;
  rows: number;
  bytes: number;
  runs: number;
  jsonParseMs: number;
  pipelineMs: number;
  stages: StageTimes;
  jsonParseRowsPerSec: number;
  pipelineRowsPerSec: number;
  /** pipeline time / JSON.parse time (target ≤ 3). */
  ratio: number;
  /** The same pipeline with a proposed change (proposals.md), checked to give identical records. */
  proposed?: { label: string; pipelineMs: number; ratio: number } | undefined;
}

const rows = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const collect = (): void => {
  if (typeof gc === 'function') gc();
};

function measure(pipeline: Pipeline, text: string, proposed?: Pipeline): OverheadResult {
  const floor: number[] = [];
  const full: number[] = [];
  const stages: StageTimes[] = [];
  const alternative: number[] = [];
  // One untimed round first: JIT warm-up and lazy schema compilation.
  for (let round = 0; round <= runs; round++) {
    collect();
    let at = performance.now();
    const parsed = JSON.parse(text) as unknown;
    const floorMs = performance.now() - at;
    if (parsed === null) throw new Error('empty body');
    collect();
    const times: StageTimes = { parse: 0, validate: 0, normalize: 0 };
    at = performance.now();
    const records = pipeline.run(text, times);
    const fullMs = performance.now() - at;
    if (records.length !== rows) throw new Error(`${pipeline.id}: ${records.length} records`);
    if (proposed) {
      collect();
      at = performance.now();
      const other = proposed.run(text, { parse: 0, validate: 0, normalize: 0 });
      const otherMs = performance.now() - at;
      if (round === 0 && JSON.stringify(other) !== JSON.stringify(records)) {
        throw new Error(`${proposed.label} does not give the same records`);
      }
      if (round > 0) alternative.push(otherMs);
    }
    if (round === 0) continue;
    floor.push(floorMs);
    full.push(fullMs);
    stages.push(times);
  }
  const jsonParseMs = median(floor);
  const pipelineMs = median(full);
  return {
    id: pipeline.id,
    label: pipeline.label,
    rows,
    bytes: Buffer.byteLength(text),
    runs,
    jsonParseMs,
    pipelineMs,
    stages: {
      parse: median(stages.map((s) => s.parse)),
      validate: median(stages.map((s) => s.validate)),
      normalize: median(stages.map((s) => s.normalize)),
    },
    jsonParseRowsPerSec: rows / (jsonParseMs / 1000),
    pipelineRowsPerSec: rows / (pipelineMs / 1000),
    ratio: pipelineMs / jsonParseMs,
    proposed: proposed
      ? {
          label: proposed.label,
          pipelineMs: median(alternative),
          ratio: median(alternative) / jsonParseMs,
        }
      : undefined,
  };
}

const results: OverheadResult[] = [];
for (const [pipeline, body, proposed] of [
  [winitPipeline, winitBody, winitPipelineProposed],
  [kingdeeInvPipeline, kingdeeInvBody, kingdeeInvPipelineProposed],
  [kingdeeScmPipeline, kingdeeScmBody, undefined],
] as const) {
  results.push(measure(pipeline, body(rows), proposed));
}
console.log(JSON.stringify(results));
