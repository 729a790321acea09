/**
 * Benchmark 5, load: the sandbox holds 50 connections of mixed signed Kingdee and Winit traffic
 * for 30 s with zero errors, and its RSS does not grow beyond 20% (sampled after the warm-up and
 * after the run; also after a forced GC to separate retained memory from heap headroom).
 */
import { INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT } from '@inv/kingdee-protocol';
import { type LoadResult, runLoad } from './lib/load.js';
import { serverScript } from './lib/paths.js';
import { sampleProc, startChild } from './lib/proc.js';
import {
  createKingdeeSigner,
  createWinitSigner,
  KINGDEE_SAMPLE_PATH,
  KINGDEE_SAMPLE_QUERY,
  kingdeeSession,
} from './lib/signers.js';
import {
  runUniqueLarge,
  type UniqueLargeOptions,
  type UniqueLargeResult,
} from './lib/unique-large.js';
import type { SandboxServerConfig } from './servers/sandbox-server.js';

export interface LoadTestResult {
  connections: number;
  warmupS: number;
  durationS: number;
  load: LoadResult;
  rss: {
    startBytes: number;
    afterWarmupBytes: number;
    afterRunBytes: number;
    peakBytes: number;
    afterWarmupGcBytes: number;
    afterRunGcBytes: number;
  };
  /** Full `process.memoryUsage()` of the server at each sample (heap vs off-heap). */
  usage: Record<'afterWarmup' | 'afterWarmupGc' | 'afterRun' | 'afterRunGc', NodeJS.MemoryUsage>;
  /**
   * After the run: 600 Winit queries with unique ~900 KB `data` members and thousands of Kingdee
   * app-tokens (#18.8), the server's RSS before and after them, and what the gateways hold.
   */
  uniqueLarge?:
    | (UniqueLargeResult & {
        rssBeforeBytes: number;
        rssAfterBytes: number;
        rssAfterGcBytes: number;
        held: Record<string, number>;
      })
    | undefined;
  /** afterRun / afterWarmup − 1 (target ≤ 0.20). */
  growth: number;
  growthAfterGc: number;
  firstNotOk?: string | undefined;
}

/** Load-test sandbox: every check on, real clock; the Winit limit is off (it would answer 1006). */
export const LOAD_SANDBOX: SandboxServerConfig = { winit: { rateLimit: false } };

export async function runLoadTest(options: {
  connections: number;
  warmupS: number;
  durationS: number;
  /** Replay #18.8's unique large requests after the run and report RSS; skipped when absent. */
  uniqueLarge?: UniqueLargeOptions | undefined;
}): Promise<LoadTestResult> {
  const server = await startChild(serverScript('sandbox-server'), LOAD_SANDBOX, {
    execArgv: ['--expose-gc'],
  });
  try {
    const usage = (gc: boolean) =>
      server.ask<NodeJS.MemoryUsage>(gc ? 'memory-after-gc' : 'memory');
    const startBytes = (await usage(false)).rss;
    const session = await kingdeeSession(server.url);
    const kingdeeSign = createKingdeeSigner(session);
    const winitSign = createWinitSigner();
    const winitText = await (
      await fetch(`${server.url}/openapi/service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: winitSign(),
      })
    ).text();
    let firstNotOk: string | undefined;
    const load = (durationS: number) =>
      runLoad({
        url: server.url,
        connections: options.connections,
        durationS,
        serverPid: server.pid,
        onNotOk: (status, body) => {
          firstNotOk ??= `${status} ${body.slice(0, 300)}`;
        },
        requests: [
          {
            method: 'GET',
            path: `${KINGDEE_SAMPLE_PATH}?${KINGDEE_SAMPLE_QUERY}`,
            headers: { 'Content-Type': 'application/json' },
            sign: () => ({ headers: kingdeeSign() }),
            isOk: (status, body) => status === 200 && body === INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
          },
          {
            method: 'POST',
            path: '/openapi/service',
            headers: { 'content-type': 'application/json' },
            sign: () => ({ body: winitSign() }),
            isOk: (status, body) => status === 200 && body === winitText,
          },
        ],
      });
    await load(options.warmupS);
    const afterWarmup = await usage(false);
    const afterWarmupGc = await usage(true);
    const afterWarmupBytes = afterWarmup.rss;
    const afterWarmupGcBytes = afterWarmupGc.rss;
    let peakBytes = afterWarmupBytes;
    const sampler = setInterval(() => {
      peakBytes = Math.max(peakBytes, sampleProc(server.pid).rssBytes);
    }, 500);
    const result = await load(options.durationS);
    clearInterval(sampler);
    const afterRun = await usage(false);
    const afterRunGc = await usage(true);
    const afterRunBytes = afterRun.rss;
    const afterRunGcBytes = afterRunGc.rss;
    let uniqueLarge: LoadTestResult['uniqueLarge'];
    if (options.uniqueLarge) {
      const unique = await runUniqueLarge(server.url, session, options.uniqueLarge);
      const afterUnique = await usage(false);
      const afterUniqueGc = await usage(true);
      uniqueLarge = {
        ...unique,
        rssBeforeBytes: afterRunGcBytes,
        rssAfterBytes: afterUnique.rss,
        rssAfterGcBytes: afterUniqueGc.rss,
        held: await server.ask<Record<string, number>>('held'),
      };
    }
    return {
      ...options,
      uniqueLarge,
      load: result,
      rss: {
        startBytes,
        afterWarmupBytes,
        afterRunBytes,
        peakBytes: Math.max(peakBytes, afterRunBytes),
        afterWarmupGcBytes,
        afterRunGcBytes,
      },
      usage: { afterWarmup, afterWarmupGc, afterRun, afterRunGc },
      growth: afterRunBytes / afterWarmupBytes - 1,
      growthAfterGc: afterRunGcBytes / afterWarmupGcBytes - 1,
      firstNotOk,
    };
  } finally {
    await server.stop();
  }
}
