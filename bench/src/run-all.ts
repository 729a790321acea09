/**
 * `pnpm bench`: every benchmark in sequence (never two at once: the machine has 2 cores), then
 * bench/RESULTS.md and bench/results/all.json. Durations and sizes can be shortened through
 * BENCH_* variables for a smoke run (README); RESULTS.md is only committed from a full run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describeMachine, type Machine } from './lib/machine.js';
import { BENCH_DIR, resultsDir } from './lib/paths.js';
import { envNumber, fixed, int, mb, pct } from './lib/stats.js';
import { type LoadTestResult, runLoadTest } from './load-test.js';
import { type OverheadResult, runOverhead } from './overhead.js';
import { type RateLimitResult, type RateLimitScale, runRateLimit } from './rate-limit.js';
import { runStreaming, type StreamResult } from './streaming.js';
import { runThroughput, type ThroughputReport } from './throughput.js';

const config = {
  runs: envNumber('BENCH_RUNS', 3),
  warmupS: envNumber('BENCH_WARMUP_S', 3),
  durationS: envNumber('BENCH_DURATION_S', 10),
  overheadRows: envNumber('BENCH_OVERHEAD_ROWS', 100_000),
  overheadRuns: envNumber('BENCH_OVERHEAD_RUNS', 5),
  /** Winit SKUs of the streaming datasets (about 3.8 rows per SKU: ~100k and ~1M rows). */
  streamSkusSmall: envNumber('BENCH_STREAM_SKUS_SMALL', 26_500),
  streamSkusLarge: envNumber('BENCH_STREAM_SKUS_LARGE', 265_000),
  rateLimitSkus: envNumber('BENCH_RATE_LIMIT_SKUS', 50_000),
  loadWarmupS: envNumber('BENCH_LOAD_WARMUP_S', 5),
  loadDurationS: envNumber('BENCH_LOAD_DURATION_S', 30),
};

const SCALES: RateLimitScale[] = [
  { limit: 10, windowMs: 1_000, marginMs: 20, label: '10 per 1 s (1000/min ÷ 100, margin 2%)' },
  { limit: 50, windowMs: 5_000, marginMs: 100, label: '50 per 5 s (1000/min ÷ 20, margin 2%)' },
  { limit: 10, windowMs: 1_000, marginMs: 0, label: '10 per 1 s, no margin' },
];

/** The streaming server: large generated Winit dataset, limit off (benchmark 4 covers pacing). */
const streamServer = (skuCount: number) => ({
  winit: { dataset: { skuCount }, rateLimit: false as const },
});

const log = (line: string): void => console.log(line);
const started = Date.now();
const autocannonVersion = (
  createRequire(import.meta.url)('autocannon/package.json') as { version: string }
).version;
const machine = describeMachine(autocannonVersion);
const loadBefore = loadavg();

type Results = Parameters<typeof render>[0];

async function measure(): Promise<Results> {
  log('1/5 sandbox throughput');
  const throughput = await runThroughput(
    { runs: config.runs, warmupS: config.warmupS, durationS: config.durationS, connections: 50 },
    log,
  );
  log('2/5 client overhead');
  const overhead = await runOverhead(config.overheadRows, config.overheadRuns);
  for (const r of overhead) log(`  ${r.id}: ${fixed(r.ratio, 2)}× JSON.parse`);
  log('3/5 streaming memory');
  const streaming: (StreamResult & { serverStartMs: number; skuCount: number })[] = [];
  for (const skuCount of [config.streamSkusSmall, config.streamSkusLarge]) {
    const result = await runStreaming('winit', 0, streamServer(skuCount));
    streaming.push({ ...result, skuCount });
    log(
      `  ${int(result.rows)} rows: peak RSS ${mb(result.peakRssBytes)} in ${fixed(result.wallMs / 1000)} s`,
    );
  }
  log('4/5 rate-limited sync');
  const rateLimit: RateLimitResult[] = [];
  for (const scale of SCALES) {
    const result = await runRateLimit(config.rateLimitSkus, scale);
    rateLimit.push(result);
    log(
      `  ${scale.label}: ${result.clientRequests} requests, ${fixed(result.wallMs / 1000, 2)} s, ${result.throttled} throttled`,
    );
  }
  log('5/5 load');
  const load = await runLoadTest({
    connections: 50,
    warmupS: config.loadWarmupS,
    durationS: config.loadDurationS,
  });
  log(`  ${int(load.load.requestsPerSec)} req/s, growth ${pct(load.growth)}`);

  const loadAfter = loadavg();
  return {
    machine,
    loadBefore,
    loadAfter,
    config,
    throughput,
    overhead,
    streaming,
    rateLimit,
    load,
    totalS: (Date.now() - started) / 1000,
  };
}

// `--render` rewrites RESULTS.md from the last run's results/all.json (e.g. after editing
// proposals.md) without measuring again.
const all: Results = process.argv.includes('--render')
  ? (JSON.parse(readFileSync(join(resultsDir(), 'all.json'), 'utf8')) as Results)
  : await measure();
writeFileSync(join(resultsDir(), 'all.json'), JSON.stringify(all, null, 2));
writeFileSync(join(BENCH_DIR, 'RESULTS.md'), render(all));
log('wrote bench/RESULTS.md');

// ----------------------------------------------------------------------------------- report

function mark(met: boolean): string {
  return met ? '**met**' : '**missed**';
}

function render(r: {
  machine: Machine;
  loadBefore: number[];
  loadAfter: number[];
  config: typeof config;
  throughput: ThroughputReport;
  overhead: OverheadResult[];
  streaming: (StreamResult & { serverStartMs: number; skuCount: number })[];
  rateLimit: RateLimitResult[];
  load: LoadTestResult;
  totalS: number;
}): string {
  const t = r.throughput;
  const target = (id: string) => t.targets.find((x) => x.id === id);
  const normalized = (id: string) => {
    const x = target(id);
    return x ? x.requestsPerSec / (x.serverCpuPct / 100) : Number.NaN;
  };
  const ratio = (a: string, b: string) => normalized(a) / normalized(b);
  const rps = (id: string) => target(id)?.requestsPerSec ?? Number.NaN;
  const small = r.streaming[0];
  const large = r.streaming[r.streaming.length - 1];
  const primary = r.rateLimit[0];
  const lines: string[] = [
    '# inv benchmark results',
    '',
    'Generated by `pnpm bench` (bench/src/run-all.ts); methodology in [README.md](README.md).',
    '',
    '| | |',
    '|---|---|',
    `| Machine | ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, ${r.machine.os} |`,
    `| Node | ${r.machine.node} |`,
    `| Date | ${r.machine.date} |`,
    `| Commit | ${r.machine.commit} |`,
    '| Command | `pnpm bench` (= `turbo run build && pnpm --filter @inv/bench bench`) |',
    `| Tools | autocannon ${r.machine.autocannon}, @stoplight/prism-cli ${r.machine.prism} |`,
    `| Runs | throughput: ${r.config.runs} runs × ${r.config.durationS} s after ${r.config.warmupS} s warm-up, 50 connections, medians; overhead: median of ${r.config.overheadRuns} runs after 1 warm-up |`,
    `| Load average (1/5/15 min) | before ${r.loadBefore.map((x) => fixed(x, 2)).join(' / ')}, after ${r.loadAfter.map((x) => fixed(x, 2)).join(' / ')} (the suite itself keeps ~2 busy) |`,
    `| Suite wall time | ${fixed(r.totalS / 60, 1)} min |`,
    '',
    '## Summary',
    '',
    '| Target | Result | |',
    '|---|---|---|',
    `| Kingdee sandbox ≥ 60% of bare Hono (a)/(c) | ${pct(t.ratios.kingdeeVsBare)} (per server CPU-second: ${pct(ratio('kingdee-sandbox', 'kingdee-bare'))}) | ${mark(t.ratios.kingdeeVsBare >= 0.6)} |`,
    `| Winit sandbox ≥ 60% of bare Hono (b)/(c) | ${pct(t.ratios.winitVsBare)} (per server CPU-second: ${pct(ratio('winit-sandbox', 'winit-bare'))}) | ${mark(t.ratios.winitVsBare >= 0.6)} |`,
    `| Kingdee sandbox ≥ 8× Prism (a)/(d) | ${fixed(t.ratios.kingdeeVsPrism, 2)}× (the bare route itself, (c)/(d): ${fixed(rps('kingdee-bare') / rps('kingdee-prism'), 2)}×; per server CPU-second (a)/(d): ${fixed(ratio('kingdee-sandbox', 'kingdee-prism'), 2)}×) | ${mark(t.ratios.kingdeeVsPrism >= 8)} |`,
    `| (Winit sandbox vs Prism (b)/(d), not a target) | ${fixed(t.ratios.winitVsPrism, 2)}× | |`,
    ...r.overhead.map(
      (o) =>
        `| ${o.label}: pipeline ≤ 3× JSON.parse | ${fixed(o.ratio, 2)}× | ${mark(o.ratio <= 3)} |`,
    ),
  ];
  if (small && large) {
    lines.push(
      `| Streaming peak client RSS < 200 MB at ${int(large.rows)} rows | ${mb(large.peakRssBytes)} | ${mark(large.peakRssBytes < 200 * 1024 ** 2)} |`,
      `| …and flat: ${int(small.rows)} → ${int(large.rows)} rows | ${mb(small.peakRssBytes)} → ${mb(large.peakRssBytes)} (${pct(large.peakRssBytes / small.peakRssBytes - 1)}) | ${mark(large.peakRssBytes <= small.peakRssBytes * 1.2)} |`,
    );
  }
  if (primary) {
    lines.push(
      `| Rate-limited sync: requests = ceil(N/500) = ${primary.expectedRequests}, zero throttling (${primary.scale.label}) | ${primary.clientRequests} requests, ${primary.throttled} throttled | ${mark(primary.clientRequests === primary.expectedRequests && primary.serverRequests === primary.expectedRequests && primary.throttled === 0)} |`,
      `| …wall time within 10% of the limit's minimum (${fixed(primary.burstMinimumMs / 1000, 1)} s: ⌊(requests − 1) ÷ limit⌋ windows) | ${fixed(primary.wallMs / 1000, 2)} s (${pct(primary.wallMs / primary.burstMinimumMs - 1)} over) | ${mark(primary.wallMs <= primary.burstMinimumMs * 1.1)} |`,
    );
  }
  const loadErrors = r.load.load.errors + r.load.load.timeouts + r.load.load.notOk;
  lines.push(
    `| Load: 50 connections × ${r.load.durationS} s, zero errors | ${loadErrors} errors | ${mark(loadErrors === 0)} |`,
    `| Load: server RSS growth ≤ 20% | ${pct(r.load.growth)} (after GC: ${pct(r.load.growthAfterGc)}; live heap after GC ${mb(r.load.usage.afterWarmupGc.heapUsed)} → ${mb(r.load.usage.afterRunGc.heapUsed)}) | ${mark(r.load.growth <= 0.2)} |`,
    '',
    '## 1. Sandbox throughput',
    '',
    'autocannon (this process) → server (child process). Every request is signed afresh by the generator (Kingdee: new nonce and timestamp, HMAC-SHA256; Winit: new timestamp, MD5 `sign` + `client_sign`), for every target, so the generator does the same work whichever server it drives. An answer counts only when it is the expected success (sandbox and bare Hono: byte-identical to the recorded answer; Prism: HTTP 2xx).',
    '',
    '| Target | req/s | p50 ms | p99 ms | server CPU | generator CPU | req per server CPU-s | not ok | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const x of t.targets) {
    if (x.skipped) {
      lines.push(`| ${x.label} | skipped: ${x.skipped} | | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${x.label} | ${int(x.requestsPerSec)} | ${fixed(x.latencyP50Ms, 0)} | ${fixed(x.latencyP99Ms, 0)} | ${fixed(x.serverCpuPct, 0)}% | ${fixed(x.generatorCpuPct, 0)}% | ${int(x.requestsPerSec / (x.serverCpuPct / 100))} | ${x.notOk} | ${x.errors} |`,
    );
  }
  lines.push(
    '',
    `Ratios (medians): (a)/(c) ${pct(t.ratios.kingdeeVsBare)}, (b)/(c) ${pct(t.ratios.winitVsBare)}, (a)/(d) ${fixed(t.ratios.kingdeeVsPrism, 2)}×, (b)/(d) ${fixed(t.ratios.winitVsPrism, 2)}×.`,
    'CPU columns are % of one core (100% = the core saturated). When the bare route shows a generator at ~100% and a server below 100%, the generator is the bottleneck and the real ceiling is higher: the "req per server CPU-s" column (throughput ÷ server CPU share) compares server cost per request independently of that.',
    '',
    'Per run:',
    '',
    '| Target | runs (req/s) |',
    '|---|---|',
    ...t.targets
      .filter((x) => !x.skipped)
      .map((x) => `| ${x.id} | ${x.runs.map((run) => int(run.requestsPerSec)).join(', ')} |`),
    '',
    '## 2. Client overhead',
    '',
    `${int(r.config.overheadRows)}-row answers of the documented shapes, parsed, validated and normalized with the packages' public exports in the order the clients run them (bench/src/lib/pipelines.ts), in a fresh process with \`--expose-gc\` (GC before each timing).`,
    '',
    '| Answer | size | JSON.parse | rows/s | full pipeline | rows/s | ratio | parse | validate | normalize |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.overhead.map(
      (o) =>
        `| ${o.label} | ${mb(o.bytes)} | ${fixed(o.jsonParseMs, 0)} ms | ${int(o.jsonParseRowsPerSec)} | ${fixed(o.pipelineMs, 0)} ms | ${int(o.pipelineRowsPerSec)} | ${fixed(o.ratio, 2)}× | ${fixed(o.stages.parse, 0)} ms | ${fixed(o.stages.validate, 0)} ms | ${fixed(o.stages.normalize, 0)} ms |`,
    ),
    '',
    '"parse" is the clients\' own parse step, `parseExactJson` for both (a character scan quoting the numbers a double would change and counting members, `JSON.parse`, then a walk counting the keys kept, to refuse repeated keys).',
    '',
    '## 3. Streaming memory',
    '',
    'A full Winit sync (`inventory.list()`, every warehouse × service type × grade segment, pages of 200) from a sandbox child generated with `dataset: { skuCount }`, in a client child whose RSS is sampled every 25 ms and at every 10% of the rows.',
    '',
    '| SKUs | rows | wall time | rows/s | client RSS before | peak client RSS | peak heap used | RSS trail (every 50,000 rows) |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
    ...r.streaming.map(
      (s) =>
        `| ${int(s.skuCount)} | ${int(s.rows)} | ${fixed(s.wallMs / 1000, 0)} s | ${int(s.rowsPerSec)} | ${mb(s.baselineRssBytes)} | ${mb(s.peakRssBytes)} | ${mb(s.peakHeapUsedBytes)} | ${s.rssTrail.map((b) => fixed(b / 1024 ** 2, 0)).join(' ')} |`,
    ),
    '',
    "The wall time is the sandbox's: each pageInv answer filters the whole dataset (see Proposed changes), so a 1M-row sync is bound by the server, not the client. The server child runs with `--max-semi-space-size=128` to shorten that; it does not change what the client holds.",
    '',
    '## 4. Rate-limited sync',
    '',
    `\`byMerchandises\` over ${int(r.config.rateLimitSkus)} SKUs (${primary ? primary.expectedRequests : 'n/a'} batch.query requests of 500, concurrency 4) with the same limit on the sandbox (sliding window, answers 1006 beyond it) and on the client (\`rateLimit: { limit, intervalMs, marginMs }\`, default strategy: a sliding window whose slots are held until each answer). "Limit's minimum" = ⌊(requests − 1) ÷ limit⌋ × window, the least any client can take without exceeding the limit in some window (the first \`limit\` requests leave at once); "rate minimum" = requests × window ÷ limit, what an evenly paced client takes.`,
    '',
    "| Scale | requests (client / server / expected) | throttled (1006) | retries | wall time | limit's minimum | over | rate minimum |",
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rateLimit.map(
      (x) =>
        `| ${x.scale.label} | ${x.clientRequests} / ${x.serverRequests} / ${x.expectedRequests} | ${x.throttled} | ${x.retries} | ${fixed(x.wallMs / 1000, 2)} s | ${fixed(x.burstMinimumMs / 1000, 1)} s | ${pct(x.wallMs / x.burstMinimumMs - 1)} | ${fixed(x.rateMinimumMs / 1000, 1)} s |`,
    ),
    '',
    primary
      ? `The sandbox holds a generated dataset of the same ${int(r.config.rateLimitSkus)} SKUs (${int(primary.records)} rows found, ${int(primary.missing)} SKUs missing); answering all ${primary.serverRequests} requests cost it ${int(primary.serverBusyMs)} ms, so the limit, not the server, binds. Above the limit's minimum is what the exactness costs: a slot frees \`intervalMs\` after its answer, so every window also waits for a round trip (and client concurrency 4 sends a window's requests a few at a time).`
      : '',
    '',
    '## 5. Load',
    '',
    `Mixed signed traffic (Kingdee sample, Winit batch.query, alternating) over 50 connections, ${r.load.warmupS} s warm-up then ${r.load.durationS} s; server RSS from the server itself (\`process.memoryUsage\`, and after \`gc()\` with \`--expose-gc\`).`,
    '',
    '| requests | req/s | p50 ms | p99 ms | socket errors | timeouts | refused/unexpected | RSS start | after warm-up | after run | peak | growth | after GC: warm-up → run | growth after GC | live heap after GC: warm-up → run |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${int(r.load.load.totalRequests)} | ${int(r.load.load.requestsPerSec)} | ${fixed(r.load.load.latencyP50Ms, 0)} | ${fixed(r.load.load.latencyP99Ms, 0)} | ${r.load.load.errors} | ${r.load.load.timeouts} | ${r.load.load.notOk} | ${mb(r.load.rss.startBytes)} | ${mb(r.load.rss.afterWarmupBytes)} | ${mb(r.load.rss.afterRunBytes)} | ${mb(r.load.rss.peakBytes)} | ${pct(r.load.growth)} | ${mb(r.load.rss.afterWarmupGcBytes)} → ${mb(r.load.rss.afterRunGcBytes)} | ${pct(r.load.growthAfterGc)} | ${mb(r.load.usage.afterWarmupGc.heapUsed)} → ${mb(r.load.usage.afterRunGc.heapUsed)} |`,
  );
  if (r.load.firstNotOk) lines.push('', `First unexpected answer: \`${r.load.firstNotOk}\``);
  lines.push('', readFileSync(join(BENCH_DIR, 'proposals.md'), 'utf8').trim(), '');
  return lines.join('\n');
}
