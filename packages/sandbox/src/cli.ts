#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { corsOption, expandBareCors, PUSH_DEFAULT_SECRET, pushOption } from './cli-args.js';
import type { SandboxDataset } from './dataset.js';
import type { FaultConfig } from './faults.js';
import type { StubRule } from './gateway/stubs.js';
import { readJsonBody } from './json-body.js';
import { upstreamOption } from './record/upstream-option.js';
import { startSandbox } from './start.js';

const HELP = `inv-sandbox: local stand-in for the Kingdee JDY and Winit gateways

Usage: inv-sandbox [options]

Options:
  --port <n>       TCP port (default 4010, env INV_SANDBOX_PORT); 0 picks a free port
  --host <addr>    interface to bind (default 127.0.0.1, env INV_SANDBOX_HOST)
  --data <file>    load a dataset file (JSON) instead of the embedded default
  --seed <n>       seed of the generated default dataset (default 20240101)
  --faults <file>  fault-injection rules (JSON), see the README; "deliveries" rules fault pushes
  --stubs <file>   stub rules (JSON array) answering verified requests, see the README
  --push <url[,secret]>
                   POST Kingdee inventory-change pushes to this receiver (repeatable); the
                   secret defaults to ${PUSH_DEFAULT_SECRET} (a public test value)
  --change-stream <n>
                   change n random Kingdee positions a second (seeded by --seed), for soak tests
  --allowed-host <name[:port]>
                   a Host admin routes answer besides 127.0.0.1, localhost, [::1] (repeatable)
  --cors [origins] let web pages at these comma-separated origins (all, without a value) call
                   the gateways and admin routes (preflights answered); off by default
  --record <file>  forward gateway requests unchanged to the --upstream gateways and record each
                   exchange, secrets redacted, to <file> (JSON lines); signatures are not
                   verified while recording (the upstream judges them)
  --upstream <provider=url>
                   the real gateway of kingdee or winit for --record (repeatable)
  --replay <file>  answer accepted requests from a recording (signatures still verified with
                   the sandbox credentials); unrecorded requests are refused, naming the closest
  --quiet          no per-request log lines
  -h, --help       show this help

Admin routes live under /_sandbox/ (reset, dataset, stock, requests, faults, subscriptions,
deliveries); docs at /docs.
They answer loopback hosts, the bound --host and --allowed-host names, from no web page unless
--cors allows it, and take JSON bodies (Content-Type: application/json).`;

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} file ${path}: ${(error as Error).message}`);
  }
  // The same exact reading as the admin routes: no number silently rounded, no unservable nesting.
  const parsed = readJsonBody(text);
  if (!parsed.ok) throw new Error(`cannot read ${what} file ${path}: ${parsed.message}`);
  return parsed.value;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}

async function main(): Promise<void> {
  // `npm run sandbox -- --port 0` and `pnpm sandbox -- --port 0` forward a literal "--": accept it.
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: expandBareCors(argv[0] === '--' ? argv.slice(1) : argv),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      push: { type: 'string', multiple: true },
      'change-stream': { type: 'string' },
      stubs: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      cors: { type: 'string' },
      record: { type: 'string' },
      upstream: { type: 'string', multiple: true },
      replay: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = parsePort(values.port ?? process.env.INV_SANDBOX_PORT ?? '4010');
  const host = values.host ?? process.env.INV_SANDBOX_HOST ?? '127.0.0.1';
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new Error(`--seed must be an integer, got "${values.seed}"`);
  }
  const upstream = upstreamOption(values.upstream);
  if (values.upstream && !values.record) throw new Error('--upstream needs --record <file>');
  if (values.record && Object.keys(upstream).length === 0) {
    throw new Error('--record needs at least one --upstream kingdee=URL or winit=URL');
  }
  const perSecond =
    values['change-stream'] === undefined ? undefined : Number(values['change-stream']);
  if (perSecond !== undefined && !(perSecond > 0 && perSecond <= 1000)) {
    throw new Error(
      `--change-stream must be a number of changes a second from above 0 to 1000, got "${values['change-stream']}"`,
    );
  }
  const subscriptions = pushOption(values.push);
  const sandbox = await startSandbox({
    subscriptions,
    ...(perSecond === undefined ? {} : { changeStream: { perSecond, seed: seed ?? 1 } }),
    port,
    host,
    seed,
    allowedHosts: values['allowed-host'],
    cors: corsOption(values.cors),
    logger: values.quiet ? undefined : (line) => console.log(line),
    ...(values.record ? { record: { file: values.record, upstream } } : {}),
    ...(values.replay ? { replay: { file: values.replay } } : {}),
    ...(values.data ? { dataset: (await readJson(values.data, 'dataset')) as SandboxDataset } : {}),
    ...(values.stubs ? { stubs: (await readJson(values.stubs, 'stubs')) as StubRule[] } : {}),
    ...(values.faults ? { faults: (await readJson(values.faults, 'faults')) as FaultConfig } : {}),
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `port ${port} of ${host} is already in use (EADDRINUSE). Fix: pass --port 0 to pick a free port, or stop what listens there`,
    );
  });
  console.log(sandbox.banner());
  for (const { url } of subscriptions) console.log(`  Kingdee pushes to   ${url}`);
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`inv-sandbox: ${(error as Error).message}`);
  process.exit(1);
});
