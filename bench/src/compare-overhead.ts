/**
 * `pnpm --filter @inv/bench compare-overhead /abs/path/to/other/checkout`: benchmark 2 (client
 * overhead) of this checkout against another built checkout (its `bench/dist`). Each round is a
 * fresh process that loads both checkouts' pipelines and runs them by turns over the same bodies
 * (clients/paired-overhead-child.ts), so the drift of a shared machine falls on both alike. Prints
 * per round and as medians over the rounds: each checkout's pipeline ÷ `JSON.parse` (benchmark 2's
 * ratio) and the paired ratio, this checkout's time ÷ the other's in the same run, which is the
 * tighter measure of a change. This is how #18's before/after in proposals.md was measured.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PairedResult } from './clients/paired-overhead-child.js';
import { clientScript } from './lib/paths.js';
import { envNumber, fixed, median } from './lib/stats.js';

const other = process.argv.slice(2).find((arg) => arg !== '--');
if (other === undefined) {
  console.error(
    'usage: compare-overhead /abs/path/to/other/checkout (built: its bench/dist exists)',
  );
  process.exit(2);
}
const otherPipelines = join(resolve(other), 'bench', 'dist', 'lib', 'pipelines.js');
if (!existsSync(otherPipelines)) {
  console.error(`${otherPipelines} is missing: run \`pnpm build\` in ${other} first`);
  process.exit(2);
}
const myPipelines = fileURLToPath(new URL('./lib/pipelines.js', import.meta.url));
const otherName = basename(resolve(other));
const rounds = envNumber('BENCH_ROUNDS', 5);
const rows = envNumber('BENCH_OVERHEAD_ROWS', 100_000);
const runs = envNumber('BENCH_OVERHEAD_RUNS', 11);

function round(): Promise<PairedResult[]> {
  const args = [
    '--expose-gc',
    fileURLToPath(clientScript('paired-overhead-child')),
    String(rows),
    String(runs),
    myPipelines,
    otherPipelines,
  ];
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      args,
      { maxBuffer: 16 * 1024 * 1024, timeout: 1_800_000 },
      (error, stdout) => {
        if (error) return fail(error);
        done(JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as PairedResult[]);
      },
    );
  });
}

const byId = new Map<string, PairedResult[]>();
for (let index = 1; index <= rounds; index++) {
  const results = await round();
  const line = results
    .map(
      (r) =>
        `${r.id} ${fixed(r.ratio[1], 2)} → ${fixed(r.ratio[0], 2)} (paired ${fixed(r.paired, 3)})`,
    )
    .join(', ');
  console.log(`round ${index}/${rounds}: ${line}`);
  for (const result of results) byId.set(result.id, [...(byId.get(result.id) ?? []), result]);
}
console.log(`\nmedians over ${rounds} rounds: pipeline ÷ JSON.parse, ${otherName} → this checkout`);
for (const [id, results] of byId) {
  const ratio = (build: 0 | 1): string => fixed(median(results.map((r) => r.ratio[build])), 2);
  const paired = median(results.map((r) => r.paired));
  const change = `${paired >= 1 ? '+' : '−'}${fixed(Math.abs(paired - 1) * 100, 1)}%`;
  console.log(
    `${id}: ${ratio(1)} → ${ratio(0)}; this checkout's time ÷ ${otherName}'s, paired: ${fixed(paired, 3)} (${change})`,
  );
}
