/**
 * Benchmark 2 (child process, `--expose-gc`): rows per second to parse, validate and normalize a
 * 100,000-row answer, against `JSON.parse` of the same bytes. Prints one JSON line.
 */
import { kingdeeInvBody, kingdeeScmBody, winitBody } from '../lib/bodies.js';
import {
  kingdeeInvPipeline,
  kingdeeScmPipeline,
  type Pipeline,
  type StageTimes,
  winitPipeline,
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
}

const rows = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const collect = (): void => {
  if (typeof gc === 'function') gc();
};

function measure(pipeline: Pipeline, text: string): OverheadResult {
  const floor: number[] = [];
  const full: number[] = [];
  const stages: StageTimes[] = [];
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
  };
}

const results: OverheadResult[] = [];
for (const [pipeline, body] of [
  [winitPipeline, winitBody],
  [kingdeeInvPipeline, kingdeeInvBody],
  [kingdeeScmPipeline, kingdeeScmBody],
] as const) {
  results.push(measure(pipeline, body(rows)));
}
console.log(JSON.stringify(results));
