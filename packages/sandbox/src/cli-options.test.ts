import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInvError } from '@inv/core';
import { describe, expect, it } from 'vitest';
import { SandboxFlagError } from './cli-error.js';
import { parseSandboxArgs, sandboxCommandOptions, startFailure } from './cli-options.js';

const options = (argv: string[], env = {}) => sandboxCommandOptions(parseSandboxArgs(argv), env);

/** The SandboxFlagError `promise` rejects with. */
async function flagError(promise: Promise<unknown>): Promise<SandboxFlagError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxFlagError);
  return error as SandboxFlagError;
}

describe('parseSandboxArgs', () => {
  it('drops the "--" npm run forwards and expands a bare --cors', () => {
    expect(parseSandboxArgs(['--', '--cors', '--quiet'])).toEqual({ cors: '*', quiet: true });
  });

  it('names an unknown flag, a missing value and a stray argument, with the fix', () => {
    const thrown = (argv: string[]) => {
      try {
        parseSandboxArgs(argv);
      } catch (error) {
        return error as SandboxFlagError;
      }
      throw new Error('did not throw');
    };
    expect(thrown(['--nope'])).toMatchObject({
      flag: '--nope',
      message: 'unknown option --nope for inv-sandbox',
      fix: 'run inv-sandbox --help for the flags',
      code: 'INV_CONFIG',
    });
    expect(thrown(['--port'])).toMatchObject({
      flag: '--port',
      message: 'option --port needs a value',
    });
    expect(thrown(['--quiet=yes']).message).toBe('option --quiet does not take a value');
    expect(thrown(['4010']).message).toBe('unexpected argument "4010" for inv-sandbox');
    expect(isInvError(thrown(['--nope']))).toBe(true);
  });
});

describe('sandboxCommandOptions', () => {
  it('defaults to port 4010 on 127.0.0.1, env before defaults, flags before env', async () => {
    expect(await options([])).toEqual({
      port: 4010,
      host: '127.0.0.1',
      seed: undefined,
      subscriptions: [],
      cors: undefined,
    });
    const env = { INV_SANDBOX_PORT: '0', INV_SANDBOX_HOST: '::1' };
    expect(await options([], env)).toMatchObject({ port: 0, host: '::1' });
    expect(await options(['-p', '5000', '--host', '127.0.0.2'], env)).toMatchObject({
      port: 5000,
      host: '127.0.0.2',
    });
  });

  it('reads --data, --faults and --stubs exactly, naming the flag of a bad file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inv-sandbox-cli-'));
    await writeFile(join(dir, 'faults.json'), '{"rules":[],"seed":3}');
    await writeFile(join(dir, 'rounded.json'), '{"rules":[],"seed":9007199254740993}');
    expect((await options(['--faults', join(dir, 'faults.json')])).faults).toEqual({
      rules: [],
      seed: 3,
    });
    const rounded = await flagError(options(['--stubs', join(dir, 'rounded.json')]));
    expect(rounded.flag).toBe('--stubs');
    expect(rounded.message).toMatch(
      /^cannot read stubs file .*rounded\.json: body cannot be read exactly/,
    );
    const missing = await flagError(options(['--data', join(dir, 'none.json')]));
    expect(missing).toMatchObject({ flag: '--data', fix: 'check the path given to --data' });
  });

  it('refuses a file whose fields are wrong before starting, naming the flag, file and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inv-sandbox-cli-'));
    const cases = [
      [
        '--faults',
        'faults.json',
        '{"rules":[{"type":"explode"}]}',
        /^invalid faults file .*faults\.json: rules\.0\./,
      ],
      [
        '--stubs',
        'stubs.json',
        '{"provider":"winit"}',
        /^invalid stubs file .*stubs\.json: \(root\): /,
      ],
      [
        '--data',
        'data.json',
        '{"kingdee":"many"}',
        /^invalid dataset file .*data\.json: .*kingdee: /,
      ],
    ] as const;
    for (const [flag, name, body, message] of cases) {
      await writeFile(join(dir, name), body);
      const error = await flagError(options([flag, join(dir, name)]));
      expect(error.flag).toBe(flag);
      expect(error.message).toMatch(message);
      expect(error.fix).toContain(name);
    }
  });

  it('refuses bad values naming the flag: port, seed, change stream, record without upstream', async () => {
    for (const [argv, flag, message] of [
      [['--port', '65536'], '--port', '--port must be an integer from 0 to 65535, got "65536"'],
      [['--port', ''], '--port', '--port must be an integer from 0 to 65535, got ""'],
      [['--seed', '1.5'], '--seed', '--seed must be an integer, got "1.5"'],
      [['--change-stream', '0'], '--change-stream', /from above 0 to 1000, got "0"/],
      [['--record', 'r.jsonl'], '--record', /--record needs at least one --upstream/],
      [['--upstream', 'winit=http://x'], '--upstream', '--upstream needs --record <file>'],
      [
        ['--upstream', 'amazon=http://x', '--record', 'r'],
        '--upstream',
        /kingdee=URL or winit=URL/,
      ],
      [['--push', 'ftp://x/'], '--push', /--push needs an http\(s\) URL/],
    ] as const) {
      const error = await flagError(options([...argv]));
      expect(error.flag).toBe(flag);
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
      expect(error.fix).not.toBe('');
    }
  });

  it('names INV_SANDBOX_PORT when the bad port came from it', async () => {
    const error = await flagError(options([], { INV_SANDBOX_PORT: 'x' }));
    expect(error.message).toBe('INV_SANDBOX_PORT must be an integer from 0 to 65535, got "x"');
  });
});

describe('startFailure', () => {
  it('turns EADDRINUSE into a --port error suggesting --port 0, and leaves other errors alone', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    expect(startFailure(inUse, { port: 4010, host: '127.0.0.1' })).toMatchObject({
      flag: '--port',
      message: 'port 4010 of 127.0.0.1 is already in use (EADDRINUSE)',
      fix: 'pass --port 0 to pick a free port, or stop what listens there',
    });
    const other = new Error('boom');
    expect(startFailure(other, { port: 1, host: 'h' })).toBe(other);
  });
});
