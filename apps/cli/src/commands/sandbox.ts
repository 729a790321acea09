import { type Command, type CommandContext, stringOption } from '../command.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { writeText } from '../io.js';

const HELP = `Usage: inv sandbox [--port <n>] [--host <addr>]

Starts the local stand-in for the Kingdee JDY and Winit gateways (@inv/sandbox) and prints its
URLs and public test credentials. Stop it with Ctrl-C. In another terminal, point any command at
it with --sandbox <url>, e.g.:

  inv stock winit --all --sandbox http://127.0.0.1:4010

Options:
  --port <n>       TCP port (default 4010, env INV_SANDBOX_PORT); 0 picks a free port
  --host <addr>    interface to bind (default 127.0.0.1, env INV_SANDBOX_HOST). The sandbox
                   accepts public test credentials: keep it on loopback.`;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw usageError(`--port must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
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
  const port = parsePort(stringOption(values, 'port') ?? io.env.INV_SANDBOX_PORT ?? '4010');
  const host = stringOption(values, 'host') ?? io.env.INV_SANDBOX_HOST ?? '127.0.0.1';
  const sandbox = await context.deps.startSandbox({ port, host }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new CliError(`port ${port} of ${host} is already in use (EADDRINUSE)`, {
      fix: 'pass --port 0 to pick a free port, or stop what listens there',
      cause: error,
    });
  });
  try {
    await writeText(io.stdout, `${sandbox.banner()}\n`);
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
  options: { port: { type: 'string', short: 'p' }, host: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run,
};
