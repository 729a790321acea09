import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir } from './lib/paths.js';
import { envNumber } from './lib/stats.js';
import { runThroughput } from './throughput.js';

const report = await runThroughput(
  {
    runs: envNumber('BENCH_RUNS', 3),
    warmupS: envNumber('BENCH_WARMUP_S', 3),
    durationS: envNumber('BENCH_DURATION_S', 10),
    connections: 50,
  },
  console.log,
);
writeFileSync(join(resultsDir(), 'throughput.json'), JSON.stringify(report, null, 2));
console.log(JSON.stringify(report.ratios));
