import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/** The built `inv-sandbox` bin as a user runs it (`pnpm test` builds before testing). */
const BIN = fileURLToPath(new URL('../bin/inv-sandbox.js', import.meta.url));

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
});

/** Starts `inv-sandbox` with a clean environment; resolves with its output once it exits. */
function invSandbox(args: string[]): { child: ChildProcess; output: Promise<Result> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const output = once(child, 'close').then(([code]) => ({
    code: code as number | null,
    stdout,
    stderr,
  }));
  return { child, output };
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('inv-sandbox', () => {
  it('on a port in use, exits 1 suggesting --port 0', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const result = await invSandbox(['--port', String(port), '--quiet']).output;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} of 127.0.0.1 is already in use (EADDRINUSE)`);
      expect(result.stderr).toContain('pass --port 0');
    } finally {
      busy.close();
    }
  });

  it('refuses a bad flag value in one line naming the flag and the fix, exit 1', async () => {
    const result = await invSandbox(['--seed', 'seven']).output;
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      'inv-sandbox: --seed must be an integer, got "seven". Fix: pass e.g. --seed 7\n',
    );
  });

  it('prints ready-to-paste exports that point at the running sandbox', async () => {
    const { child } = invSandbox(['--port', '0', '--quiet']);
    let stdout = '';
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      stdout += chunk;
      if (stdout.includes('public test credentials')) break;
    }
    const url = /^export INV_SANDBOX_URL=(\S+)$/m.exec(stdout)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout).toContain(`export INV_WINIT_BASE_URL=${url}`);
    expect(stdout).toMatch(/^export INV_KINGDEE_IDS=\d+,\d+,\d+$/m);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
