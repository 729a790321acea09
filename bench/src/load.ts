/** `pnpm --filter @inv/bench load`: benchmark 5 on its own; exits non-zero when a target is missed. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './lib/paths.js';
import { envNumber, mb, pct } from './lib/stats.js';
import { runLoadTest } from './load-test.js';

const result = await runLoadTest({
  connections: 50,
  warmupS: envNumber('BENCH_LOAD_WARMUP_S', 5),
  durationS: envNumber('BENCH_LOAD_DURATION_S', 30),
  uniqueLarge: {
    winitQueries: envNumber('BENCH_LOAD_UNIQUE_WINIT', 600),
    memberBytes: 900_000,
    kingdeeTokens: envNumber('BENCH_LOAD_UNIQUE_TOKENS', 3000),
    concurrency: 4,
  },
});
writeFileSync(join(resultsDir(), 'load.json'), JSON.stringify(result, null, 2));
const errors = result.load.errors + result.load.timeouts + result.load.notOk;
console.log(
  `load: ${result.load.totalRequests} requests in ${result.durationS} s over ${result.connections} connections, ${Math.round(result.load.requestsPerSec)} req/s, p99 ${result.load.latencyP99Ms} ms`,
);
console.log(
  `errors ${errors} (socket ${result.load.errors}, timeouts ${result.load.timeouts}, refused/unexpected ${result.load.notOk})${result.firstNotOk ? `; first: ${result.firstNotOk}` : ''}`,
);
console.log(
  `server RSS: start ${mb(result.rss.startBytes)}, after warm-up ${mb(result.rss.afterWarmupBytes)}, after run ${mb(result.rss.afterRunBytes)} (growth ${pct(result.growth)}), peak ${mb(result.rss.peakBytes)}; after GC ${mb(result.rss.afterWarmupGcBytes)} → ${mb(result.rss.afterRunGcBytes)} (growth ${pct(result.growthAfterGc)})`,
);
const unique = result.uniqueLarge;
if (unique) {
  console.log(
    `unique large requests: ${unique.winitQueries} Winit queries with unique ${mb(unique.memberBytes)} data members and ${unique.kingdeeTokens} Kingdee tokens (${unique.failures} failed${unique.firstFailure ? `; first: ${unique.firstFailure}` : ''}): server RSS ${mb(unique.rssBeforeBytes)} → ${mb(unique.rssAfterBytes)}, after GC ${mb(unique.rssAfterGcBytes)}; held ${JSON.stringify(unique.held)}`,
  );
}
const ok = errors === 0 && result.growth <= 0.2 && (unique?.failures ?? 0) === 0;
console.log(ok ? 'load: targets met' : 'load: TARGET MISSED');
process.exitCode = ok ? 0 : 1;
