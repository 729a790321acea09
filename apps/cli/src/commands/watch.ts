import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createInventoryPushHandler, createPushSync, type PushedRecords } from '@inv/kingdee';
import {
  type Command,
  type CommandContext,
  flag,
  intOption,
  outputFormat,
  stdoutWriter,
  stringOption,
} from '../command.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { createFormatter, recordShape } from '../format/formatter.js';

const PUSH_PATH = '/kingdee/push';

const HELP = `Usage: inv watch kingdee [--sandbox [url]] [--port <n>] [--secret <s>] [options]

Listens for Kingdee inventory-change pushes on 127.0.0.1 and prints each changed position as it
arrives: the pushed ids are verified, then read back with inv_synchronous. The push format is an
assumption of this project (docs/protocols/kingdee.md §10.1). With --sandbox, the command
registers itself with the sandbox (PUT /_sandbox/subscriptions) and unregisters on Ctrl-C.

Options:
  --port <n>       port to listen on (default 0: a free one, printed on stderr)
  --secret <s>     subscription secret the deliveries are signed with (env
                   INV_KINGDEE_PUSH_SECRET); with --sandbox, a random one by default
  --format <f>     table | jsonl | csv | json (default: table on a terminal, jsonl when piped)
  --raw            include each provider row untouched (jsonl, json)

Examples:
  inv watch kingdee --sandbox http://127.0.0.1:4010
  inv watch kingdee --port 8788 --secret "$PUSH_SECRET" | jq .quantities.onHand`;

/** Resolves when the command is interrupted (Ctrl-C / SIGTERM). */
function interrupted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Registers or removes this receiver at the sandbox's admin route. */
async function subscription(
  sandbox: string,
  method: 'PUT' | 'DELETE',
  url: string,
  secret: string,
): Promise<void> {
  const target = `${sandbox}/_sandbox/subscriptions${method === 'DELETE' ? `?url=${encodeURIComponent(url)}` : ''}`;
  const response = await fetch(target, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'PUT' ? { body: JSON.stringify({ url, secret }) } : {}),
  }).catch((error: unknown) => {
    throw new CliError(`cannot reach the sandbox at ${sandbox} to subscribe`, {
      fix: 'start it with inv sandbox, or pass its URL with --sandbox <url>',
      cause: error,
    });
  });
  if (!response.ok) {
    throw new CliError(
      `the sandbox at ${sandbox} refused the subscription (HTTP ${response.status}): ${await response.text()}`,
      { fix: 'is that URL an inv sandbox with push support?' },
    );
  }
}

async function run(context: CommandContext): Promise<number> {
  const { values, io } = context;
  if (context.positionals[0] !== 'kingdee') {
    throw usageError(
      `inv watch supports kingdee only, got "${context.positionals[0]}"`,
      'run inv watch kingdee --help',
    );
  }
  const port = intOption(values, 'port', 0) ?? 0;
  if (port > 65_535) throw usageError(`--port must be at most 65535, got ${port}`);
  const format = outputFormat(values, io.stdout);
  const cli = await context.openProvider('kingdee');
  const byIds = cli.provider.inventory.byIds;
  if (byIds === undefined) throw new CliError('this Kingdee provider cannot read rows by id');
  const sandbox = await context.sandboxUrl();
  const secret =
    stringOption(values, 'secret') ??
    io.env.INV_KINGDEE_PUSH_SECRET ??
    (sandbox === undefined ? undefined : randomBytes(16).toString('hex'));
  if (secret === undefined || secret === '') {
    throw usageError(
      'inv watch kingdee needs the subscription secret',
      'pass --secret <s> or set INV_KINGDEE_PUSH_SECRET (or use --sandbox)',
    );
  }

  const shape = recordShape({ raw: flag(values, 'raw') });
  // A table must measure its rows: one table per delivery. The streaming formats run throughout.
  const stream = format === 'table' ? undefined : createFormatter(format, shape);
  const print = stdoutWriter(context);
  const onRecords = async ({ records, missing }: PushedRecords): Promise<void> => {
    if (stream) await print(stream.rows(records));
    else {
      const table = createFormatter('table', shape);
      await print(table.rows(records) + table.footer());
    }
    if (missing.length > 0) await context.note(`no longer in kingdee: ${missing.join(', ')}`);
  };
  const handler = createInventoryPushHandler({
    secret,
    onChange: createPushSync({ provider: { inventory: { byIds } }, onRecords }),
    onError: (error) => void context.note(`could not read pushed ids: ${(error as Error).message}`),
  });
  const server = serve({
    fetch: (request) =>
      new URL(request.url).pathname === PUSH_PATH
        ? handler(request)
        : new Response('not found', { status: 404 }),
    port,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CliError(`port ${port} of 127.0.0.1 is already in use (EADDRINUSE)`, {
              fix: 'pass --port 0 to pick a free port, or stop what listens there',
              cause: error,
            })
          : error,
      ),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PUSH_PATH}`;
  try {
    if (stream) await print(stream.header());
    if (sandbox !== undefined) await subscription(sandbox, 'PUT', url, secret);
    await context.note(
      `listening for Kingdee pushes on ${url}${sandbox === undefined ? '' : `, subscribed at ${sandbox}`} (Ctrl-C stops)`,
    );
    await interrupted(io.signal);
    if (sandbox !== undefined) await subscription(sandbox, 'DELETE', url, secret);
    if (stream) await print(stream.footer());
  } finally {
    await new Promise<void>((resolve) => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      server.close(() => resolve());
    });
  }
  return EXIT.ok;
}

export const watchCommand: Command = {
  name: 'watch',
  summary: 'print Kingdee inventory changes as they are pushed',
  help: HELP,
  options: {
    port: { type: 'string', short: 'p' },
    secret: { type: 'string' },
    format: { type: 'string' },
    raw: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1 },
  run,
};
