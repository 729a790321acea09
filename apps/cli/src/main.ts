import { readFileSync } from 'node:fs';
import { createRedactor, type Redactor } from '@inv/core';
import {
  type CliDeps,
  type Command,
  type CommandContext,
  GLOBAL_HELP,
  parseCommandArgs,
  type SandboxHandle,
  stringOption,
  type Values,
} from './command.js';
import { exportCommand } from './commands/export.js';
import { reconcileCommand } from './commands/reconcile.js';
import { sandboxCommand } from './commands/sandbox.js';
import { stockCommand } from './commands/stock.js';
import { watchCommand } from './commands/watch.js';
import { type CliConfig, credentialSources, loadConfig } from './config.js';
import { ENVIRONMENT_VARIABLES } from './env.js';
import { describeError, usageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, writeText } from './io.js';
import { type CliProvider, openProvider, type ProviderId } from './providers.js';

export const COMMANDS: readonly Command[] = [
  stockCommand,
  exportCommand,
  reconcileCommand,
  sandboxCommand,
  watchCommand,
];

/** Version from package.json (shipped in the package). */
export function cliVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** `inv --help`. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  const variables = Object.entries(ENVIRONMENT_VARIABLES)
    .map(([name, [provider, option]]) => `  ${name.padEnd(30)}${provider}.${option}`)
    .join('\n');
  return `inv: Kingdee JDY and Winit inventory from the command line

Usage: inv <command> [options]      inv <command> --help for details

Commands:
${commands}

${GLOBAL_HELP}
  --version           print the version

Environment (overrides inv.config.json):
${variables}
  INV_CONFIG                    configuration file
  INV_SANDBOX_URL               sandbox used by --sandbox without a url

Exit codes: 0 ok, 1 differences over --threshold (reconcile), 2 usage or configuration error,
3 provider, authentication or network error, 4 internal error, 130 interrupted.

Try it without an account:  inv stock winit --all --sandbox`;
}

/** Sandbox URL of this run: `--sandbox <url>`, else INV_SANDBOX_URL, else a sandbox we start. */
async function sandboxFor(
  values: Values,
  io: CliIo,
  deps: CliDeps,
  started: SandboxHandle[],
  note: (text: string) => Promise<void>,
): Promise<string | undefined> {
  const value = stringOption(values, 'sandbox');
  if (value === undefined) return undefined;
  const given = value || io.env.INV_SANDBOX_URL?.trim();
  if (given) {
    // `localhost:4010` is what people type: it means http (the sandbox serves no TLS).
    const url = /^[a-z][a-z\d+.-]*:\/\//i.test(given) ? given : `http://${given}`;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw usageError(
        `--sandbox needs an http(s) URL or host:port, got "${given}"`,
        'e.g. --sandbox http://127.0.0.1:4010 or --sandbox localhost:4010',
      );
    }
    return url.replace(/\/+$/, '');
  }
  const sandbox = await deps.startSandbox({ port: 0 });
  started.push(sandbox);
  await note(`started a sandbox for this command at ${sandbox.url}`);
  return sandbox.url;
}

/** What a run learns as it goes, for the error line. */
interface CliState {
  redact: Redactor;
  sandbox: string | undefined;
  started: SandboxHandle[];
  config?: CliConfig | undefined;
  command?: string | undefined;
}

/** Where each provider's credentials came from, unless a sandbox replaced them. */
function credentialHints(state: CliState): Record<string, string> | undefined {
  const { config } = state;
  if (config === undefined || state.sandbox !== undefined) return undefined;
  return {
    kingdee: credentialSources(config, 'kingdee'),
    winit: credentialSources(config, 'winit'),
  };
}

function createContext(
  parsed: { values: Values; positionals: string[] },
  io: CliIo,
  deps: CliDeps,
  state: CliState,
): CommandContext {
  const quiet = parsed.values.quiet === true;
  let config: Promise<CliConfig> | undefined;
  let sandbox: Promise<string | undefined> | undefined;
  const note = (text: string): Promise<void> =>
    quiet ? Promise.resolve() : writeText(io.stderr, `inv: ${text}\n`);
  const sandboxUrl = async (): Promise<string | undefined> => {
    sandbox ??= sandboxFor(parsed.values, io, deps, state.started, note);
    state.sandbox = await sandbox;
    return state.sandbox;
  };
  const loadConfigOnce = (): Promise<CliConfig> => {
    config ??= loadConfig({
      path: stringOption(parsed.values, 'config'),
      cwd: io.cwd,
      env: io.env,
    }).then((loaded) => {
      state.redact = createRedactor(loaded.secrets);
      state.config = loaded;
      return loaded;
    });
    return config;
  };
  return {
    io,
    values: parsed.values,
    positionals: parsed.positionals,
    deps,
    quiet,
    note,
    config: loadConfigOnce,
    async openProvider(id: ProviderId): Promise<CliProvider> {
      const loaded = await loadConfigOnce();
      return openProvider(id, loaded, deps.factories, await sandboxUrl());
    },
    sandboxUrl,
  };
}

/**
 * Runs `inv` with `argv` (without `node` and the script) and returns the exit code. Errors are
 * printed as one line on stderr (`inv: …`), stack traces only with `--debug`; credential values
 * are scrubbed from everything printed.
 */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    await writeText(
      name === undefined ? io.stderr : io.stdout,
      `${topic ? `${topic.help}\n\n${GLOBAL_HELP}` : mainHelp()}\n`,
    );
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    await writeText(io.stdout, `${cliVersion()}\n`);
    return EXIT.ok;
  }
  const state: CliState = { redact: createRedactor([]), sandbox: undefined, started: [] };
  let debug = argv.includes('--debug');
  try {
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) {
      throw usageError(
        `unknown command "${name}"`,
        `run inv --help; commands are ${COMMANDS.map((c) => c.name).join(', ')}`,
      );
    }
    state.command = command.name;
    const parsed = parseCommandArgs(rest, command);
    debug = parsed.values.debug === true;
    if (parsed.values.help === true) {
      await writeText(io.stdout, `${command.help}\n\n${GLOBAL_HELP}\n`);
      return EXIT.ok;
    }
    return await command.run(createContext(parsed, io, deps, state));
  } catch (error) {
    const described = describeError(error, {
      debug,
      redact: state.redact,
      sandbox: state.sandbox,
      configFile: state.config?.file,
      credentials: credentialHints(state),
      command: state.command,
    });
    await writeText(io.stderr, `inv: ${described.line}\n`);
    for (const line of described.debug) await writeText(io.stderr, `${line}\n`);
    return described.exitCode;
  } finally {
    for (const sandbox of state.started) await sandbox.close();
  }
}
