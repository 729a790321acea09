/**
 * `pnpm --filter @inv/bench profile`: the throughput loads of (a) and (b) against a sandbox child
 * started with `--cpu-prof`, then the functions where the sandbox spends its time. This is how the
 * optimisation proposals of RESULTS.md were found.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from './lib/load.js';
import { resultsDir, serverScript } from './lib/paths.js';
import { startChild } from './lib/proc.js';
import { summarizeProfile } from './lib/profile.js';
import { signedRouteRequest } from './lib/signers.js';
import { envNumber } from './lib/stats.js';

const durationS = envNumber('BENCH_DURATION_S', 8);

for (const provider of ['kingdee', 'winit'] as const) {
  const dir = join(resultsDir(), 'profiles', provider);
  rmSync(dir, { recursive: true, force: true });
  const server = await startChild(
    serverScript('sandbox-server'),
    { winit: { rateLimit: false } },
    { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] },
  );
  try {
    const request = await signedRouteRequest(provider, server.url);
    const result = await runLoad({
      url: server.url,
      connections: 50,
      durationS,
      serverPid: server.pid,
      requests: [request],
    });
    console.log(`${provider}: ${Math.round(result.requestsPerSec)} req/s under the profiler`);
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  console.log(`self%  total%  function (${join(dir, file)})`);
  for (const line of summarizeProfile(join(dir, file), envNumber('BENCH_PROFILE_TOP', 30))) {
    console.log(
      `${line.selfPct.toFixed(1).padStart(5)}  ${line.totalPct.toFixed(1).padStart(6)}  ${line.frame}`,
    );
  }
}
