import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { StartSandboxOptions } from '@inv/sandbox';
import type { CliConfig } from './config.js';
import { type CliError, usageError } from './errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from './format/formatter.js';
import { type CliIo, type OutputStream, writeText } from './io.js';
import type { CliProvider, ProviderFactories, ProviderId } from './providers.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  config: { type: 'string' },
  sandbox: { type: 'string' },
  debug: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const GLOBAL_HELP = `Global options:
  --config <file>     configuration file (default ./inv.config.json, env INV_CONFIG)
  --sandbox [url]     use a running sandbox at <url> (or host:port) with its test credentials;
                      without a url, INV_SANDBOX_URL, else a sandbox started for this command only
  -q, --quiet         no progress bar or notes on stderr
  --debug             print stack traces and error details
  -h, --help          show help`;

export type OptionValue = string | boolean | (string | boolean)[] | undefined;
export type Values = Readonly<Record<string, OptionValue>>;

/** A running sandbox, as `@inv/sandbox`'s `startSandbox` returns it. */
export interface SandboxHandle {
  url: string;
  banner(): string;
  close(): Promise<void>;
}

/** What the CLI depends on, injectable for tests. */
export interface CliDeps {
  factories: ProviderFactories;
  startSandbox(options: StartSandboxOptions): Promise<SandboxHandle>;
}

export interface CommandContext {
  io: CliIo;
  values: Values;
  positionals: readonly string[];
  deps: CliDeps;
  /** `--quiet`: no progress bar, no notes. */
  quiet: boolean;
  /** The merged configuration, loaded on first use. */
  config(): Promise<CliConfig>;
  /** Builds a provider (pointed at the sandbox with `--sandbox`). */
  openProvider(id: ProviderId): Promise<CliProvider>;
  /** The sandbox URL of this run with `--sandbox` (started if needed), else `undefined`. */
  sandboxUrl(): Promise<string | undefined>;
  /** A note on stderr (`inv: …`), unless `--quiet`. */
  note(text: string): Promise<void>;
}

/** One `inv` sub-command. */
export interface Command {
  name: string;
  /** One line for `inv --help`. */
  summary: string;
  /** Full `inv <command> --help` text, without the global options. */
  help: string;
  options: OptionSpec;
  /** Allowed number of positional arguments. */
  positionals: { min: number; max: number };
  /** Rewrites the arguments before parsing, for an option whose value is optional (`--cors`). */
  normalizeArgs?: ((argv: readonly string[]) => string[]) | undefined;
  run(context: CommandContext): Promise<number>;
}

/** A `--sandbox` value: an `http(s)://` URL, or `host:port` (e.g. `localhost:4010`). */
const SANDBOX_VALUE = /^(https?:\/\/|(localhost|[\w.-]+|\[[\da-f:]+\]):\d+(\/|$))/i;

/**
 * `--sandbox` takes an optional value, which `parseArgs` cannot express: a following `http(s)://`
 * or `host:port` argument is its value, anything else leaves it empty.
 */
export function normalizeSandboxFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg !== '--sandbox') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && SANDBOX_VALUE.test(next)) {
      out.push(`--sandbox=${next}`);
      i++;
    } else {
      out.push('--sandbox=');
    }
  }
  return out;
}

/** Turns `parseArgs` errors into one-line usage errors naming the command. */
function parseError(error: unknown, command: string): CliError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  // The long form when the message names both (`Option '-p, --port <value>' argument missing`).
  const option = /'(?:-\w, )?(-{1,2}[^'\s,]+)/.exec(message)?.[1];
  const help = `run inv ${command} --help`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return usageError(`unknown option ${option ?? ''} for inv ${command}`, help);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('ambiguous')) {
        return usageError(
          `option ${option ?? ''} needs a value`,
          `write a value starting with "-" as ${option ?? '--option'}=-value`,
        );
      }
      return usageError(
        message.includes('argument missing')
          ? `option ${option ?? ''} needs a value`
          : `option ${option ?? ''} does not take a value`,
        help,
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return usageError(`unexpected argument for inv ${command}`, help);
    default:
      return usageError(message.split('\n')[0] ?? message, help);
  }
}

/** Parses a command's arguments (global options included). */
export function parseCommandArgs(
  argv: readonly string[],
  command: Pick<Command, 'name' | 'options' | 'positionals' | 'normalizeArgs'>,
): { values: Values; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: normalizeSandboxFlag(command.normalizeArgs?.(argv) ?? argv),
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw parseError(error, command.name);
  }
  const values = parsed.values as Values;
  if (values.help !== true) {
    const count = parsed.positionals.length;
    if (count > command.positionals.max) {
      throw usageError(
        `unexpected argument "${parsed.positionals[command.positionals.max]}" for inv ${command.name}`,
        `run inv ${command.name} --help`,
      );
    }
    if (count < command.positionals.min) {
      throw usageError(
        `inv ${command.name} is missing an argument`,
        `run inv ${command.name} --help`,
      );
    }
  }
  return { values, positionals: parsed.positionals };
}

/** A string option. */
export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean option. */
export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/** A repeatable, comma-separable list option: `--sku A,B --sku C`. */
export function listOption(values: Values, name: string): string[] | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((item) => String(item).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw usageError(`--${name} needs at least one value`);
  return [...new Set(items)];
}

/** A whole-number option of at least `min`. */
export function intOption(values: Values, name: string, min: number): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw usageError(`--${name} must be a whole number of at least ${min}, got "${text}"`);
  }
  return value;
}

/**
 * `--format`, or the default for where stdout goes: a table on a terminal, JSON lines when piped
 * or redirected (what scripts and `jq` want).
 */
export function outputFormat(values: Values, stdout: OutputStream): OutputFormat {
  const text = stringOption(values, 'format');
  if (text === undefined) return stdout.isTTY === true ? 'table' : 'jsonl';
  if ((OUTPUT_FORMATS as readonly string[]).includes(text)) return text as OutputFormat;
  throw usageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${text}"`);
}

/** Writes formatter output to stdout. */
export function stdoutWriter(context: CommandContext): (text: string) => Promise<void> {
  return (text) => writeText(context.io.stdout, text);
}
