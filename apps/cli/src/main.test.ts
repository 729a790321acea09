import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeSandboxFlag } from './command.js';
import { COMMANDS, cliVersion } from './main.js';
import { fakeFactories, fakeProvider, run } from './test-support/harness.js';
import { record } from './test-support/records.js';

const winitOnly = () =>
  fakeFactories({
    winit: { provider: fakeProvider({ id: 'winit', pages: [[record({ sku: 'A' })]] }) },
  });

describe('inv', () => {
  it('--help lists every command, the variables and the exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.name}`);
    expect(result.stdout).toContain('INV_WINIT_TOKEN');
    expect(result.stdout).toMatch(/Exit codes: 0 ok, 1 differences/);
  });

  it('prints help for every command, exit 0', async () => {
    for (const command of COMMANDS) {
      for (const argv of [
        [command.name, '--help'],
        [command.name, '-h'],
        ['help', command.name],
      ]) {
        const result = await run(argv);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(new RegExp(`^Usage: inv ${command.name}`));
        expect(result.stdout).toContain('--sandbox [url]');
      }
    }
  });

  it('without a command prints help on stderr and exits 2', async () => {
    const result = await run([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^inv: Kingdee JDY/);
  });

  it('prints the package version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: `${cliVersion()}\n` });
    expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses unknown commands and options in one line, exit 2', async () => {
    expect(await run(['stok'])).toMatchObject({
      code: 2,
      stderr:
        'inv: unknown command "stok". Fix: run inv --help; commands are stock, export, reconcile, sandbox, watch\n',
    });
    expect(await run(['stock', 'winit', '--al'])).toMatchObject({
      code: 2,
      stderr: 'inv: unknown option --al for inv stock. Fix: run inv stock --help\n',
    });
    expect(await run(['stock', 'winit', '--all', '--format'])).toMatchObject({
      code: 2,
      stderr: 'inv: option --format needs a value. Fix: run inv stock --help\n',
    });
    expect((await run(['export', 'extra', '--out', 'x.csv'])).stderr).toBe(
      'inv: unexpected argument "extra" for inv export. Fix: run inv export --help\n',
    );
  });

  it('reports a bad config file in one line, exit 2', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'inv-main-'));
    await writeFile(join(cwd, 'inv.config.json'), '{"winit":{"pageSize":"big"}}');
    const result = await run(['stock', 'winit', '--all'], { cwd, factories: winitOnly() });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(
      /^inv: .*inv\.config\.json: `winit\.pageSize` .*\. Fix: see "Configuration file" in the inv README for every key\n$/,
    );
  });

  it('prints a stack trace only with --debug; unexpected errors exit 4', async () => {
    const broken = fakeFactories({
      winit: () => {
        throw new TypeError('boom');
      },
    });
    const plain = await run(['stock', 'winit', '--all'], { factories: broken });
    expect(plain).toMatchObject({
      code: 4,
      stderr:
        'inv: unexpected error: TypeError: boom. Fix: run again with --debug and report the output\n',
    });
    const debug = await run(['stock', 'winit', '--all', '--debug'], { factories: broken });
    expect(debug.code).toBe(4);
    expect(debug.stderr).toMatch(/\n {4}at /);
  });

  it('--sandbox without a url starts a sandbox for the command and stops it after', async () => {
    const events: string[] = [];
    const factories = winitOnly();
    const result = await run(['stock', 'winit', '--all', '--sandbox'], {
      factories,
      startSandbox: async (options) => {
        events.push(`start port ${options.port}`);
        return {
          url: 'http://127.0.0.1:5555',
          banner: () => '',
          close: async () => void events.push('close'),
        };
      },
    });
    expect(result.code).toBe(0);
    expect(events).toEqual(['start port 0', 'close']);
    expect(result.stderr).toBe(
      'inv: started a sandbox for this command at http://127.0.0.1:5555\n',
    );
    expect(factories.received.winit).toEqual([
      { appKey: 'sandbox@example.com', token: 'sandbox-token', baseURL: 'http://127.0.0.1:5555' },
    ]);
  });

  it('--sandbox without a url uses INV_SANDBOX_URL when set, and refuses a non-URL', async () => {
    const factories = winitOnly();
    await run(['stock', 'winit', '--all', '--sandbox'], {
      factories,
      env: { INV_SANDBOX_URL: 'http://127.0.0.1:4010' },
    });
    expect(factories.received.winit).toMatchObject([{ baseURL: 'http://127.0.0.1:4010' }]);
    const bad = await run(['stock', 'winit', '--all', '--sandbox=ftp://127.0.0.1'], {
      factories,
    });
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/--sandbox needs an http\(s\) URL or host:port, got "ftp:/);
  });

  it('--sandbox host:port is a URL (http added)', async () => {
    for (const argv of [
      ['stock', 'winit', '--all', '--sandbox', 'localhost:4010'],
      ['stock', 'winit', '--sandbox', 'localhost:4010', '--all'],
      ['stock', 'winit', '--all', '--sandbox=localhost:4010'],
    ]) {
      const factories = winitOnly();
      const result = await run(argv, { factories });
      expect(result.code).toBe(0);
      expect(factories.received.winit).toMatchObject([{ baseURL: 'http://localhost:4010' }]);
    }
  });

  it('an interrupted inv stock does not suggest --resume', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run(['stock', 'winit', '--all'], {
      factories: winitOnly(),
      signal: controller.signal,
    });
    expect(result).toMatchObject({
      code: 130,
      stderr: 'inv: interrupted. Fix: run the command again\n',
    });
  });

  it('inv sandbox on a busy port suggests --port 0, exit 2', async () => {
    const result = await run(['sandbox', '--port', '4010'], {
      startSandbox: async () => {
        throw Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4010'), {
          code: 'EADDRINUSE',
        });
      },
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      'inv: port 4010 of 127.0.0.1 is already in use (EADDRINUSE). Fix: pass --port 0 to pick a free port, or stop what listens there\n',
    );
  });

  it('inv sandbox prints the banner and stops on interrupt', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const pending = run(['sandbox', '--port', '0', '--host', '127.0.0.1'], {
      signal: controller.signal,
      startSandbox: async (options) => {
        events.push(`start ${options.host}:${options.port}`);
        setTimeout(() => controller.abort(), 0);
        return {
          url: 'http://127.0.0.1:4999',
          banner: () => 'BANNER',
          close: async () => void events.push('close'),
        };
      },
    });
    const result = await pending;
    expect(result).toMatchObject({ code: 0, stdout: 'BANNER\n' });
    expect(result.stderr).toMatch(
      /try: inv stock winit --all --sandbox http:\/\/127\.0\.0\.1:4999/,
    );
    expect(events).toEqual(['start 127.0.0.1:0', 'close']);
    expect((await run(['sandbox', '--port', '70000'])).stderr).toMatch(
      /--port must be an integer from 0 to 65535/,
    );
  });
});

describe('normalizeSandboxFlag', () => {
  it('takes a following URL as the value and leaves other arguments alone', () => {
    expect(normalizeSandboxFlag(['--sandbox', 'http://h:1', '--all'])).toEqual([
      '--sandbox=http://h:1',
      '--all',
    ]);
    expect(normalizeSandboxFlag(['--sandbox', '--all'])).toEqual(['--sandbox=', '--all']);
    expect(normalizeSandboxFlag(['winit', '--sandbox'])).toEqual(['winit', '--sandbox=']);
    expect(normalizeSandboxFlag(['--', '--sandbox'])).toEqual(['--', '--sandbox']);
  });
});
