import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { corsOption, expandBareCors, pushOption } from './cli-args.js';
import { SandboxFlagError } from './cli-error.js';
import { SANDBOX_OPTIONS } from './cli-flags.js';
import { sandboxDatasetSchema } from './dataset.js';
import { faultConfigSchema } from './faults.js';
import { stubRulesSchema } from './gateway/stubs.js';
import { readJsonBody } from './json-body.js';
import { upstreamOption } from './record/upstream-option.js';
import type { StartSandboxOptions } from './start.js';

/** Flag values as `node:util` parseArgs returns them for `SANDBOX_OPTIONS` (other keys ignored). */
export type SandboxFlagValues = Readonly<
  Record<string, string | boolean | readonly (string | boolean)[] | undefined>
>;

/** Environment variables the sandbox command reads (`INV_SANDBOX_PORT`, `INV_SANDBOX_HOST`). */
export type SandboxEnv = Readonly<Record<string, string | undefined>>;

/** What the command line asks `startSandbox` for; the caller adds its `logger`. */
export interface SandboxCommandOptions extends StartSandboxOptions {
  port: number;
  host: string;
  subscriptions: { url: string; secret: string }[];
}

const text = (values: SandboxFlagValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

const list = (values: SandboxFlagValues, name: string): string[] | undefined => {
  const value = values[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  return (typeof value === 'string' ? [value] : value).map(String);
};

/**
 * The flag a `node:util` parseArgs message names, its long form when it names both
 * (`Unknown option '--x'`, `Option '-p, --port <value>' argument missing`).
 */
const flagIn = (message: string): string => /'(?:-\w, )?(-{1,2}[^'\s,]+)/.exec(message)?.[1] ?? '';

/**
 * Parses `inv-sandbox` arguments with {@link SANDBOX_OPTIONS} (the table `inv sandbox` parses
 * with too). A leading `--`, which `npm run sandbox -- --port 0` forwards, is dropped. Throws
 * {@link SandboxFlagError} naming the flag and `<command> --help`.
 */
export function parseSandboxArgs(
  argv: readonly string[],
  command = 'inv-sandbox',
): SandboxFlagValues {
  const args = expandBareCors(argv[0] === '--' ? argv.slice(1) : argv);
  try {
    return parseArgs({ args, options: SANDBOX_OPTIONS, strict: true }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const flag = flagIn(message);
    const help = `run ${command} --help for the flags`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new SandboxFlagError(flag, `unknown option ${flag} for ${command}`, help);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const needs = message.includes('argument missing') || message.includes('ambiguous');
      throw new SandboxFlagError(
        flag,
        `option ${flag} ${needs ? 'needs a value' : 'does not take a value'}`,
        needs ? `write ${flag} <value>, or ${flag}=-value for a value starting with "-"` : help,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
      throw new SandboxFlagError('', `unexpected argument "${argument}" for ${command}`, help);
    }
    throw error;
  }
}

function portOf(values: SandboxFlagValues, env: SandboxEnv): number {
  const flag = text(values, 'port');
  const given = flag ?? env.INV_SANDBOX_PORT ?? '4010';
  const port = Number(given);
  if (!/^\d+$/.test(given) || port > 65_535) {
    throw new SandboxFlagError(
      '--port',
      `${flag === undefined ? 'INV_SANDBOX_PORT' : '--port'} must be an integer from 0 to 65535, got "${given}"`,
      'pass e.g. --port 4010, or --port 0 to pick a free port',
    );
  }
  return port;
}

function seedOf(values: SandboxFlagValues): number | undefined {
  const given = text(values, 'seed');
  if (given === undefined) return undefined;
  const seed = Number(given);
  if (!/^-?\d+$/.test(given) || !Number.isSafeInteger(seed)) {
    throw new SandboxFlagError(
      '--seed',
      `--seed must be an integer, got "${given}"`,
      'pass e.g. --seed 7',
    );
  }
  return seed;
}

function changeStreamOf(values: SandboxFlagValues): number | undefined {
  const given = text(values, 'change-stream');
  if (given === undefined) return undefined;
  const perSecond = Number(given);
  if (!(perSecond > 0 && perSecond <= 1000)) {
    throw new SandboxFlagError(
      '--change-stream',
      `--change-stream must be a number of changes a second from above 0 to 1000, got "${given}"`,
      'pass e.g. --change-stream 2',
    );
  }
  return perSecond;
}

/**
 * A JSON file named by `flag`, read exactly (the same reading as the admin routes' bodies) and
 * checked against the schema `startSandbox` applies, so a bad file is refused naming the flag,
 * the file and each field, before anything starts.
 */
async function readJson<Schema extends z.ZodType>(
  flag: string,
  path: string,
  what: string,
  schema: Schema,
): Promise<z.input<Schema>> {
  let body: string;
  try {
    body = await readFile(path, 'utf8');
  } catch (error) {
    throw new SandboxFlagError(
      flag,
      `cannot read ${what} file ${path}: ${(error as Error).message}`,
      `check the path given to ${flag}`,
      { cause: error },
    );
  }
  // No number silently rounded, no unservable nesting: see json-body.ts.
  const parsed = readJsonBody(body);
  if (!parsed.ok) {
    throw new SandboxFlagError(
      flag,
      `cannot read ${what} file ${path}: ${parsed.message}`,
      `correct the JSON in ${path} (see the README's section on ${what})`,
    );
  }
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) {
    const issues = checked.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
    const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
    throw new SandboxFlagError(
      flag,
      `invalid ${what} file ${path}: ${issues.slice(0, 5).join('; ')}${more}`,
      `correct ${path} (see the README's section on ${what})`,
    );
  }
  // The value as written: `startSandbox` applies the schema's defaults itself.
  return parsed.value as z.input<Schema>;
}

/**
 * The `startSandbox` options of a parsed command line (`inv-sandbox` and `inv sandbox` alike):
 * checks every value and reads the `--data`, `--faults` and `--stubs` files. Throws
 * {@link SandboxFlagError} naming the flag and the fix.
 */
export async function sandboxCommandOptions(
  values: SandboxFlagValues,
  env: SandboxEnv = {},
): Promise<SandboxCommandOptions> {
  const port = portOf(values, env);
  const host = text(values, 'host') ?? env.INV_SANDBOX_HOST ?? '127.0.0.1';
  const seed = seedOf(values);
  const record = text(values, 'record');
  const replay = text(values, 'replay');
  const upstream = upstreamOption(list(values, 'upstream'));
  if (values.upstream !== undefined && record === undefined) {
    throw new SandboxFlagError(
      '--upstream',
      '--upstream needs --record <file>',
      'add --record recording.jsonl, or drop --upstream',
    );
  }
  if (record !== undefined && Object.keys(upstream).length === 0) {
    throw new SandboxFlagError(
      '--record',
      '--record needs at least one --upstream kingdee=URL or winit=URL',
      'add e.g. --upstream kingdee=https://api.kingdee.com',
    );
  }
  const perSecond = changeStreamOf(values);
  const data = text(values, 'data');
  const stubs = text(values, 'stubs');
  const faults = text(values, 'faults');
  const allowedHosts = list(values, 'allowed-host');
  return {
    port,
    host,
    seed,
    subscriptions: pushOption(list(values, 'push')),
    ...(perSecond === undefined ? {} : { changeStream: { perSecond, seed: seed ?? 1 } }),
    ...(allowedHosts === undefined ? {} : { allowedHosts }),
    cors: corsOption(text(values, 'cors')),
    ...(record === undefined ? {} : { record: { file: record, upstream } }),
    ...(replay === undefined ? {} : { replay: { file: replay } }),
    ...(data === undefined
      ? {}
      : { dataset: await readJson('--data', data, 'dataset', sandboxDatasetSchema) }),
    ...(stubs === undefined
      ? {}
      : { stubs: await readJson('--stubs', stubs, 'stubs', stubRulesSchema) }),
    ...(faults === undefined
      ? {}
      : { faults: await readJson('--faults', faults, 'faults', faultConfigSchema) }),
  };
}

/**
 * A `startSandbox` failure as the command reports it: a port in use becomes a
 * {@link SandboxFlagError} suggesting `--port 0`; anything else is returned unchanged.
 */
export function startFailure(error: unknown, options: { port: number; host: string }): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return error;
  return new SandboxFlagError(
    '--port',
    `port ${options.port} of ${options.host} is already in use (EADDRINUSE)`,
    'pass --port 0 to pick a free port, or stop what listens there',
    { cause: error },
  );
}

/** The banner of a started sandbox, then the receivers `--push` sends Kingdee changes to. */
export function startedText(
  sandbox: { banner(): string },
  options: Pick<SandboxCommandOptions, 'subscriptions'>,
): string {
  return [
    sandbox.banner(),
    ...options.subscriptions.map(({ url }) => `  Kingdee pushes to   ${url}`),
  ].join('\n');
}
