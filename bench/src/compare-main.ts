/**
 * `pnpm --filter @inv/bench compare <dist/index.js> …`: benchmark 1's (a) and (b) loads, the
 * 500-SKU batch.query cost and the 30 s load test against the workspace sandbox and against each
 * other sandbox build given (e.g. a copy with a proposed change applied), one after the other.
 * This is how the gains quoted in proposals.md were measured.
 */
import { basename, dirname } from 'node:path';
import { runLoad } from './lib/load.js';
import { serverScript } from './lib/paths.js';
import { startChild } from './lib/proc.js';
import { signedRouteRequest } from './lib/signers.js';
import { envNumber, fixed, int, median, pct } from './lib/stats.js';
import { runLoadTest } from './load-test.js';
import { measureBatchQueryCost } from './rate-limit.js';

const modules = [undefined, ...process.argv.slice(2).filter((arg) => arg !== '--')];
const runs = envNumber('BENCH_RUNS', 2);
const durationS = envNumber('BENCH_DURATION_S', 10);
const warmupS = envNumber('BENCH_WARMUP_S', 3);
const loadDurationS = envNumber('BENCH_LOAD_DURATION_S', 30);

async function throughput(provider: 'kingdee' | 'winit') {
  const rps: number[] = [];
  const perCpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const server = await startChild(serverScript('sandbox-server'), {
      winit: { rateLimit: false },
    });
    try {
      const request = await signedRouteRequest(provider, server.url);
      const load = (seconds: number) =>
        runLoad({
          url: server.url,
          connections: 50,
          durationS: seconds,
          serverPid: server.pid,
          requests: [request],
        });
      await load(warmupS);
      const result = await load(durationS);
      if (result.notOk + result.errors + result.timeouts > 0) {
        throw new Error(`${provider}: ${result.notOk} refused, ${result.errors} errors`);
      }
      rps.push(result.requestsPerSec);
      perCpu.push(result.requestsPerSec / (result.serverCpuPct / 100));
    } finally {
      await server.stop();
    }
  }
  return { rps: median(rps), perCpu: median(perCpu) };
}

for (const module of modules) {
  if (module) process.env.BENCH_SANDBOX_MODULE = module;
  else delete process.env.BENCH_SANDBOX_MODULE;
  const name = module ? basename(dirname(dirname(module))) : '@inv/sandbox (workspace)';
  const kingdee = await throughput('kingdee');
  const winit = await throughput('winit');
  const batchMs = await measureBatchQueryCost(envNumber('BENCH_RATE_LIMIT_SKUS', 50_000));
  const load = await runLoadTest({ connections: 50, warmupS: 5, durationS: loadDurationS });
  console.log(
    `${name}: (a) ${int(kingdee.rps)} req/s, ${int(kingdee.perCpu)} per CPU-s; (b) ${int(winit.rps)} req/s, ${int(winit.perCpu)} per CPU-s; 500-SKU batch.query ${int(batchMs)} ms; load ${int(load.load.requestsPerSec)} req/s, ${load.load.errors + load.load.timeouts + load.load.notOk} errors, RSS growth ${pct(load.growth)}, p99 ${fixed(load.load.latencyP99Ms, 0)} ms`,
  );
}
