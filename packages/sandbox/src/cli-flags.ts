import type { ParseArgsConfig } from 'node:util';
import { PUSH_DEFAULT_SECRET } from './cli-args.js';

/** One flag of the sandbox command line: how `node:util` parseArgs reads it, and its help. */
export interface SandboxFlag {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** What follows the flag in the help (`<file>`; `[origins]` when the value is optional). */
  readonly value?: string;
  /** Help lines, wrapped to fit the help's 100 columns. */
  readonly help: readonly string[];
}

/**
 * Every flag of `inv-sandbox` and `inv sandbox`, in help order: the one table both commands parse
 * with and print their help from, so the two cannot drift.
 */
export const SANDBOX_FLAGS = {
  port: {
    type: 'string',
    short: 'p',
    value: '<n>',
    help: ['TCP port (default 4010, env INV_SANDBOX_PORT); 0 picks a free port'],
  },
  host: {
    type: 'string',
    value: '<addr>',
    help: [
      'interface to bind (default 127.0.0.1, env INV_SANDBOX_HOST); it accepts public',
      'test credentials: keep it on loopback',
    ],
  },
  data: {
    type: 'string',
    value: '<file>',
    help: ['load a dataset file (JSON) instead of the embedded default'],
  },
  seed: {
    type: 'string',
    value: '<n>',
    help: ['seed of the generated default dataset (default 20240101)'],
  },
  faults: {
    type: 'string',
    value: '<file>',
    help: ['fault-injection rules (JSON), see the README; "deliveries" rules fault pushes'],
  },
  stubs: {
    type: 'string',
    value: '<file>',
    help: ['stub rules (JSON array) answering verified requests, see the README'],
  },
  push: {
    type: 'string',
    multiple: true,
    value: '<url[,secret]>',
    help: [
      'POST Kingdee inventory-change pushes to this receiver (repeatable); the',
      `secret defaults to ${PUSH_DEFAULT_SECRET} (a public test value)`,
    ],
  },
  'change-stream': {
    type: 'string',
    value: '<n>',
    help: ['change n random Kingdee positions a second (seeded by --seed), for soak tests'],
  },
  'allowed-host': {
    type: 'string',
    multiple: true,
    value: '<name[:port]>',
    help: ['a Host admin routes answer besides 127.0.0.1, localhost, [::1] (repeatable)'],
  },
  cors: {
    type: 'string',
    value: '[origins]',
    help: [
      'let web pages at these comma-separated origins (all, without a value) call',
      'the gateways and admin routes (preflights answered); off by default',
    ],
  },
  record: {
    type: 'string',
    value: '<file>',
    help: [
      'forward gateway requests unchanged to the --upstream gateways and record each',
      'exchange, secrets redacted, to <file> (JSON lines); signatures are not',
      'verified while recording (the upstream judges them)',
    ],
  },
  upstream: {
    type: 'string',
    multiple: true,
    value: '<provider=url>',
    help: ['the real gateway of kingdee or winit for --record (repeatable)'],
  },
  replay: {
    type: 'string',
    value: '<file>',
    help: [
      'answer accepted requests from a recording (signatures still verified with',
      'the sandbox credentials); unrecorded requests are refused, naming the closest',
    ],
  },
  quiet: { type: 'boolean', short: 'q', help: ['no per-request log lines'] },
  help: { type: 'boolean', short: 'h', help: ['show this help'] },
} as const satisfies Readonly<Record<string, SandboxFlag>>;

export type SandboxFlagName = keyof typeof SANDBOX_FLAGS;

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

/** {@link SANDBOX_FLAGS} as `node:util` parseArgs options. */
export const SANDBOX_OPTIONS: ParseArgsOptions = Object.fromEntries(
  Object.entries(SANDBOX_FLAGS).map(([name, flag]: [string, SandboxFlag]) => [
    name,
    {
      type: flag.type,
      ...(flag.short === undefined ? {} : { short: flag.short }),
      ...(flag.multiple === undefined ? {} : { multiple: flag.multiple }),
    },
  ]),
);

/** Column the flag descriptions start at; a longer flag puts its description on the next line. */
const DESCRIPTION_COLUMN = 19;

/**
 * The `Options:` section of both commands' help, then what the admin routes answer. `omit` leaves
 * out flags the caller lists itself (`inv` prints `--quiet` and `--help` with its global options).
 */
export function sandboxOptionsHelp(omit: readonly string[] = []): string {
  const flags = Object.entries(SANDBOX_FLAGS).filter(([name]) => !omit.includes(name));
  const lines = flags.flatMap(([name, flag]: [string, SandboxFlag]) => {
    const label = `  ${flag.short === undefined ? '' : `-${flag.short}, `}--${name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
    const indent = ' '.repeat(DESCRIPTION_COLUMN);
    const [first = '', ...rest] = flag.help;
    const head =
      label.length < DESCRIPTION_COLUMN
        ? [`${label.padEnd(DESCRIPTION_COLUMN)}${first}`]
        : [label, `${indent}${first}`];
    return [...head, ...rest.map((line) => `${indent}${line}`)];
  });
  return `Options:
${lines.join('\n')}

Admin routes live under /_sandbox/ (reset, dataset, stock, requests, faults, subscriptions,
deliveries); docs at /docs.
They answer loopback hosts, the bound --host and --allowed-host names, from no web page unless
--cors allows it, and take JSON bodies (Content-Type: application/json).`;
}
