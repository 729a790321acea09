/**
 * Benchmark 3, streaming memory: the sandbox (its own process) serves a large generated dataset;
 * a client child syncs it through `inventory.list()` and reports its own peak RSS.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StreamResult } from './clients/stream-child.js';
import { clientScript, serverScript } from './lib/paths.js';
import { startChild } from './lib/proc.js';
import type { SandboxServerConfig } from './servers/sandbox-server.js';

export type { StreamResult };

export async function runStreaming(
  provider: 'kingdee' | 'winit',
  rows: number,
  server: SandboxServerConfig,
): Promise<StreamResult & { serverStartMs: number }> {
  const started = performance.now();
  const sandbox = await startChild(serverScript('sandbox-server'), server, {
    execArgv: ['--max-old-space-size=8192', '--max-semi-space-size=128'],
  });
  const serverStartMs = performance.now() - started;
  try {
    const result = await new Promise<StreamResult>((resolve, reject) => {
      execFile(
        process.execPath,
        [fileURLToPath(clientScript('stream-child')), provider, sandbox.url, String(rows)],
        // Bounded: a sync that does not finish in 30 minutes is a failure, not a slow result.
        { maxBuffer: 1024 * 1024, timeout: 1_800_000 },
        (error, stdout) => {
          if (error) return reject(error);
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as StreamResult);
        },
      );
    });
    return { ...result, serverStartMs };
  } finally {
    await sandbox.stop();
  }
}
