/**
 * The inv sandbox in a child process, so the load generator (parent) and the server under test
 * never share an event loop. Started with a JSON config: sandbox options that are plain data.
 */
import type { KingdeeSandboxOptions, WinitSandboxOptions } from '@inv/sandbox';
import { serveChild } from './serve.js';

export interface SandboxServerConfig {
  /** Freeze the sandbox clock at this epoch ms (replays of documented examples). */
  frozenNowMs?: number | undefined;
  kingdee?: KingdeeSandboxOptions | undefined;
  winit?: WinitSandboxOptions | undefined;
  /** Count verdicts per provider and code through the sandbox logger (off for throughput runs). */
  countRequests?: boolean | undefined;
}

/** Verdict counts of the sandbox's request log, per provider. */
export type RequestCounts = Record<
  string,
  { total: number; accepted: number; refused: Record<string, number> }
>;

const CODE = /\(([^()\s]+)\) [\d.]+ms$/;
const MS = /([\d.]+)ms$/;

/**
 * `BENCH_SANDBOX_MODULE` (an absolute path to another build's `dist/index.js`) runs the same
 * benchmark against a patched sandbox, to measure a proposed change before it is made.
 */
const { startSandbox } = (await import(
  process.env.BENCH_SANDBOX_MODULE ?? '@inv/sandbox'
)) as typeof import('@inv/sandbox');

await serveChild(async (input) => {
  const config = input as SandboxServerConfig;
  const counts: RequestCounts = {};
  let busyMs = 0;
  const frozen = config.frozenNowMs;
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    now: frozen === undefined ? undefined : () => frozen,
    kingdee: config.kingdee,
    winit: config.winit,
    logger: config.countRequests
      ? (line) => {
          const provider = line.slice(0, line.indexOf(' '));
          const entry = counts[provider] ?? { total: 0, accepted: 0, refused: {} };
          counts[provider] = entry;
          entry.total++;
          busyMs += Number(MS.exec(line)?.[1] ?? 0);
          const code = CODE.exec(line)?.[1];
          if (code === undefined) entry.accepted++;
          else entry.refused[code] = (entry.refused[code] ?? 0) + 1;
        }
      : undefined,
  });
  return {
    url: sandbox.url,
    close: () => sandbox.close(),
    answers: { counts: () => counts, 'busy-ms': () => busyMs, held: () => sandbox.held() },
  };
});
