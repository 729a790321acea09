import {
  expandBareCors,
  SANDBOX_OPTIONS,
  SandboxFlagError,
  sandboxCommandOptions,
  sandboxOptionsHelp,
  startedText,
  startFailure,
} from '@inv/sandbox/cli';
import { type Command, type CommandContext, GLOBAL_OPTIONS } from '../command.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { writeText } from '../io.js';

const HELP = `Usage: inv sandbox [options]        (the same flags as inv-sandbox of @inv/sandbox)

Starts the local stand-in for the Kingdee JDY and Winit gateways (@inv/sandbox) and prints its
URLs and public test credentials. Stop it with Ctrl-C. In another terminal, point any command at
it with --sandbox <url>, e.g.:

  inv stock winit --all --sandbox http://127.0.0.1:4010

With -q/--quiet it prints no per-request log lines either.

${sandboxOptionsHelp(Object.keys(GLOBAL_OPTIONS))}`;

/** A bad sandbox flag is a usage error (exit 2), with the sandbox's own message and fix. */
function usage(error: unknown): unknown {
  return error instanceof SandboxFlagError
    ? new CliError(error.message, { fix: error.fix, cause: error })
    : error;
}

/** Resolves when the command is interrupted (Ctrl-C / SIGTERM). */
function interrupted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function run(context: CommandContext): Promise<number> {
  const { values, io } = context;
  const options = await sandboxCommandOptions(values, io.env).catch((error: unknown) => {
    throw usage(error);
  });
  const sandbox = await context.deps
    .startSandbox({
      ...options,
      // Like inv-sandbox: one line a request, unless --quiet.
      logger: context.quiet ? undefined : (line) => void io.stdout.write(`${line}\n`),
    })
    .catch((error: unknown) => {
      throw usage(startFailure(error, options));
    });
  try {
    await writeText(io.stdout, `${startedText(sandbox, options)}\n`);
    await context.note(`try: inv stock winit --all --sandbox ${sandbox.url}  (Ctrl-C stops)`);
    await interrupted(io.signal);
  } finally {
    await sandbox.close();
  }
  return EXIT.ok;
}

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'start the local Kingdee + Winit sandbox (no account needed)',
  help: HELP,
  options: SANDBOX_OPTIONS,
  normalizeArgs: expandBareCors,
  positionals: { min: 0, max: 0 },
  run,
};
