import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartSandboxOptions } from '@inv/sandbox';
import { SANDBOX_FLAGS, type SandboxFlagName, sandboxOptionsHelp } from '@inv/sandbox/cli';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, run } from '../test-support/harness.js';

// Valid files: `inv sandbox` checks them against the sandbox's schemas before it starts.
const DATASET = { format: 'inv-sandbox-dataset', version: 1, winit: { rows: [] } };
const STUBS = [{ provider: 'winit', action: 'queryWarehouse', code: '1006' }];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inv-sandbox-flags-'));
  await writeFile(join(dir, 'data.json'), JSON.stringify(DATASET));
  await writeFile(join(dir, 'stubs.json'), JSON.stringify(STUBS));
  await writeFile(join(dir, 'faults.json'), '{"rules":[]}');
});

/** `inv sandbox …` in-process: what `startSandbox` received, stopped right after it started. */
async function startWith(
  args: readonly string[],
): Promise<{ result: RunResult; options: StartSandboxOptions | undefined }> {
  const controller = new AbortController();
  let options: StartSandboxOptions | undefined;
  const result = await run(['sandbox', ...args], {
    signal: controller.signal,
    startSandbox: async (received) => {
      options = received;
      controller.abort();
      return { url: 'http://127.0.0.1:4999', banner: () => 'BANNER', close: async () => {} };
    },
  });
  return { result, options };
}

/**
 * One example per flag of the sandbox's own table, and what `startSandbox` must receive from it.
 * A flag added to the table without a row here fails the first test.
 */
const EXAMPLES: Record<
  SandboxFlagName,
  { args: () => string[]; expected: (options: StartSandboxOptions) => void }
> = {
  port: { args: () => ['--port', '0'], expected: (o) => expect(o.port).toBe(0) },
  host: { args: () => ['--host', '127.0.0.2'], expected: (o) => expect(o.host).toBe('127.0.0.2') },
  data: {
    args: () => ['--data', join(dir, 'data.json')],
    expected: (o) => expect(o.dataset).toEqual(DATASET),
  },
  seed: { args: () => ['--seed', '7'], expected: (o) => expect(o.seed).toBe(7) },
  faults: {
    args: () => ['--faults', join(dir, 'faults.json')],
    expected: (o) => expect(o.faults).toEqual({ rules: [] }),
  },
  stubs: {
    args: () => ['--stubs', join(dir, 'stubs.json')],
    expected: (o) => expect(o.stubs).toEqual(STUBS),
  },
  push: {
    args: () => ['--push', 'http://127.0.0.1:8788/push,s3cret'],
    expected: (o) =>
      expect(o.subscriptions).toEqual([{ url: 'http://127.0.0.1:8788/push', secret: 's3cret' }]),
  },
  'change-stream': {
    args: () => ['--change-stream', '2', '--seed', '5'],
    expected: (o) => expect(o.changeStream).toEqual({ perSecond: 2, seed: 5 }),
  },
  'allowed-host': {
    args: () => ['--allowed-host', 'sandbox.test', '--allowed-host', 'b.test:8080'],
    expected: (o) => expect(o.allowedHosts).toEqual(['sandbox.test', 'b.test:8080']),
  },
  cors: { args: () => ['--cors'], expected: (o) => expect(o.cors).toBe(true) },
  record: {
    args: () => ['--record', join(dir, 'rec.jsonl'), '--upstream', 'winit=http://127.0.0.1:9'],
    expected: (o) =>
      expect(o.record).toEqual({
        file: join(dir, 'rec.jsonl'),
        upstream: { winit: 'http://127.0.0.1:9' },
      }),
  },
  upstream: {
    args: () => ['--upstream', 'kingdee=http://127.0.0.1:9', '--record', join(dir, 'r.jsonl')],
    expected: (o) => expect(o.record?.upstream).toEqual({ kingdee: 'http://127.0.0.1:9' }),
  },
  replay: {
    args: () => ['--replay', join(dir, 'rec.jsonl')],
    expected: (o) => expect(o.replay).toEqual({ file: join(dir, 'rec.jsonl') }),
  },
  quiet: { args: () => ['--quiet'], expected: (o) => expect(o.logger).toBeUndefined() },
  help: { args: () => ['--help'], expected: () => undefined },
};

describe('inv sandbox accepts every flag of inv-sandbox', () => {
  it('has an example for every flag of the sandbox table', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(SANDBOX_FLAGS).sort());
  });

  it.each(Object.keys(SANDBOX_FLAGS).filter((name) => name !== 'help') as SandboxFlagName[])(
    '--%s reaches startSandbox',
    async (name) => {
      const example = EXAMPLES[name];
      const { result, options } = await startWith(['--port', '0', ...example.args()]);
      expect(result.stderr).not.toMatch(/unknown option/);
      expect(result.code).toBe(0);
      // The banner, then (with --push) the receivers, as inv-sandbox prints them.
      expect(result.stdout).toMatch(/^BANNER\n/);
      expect(options).toBeDefined();
      example.expected(options as StartSandboxOptions);
    },
  );

  it('short flags as in the table: -p, -q, -h', async () => {
    const { result, options } = await startWith(['-p', '0', '-q']);
    expect(result.code).toBe(0);
    expect(options).toMatchObject({ port: 0, logger: undefined });
    expect(result.stderr).toBe('');
  });

  it('without --quiet, logs each request on stdout like inv-sandbox', async () => {
    const { options } = await startWith(['--port', '0']);
    expect(options?.logger).toBeTypeOf('function');
  });

  it('--help prints every flag, from the same text as inv-sandbox --help', async () => {
    const { result, options } = await startWith(['--help']);
    expect(result.code).toBe(0);
    expect(options).toBeUndefined();
    expect(result.stdout).toContain(sandboxOptionsHelp(['quiet', 'help']));
    for (const name of Object.keys(SANDBOX_FLAGS)) expect(result.stdout).toContain(`--${name}`);
    // --quiet and --help are listed once, with the global options.
    expect(result.stdout.match(/-q, --quiet/g)).toHaveLength(1);
    expect(result.stdout.match(/-h, --help/g)).toHaveLength(1);
  });
});

describe('inv sandbox refuses bad flags with the fix, exit 2', () => {
  it.each([
    [['--seed', 'x'], 'inv: --seed must be an integer, got "x". Fix: pass e.g. --seed 7\n'],
    [
      ['--port', '70000'],
      'inv: --port must be an integer from 0 to 65535, got "70000". Fix: pass e.g. --port 4010, or --port 0 to pick a free port\n',
    ],
    [
      ['--record', 'r.jsonl'],
      'inv: --record needs at least one --upstream kingdee=URL or winit=URL. Fix: add e.g. --upstream kingdee=https://api.kingdee.com\n',
    ],
    [
      ['--push', '127.0.0.1:8788'],
      'inv: --push needs an http(s) URL, optionally followed by ,secret; got "127.0.0.1:8788". Fix: pass e.g. --push http://127.0.0.1:8788/push or --push http://127.0.0.1:8788/push,secret\n',
    ],
    [
      ['--faults', '/nonexistent/faults.json'],
      /^inv: cannot read faults file .*ENOENT.*\. Fix: check the path given to --faults\n$/,
    ],
    [['--nope'], 'inv: unknown option --nope for inv sandbox. Fix: run inv sandbox --help\n'],
    [['--port'], 'inv: option --port needs a value. Fix: run inv sandbox --help\n'],
  ])('%j', async (args, stderr) => {
    const { result, options } = await startWith(args);
    expect(options).toBeUndefined();
    expect(result).toMatchObject({ code: 2, stdout: '' });
    if (typeof stderr === 'string') expect(result.stderr).toBe(stderr);
    else expect(result.stderr).toMatch(stderr);
  });

  it('reads INV_SANDBOX_PORT and names it when it is wrong', async () => {
    const result = await run(['sandbox'], { env: { INV_SANDBOX_PORT: 'abc' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^inv: INV_SANDBOX_PORT must be an integer from 0 to 65535/);
  });
});
