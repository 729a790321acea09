/**
 * Child of `compare-overhead` (`--expose-gc`): benchmark 2's pipelines of two built checkouts in
 * one process, over the same bodies, run by turns (JSON.parse, then both pipelines in an order
 * that alternates per run), timed in CPU time. Two processes compare absolute times poorly on a
 * shared machine (CPU steal and the heap differ from one to the next); within one process, the
 * ratio of two adjacent runs cancels most of that drift. Prints one JSON line.
 *
 * argv: rows, runs, then the two `bench/dist/lib/pipelines.js` files (this checkout's first).
 */
import { kingdeeInvBody, kingdeeScmBody, winitBody } from '../lib/bodies.js';
import type { Pipeline, StageTimes } from '../lib/pipelines.js';
import { median } from '../lib/stats.js';

declare const gc: (() => void) | undefined;

/** One pipeline's result: medians over the runs, in CPU milliseconds. */
export interface PairedResult {
  id: string;
  jsonParseMs: number;
  /** Pipeline time of this checkout, then of the other. */
  pipelineMs: [number, number];
  /** pipeline ÷ JSON.parse (benchmark 2's ratio) of this checkout, then of the other. */
  ratio: [number, number];
  /** Median over the runs of this checkout's time ÷ the other's in the same run. */
  paired: number;
}

const [rowsArg, runsArg, ...modules] = process.argv.slice(2);
const rows = Number(rowsArg);
const runs = Number(runsArg);
const builds = await Promise.all(
  modules.map(async (file) => (await import(file)) as Record<string, Pipeline>),
);

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function timed(run: () => unknown): number {
  if (typeof gc === 'function') gc();
  const at = cpuMs();
  run();
  return cpuMs() - at;
}

function measure(key: string, text: string): PairedResult {
  const [mine, theirs] = builds.map((build) => build[key] as Pipeline);
  if (mine === undefined || theirs === undefined) throw new Error(`${key}: not in both checkouts`);
  const floor: number[] = [];
  const times: [number[], number[]] = [[], []];
  const pipelines = [mine, theirs];
  // One untimed round first: JIT warm-up and lazy schema compilation.
  for (let round = 0; round <= runs; round++) {
    const json = timed(() => JSON.parse(text));
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const took = [0, 0];
    for (const index of order) {
      const stages: StageTimes = { parse: 0, validate: 0, normalize: 0 };
      took[index] = timed(() => {
        const records = pipelines[index]?.run(text, stages) ?? [];
        if (records.length !== rows) throw new Error(`${key}: ${records.length} records`);
      });
    }
    if (round === 0) continue;
    floor.push(json);
    times[0].push(took[0] as number);
    times[1].push(took[1] as number);
  }
  const jsonParseMs = median(floor);
  const pipelineMs: [number, number] = [median(times[0]), median(times[1])];
  return {
    id: mine.id,
    jsonParseMs,
    pipelineMs,
    ratio: [pipelineMs[0] / jsonParseMs, pipelineMs[1] / jsonParseMs],
    paired: median(times[0].map((time, i) => time / (times[1][i] as number))),
  };
}

const results: PairedResult[] = [];
for (const [key, body] of [
  ['winitPipeline', winitBody],
  ['kingdeeInvPipeline', kingdeeInvBody],
  ['kingdeeScmPipeline', kingdeeScmBody],
] as const) {
  results.push(measure(key, body(rows)));
}
console.log(JSON.stringify(results));
