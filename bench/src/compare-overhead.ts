/**
 * `pnpm --filter @inv/bench compare-overhead /abs/path/to/other/checkout`: benchmark 2 (client
 * overhead) of this checkout and of another built checkout (its `bench/dist`), alternately, so
 * that the drift of a shared machine falls on both alike. Prints each run's pipeline ÷
 * `JSON.parse` ratios and their medians. This is how #18's before/after in proposals.md was
 * measured; ratios, not times, compare across runs.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientScript } from './lib/paths.js';
import { envNumber, fixed, median } from './lib/stats.js';
import { runOverhead } from './overhead.js';

const other = process.argv.slice(2).find((arg) => arg !== '--');
if (other === undefined) {
  console.error(
    'usage: compare-overhead /abs/path/to/other/checkout (built: its bench/dist exists)',
  );
  process.exit(2);
}
const otherScript = join(resolve(other), 'bench', 'dist', 'clients', 'overhead-child.js');
if (!existsSync(otherScript)) {
  console.error(`${otherScript} is missing: run \`pnpm build\` in ${other} first`);
  process.exit(2);
}
const builds = [
  { name: 'this checkout', script: fileURLToPath(clientScript('overhead-child')) },
  { name: basename(resolve(other)), script: otherScript },
];
const rounds = envNumber('BENCH_ROUNDS', 5);
const rows = envNumber('BENCH_OVERHEAD_ROWS', 100_000);
const runs = envNumber('BENCH_OVERHEAD_RUNS', 7);

/** ratios[build][pipeline id] → one ratio per round. */
const ratios = builds.map(() => new Map<string, number[]>());
for (let round = 1; round <= rounds; round++) {
  for (const [index, build] of builds.entries()) {
    const results = await runOverhead(rows, runs, build.script);
    const line = results.map((result) => `${result.id} ${fixed(result.ratio, 2)}`).join(', ');
    console.log(`round ${round}/${rounds}, ${build.name}: ${line}`);
    for (const result of results) {
      const list = ratios[index]?.get(result.id) ?? [];
      list.push(result.ratio);
      ratios[index]?.set(result.id, list);
    }
  }
}
console.log('\nmedian pipeline ÷ JSON.parse');
for (const id of ratios[0]?.keys() ?? []) {
  const [mine = [], theirs = []] = ratios.map((byId) => byId.get(id) ?? []);
  console.log(
    `${id}: ${builds[1]?.name} ${fixed(median(theirs), 2)} → this checkout ${fixed(median(mine), 2)}`,
  );
}
