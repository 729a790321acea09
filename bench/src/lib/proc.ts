import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Resident set size and CPU time of a process, read from /proc so any child can be sampled. */
export interface ProcSample {
  rssBytes: number;
  /** User + system CPU time in ms. */
  cpuMs: number;
}

// Linux reports stat times in clock ticks; 100 per second on every mainstream kernel config.
const CLOCK_TICKS_PER_SECOND = 100;

/** Samples /proc/<pid>; the benchmarks run on Linux (see README). */
export function sampleProc(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? '0');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: utime is the 14th field, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND };
}

/** A free loopback port (for servers that cannot be told to pick one, e.g. Prism). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Messages a benchmark server child sends to its parent. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'error'; message: string };

/** A server running in its own Node process (its own event loop and, with 2 cores, its own core). */
export interface ChildServer {
  url: string;
  pid: number;
  /** Asks the child something its script answers (`stats`, `log`, …). */
  ask<T>(question: string): Promise<T>;
  stop(): Promise<void>;
}

const BOUNDED_START_MS = 120_000;

/**
 * Forks `script` (a compiled server under dist/servers) with `config` as its JSON argument and
 * waits for its `ready` message. Every child exits when its parent goes away.
 */
export function startChild(
  script: URL,
  config: unknown,
  options: { execArgv?: string[] } = {},
): Promise<ChildServer> {
  const child = fork(fileURLToPath(script), [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: options.execArgv ?? [],
  });
  let nextId = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script.pathname} did not start within ${BOUNDED_START_MS} ms`));
    }, BOUNDED_START_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script.pathname} exited with code ${code} before it was ready`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'error') {
        clearTimeout(timer);
        reject(new Error(message.message));
      } else if (message.type === 'reply') {
        waiting.get(message.id)?.(message.value);
        waiting.delete(message.id);
      } else if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({
          url: message.url,
          pid: child.pid as number,
          ask<T>(question: string): Promise<T> {
            const id = nextId++;
            return new Promise<T>((done) => {
              waiting.set(id, done as (value: unknown) => void);
              child.send({ type: 'ask', id, question });
            });
          },
          stop: () => stopProcess(child),
        });
      }
    });
  });
}

/** Ends a child we started (by its handle, never by name) and waits for it to exit. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns a command (e.g. Prism) and waits until `probe` succeeds, polling for at most `timeoutMs`. */
export async function spawnAndProbe(
  command: string,
  args: readonly string[],
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited with code ${child.exitCode}`);
    if (await probe().catch(() => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopProcess(child);
  throw new Error(`${command} ${args.join(' ')} was not ready within ${timeoutMs} ms`);
}
