/** Benchmark 2, client overhead, run in a fresh child process (own heap, `--expose-gc`). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OverheadResult } from './clients/overhead-child.js';
import { clientScript } from './lib/paths.js';

export type { OverheadResult };

/** Runs the overhead child of this checkout. */
export function runOverhead(rows: number, runs: number): Promise<OverheadResult[]> {
  const script = fileURLToPath(clientScript('overhead-child'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', script, String(rows), String(runs)],
      { maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
      (error, stdout) => {
        if (error) return reject(error);
        const last = stdout.trim().split('\n').pop() ?? '[]';
        resolve(JSON.parse(last) as OverheadResult[]);
      },
    );
  });
}
