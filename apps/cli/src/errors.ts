import { type InvError, isInvError, type Redactor } from '@inv/core';
import { variableFor } from './env.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** An error the user can fix: printed as one line, with the fix, and mapped to an exit code. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;
  /** How to fix it, appended to the message. */
  readonly fix: string | undefined;
  constructor(
    message: string,
    options: { exitCode?: ExitCode; fix?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? EXIT.usage;
    this.fix = options.fix;
  }
}

/** A bad command line or option value (exit code 2). */
export function usageError(message: string, fix?: string): CliError {
  return fix === undefined ? new CliError(message) : new CliError(message, { fix });
}

/** Environment variables holding each provider's credentials, for hints. */
const CREDENTIAL_VARIABLES: Readonly<Record<string, string>> = {
  kingdee: 'INV_KINGDEE_CLIENT_ID, INV_KINGDEE_CLIENT_SECRET and INV_KINGDEE_OUTER_INSTANCE_ID',
  winit: 'INV_WINIT_APP_KEY and INV_WINIT_TOKEN',
};

const BASE_URL_VARIABLES: Readonly<Record<string, string>> = {
  kingdee: 'INV_KINGDEE_BASE_URL',
  winit: 'INV_WINIT_BASE_URL',
};

/** Network error codes of Node and undici that say what went wrong better than "fetch failed". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The system error code and URL of a network failure, read down the cause chain: the transport
 * wraps ofetch's FetchError, which wraps undici's "fetch failed", which wraps Node's error (or an
 * AggregateError of one per address, for `localhost`).
 */
function networkFailure(error: unknown): { code?: string; url?: string } {
  const found: { code?: string; url?: string } = {};
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 20; seen++) {
    const current = queue.shift();
    if (!(current instanceof Error)) continue;
    const code = (current as NodeJS.ErrnoException).code;
    if (found.code === undefined && typeof code === 'string' && NETWORK_CODES.has(code)) {
      found.code = code;
    }
    found.url ??= /https?:\/\/[^\s"'<>]+/.exec(current.message)?.[0];
    queue.push(current.cause);
    if (current instanceof AggregateError) queue.push(...current.errors);
  }
  return found;
}

/** Where a provider's credentials came from, to name in a fix: variables, the file, or both. */
function credentialsHint(provider: string, context: ErrorContext): string {
  return (
    context.credentials?.[provider] ?? CREDENTIAL_VARIABLES[provider] ?? 'the INV_* credentials'
  );
}

/** What the user should do about a core error, by its stable code. */
function fixFor(error: InvError, context: ErrorContext): string {
  const provider = error.provider ?? 'the provider';
  const credentials = credentialsHint(error.provider ?? '', context);
  const baseUrl = BASE_URL_VARIABLES[error.provider ?? ''] ?? 'the base URL';
  switch (error.code) {
    case 'INV_CONFIG': {
      const option = typeof error.details?.option === 'string' ? error.details.option : '';
      const variable = variableFor(error.provider ?? '', option);
      const where = `${error.provider ?? 'the provider'}.${option} in ${context.configFile ?? 'inv.config.json'}`;
      return variable === undefined
        ? `correct ${where} (see inv --help)`
        : `set ${variable} or ${where}, or try --sandbox`;
    }
    case 'INV_AUTH':
    case 'INV_TOKEN_EXPIRED':
      return `check ${credentials} for ${provider}`;
    case 'INV_SIGNATURE':
      return `check ${credentials} and that this machine's clock is right`;
    case 'INV_RATE_LIMITED':
      return 'wait a minute and run again, or lower the request rate';
    case 'INV_TRANSPORT':
    case 'INV_TIMEOUT': {
      const failure = networkFailure(error);
      const url = failure.url ?? context.sandbox;
      const what =
        failure.code === undefined
          ? ''
          : `${failure.code === 'ECONNREFUSED' ? 'connection refused' : 'network error'} (${failure.code})${url === undefined ? '' : ` at ${url}`}; `;
      return context.sandbox
        ? `${what}is the sandbox running at ${context.sandbox}? start one with \`inv sandbox\``
        : `${what}check the network and ${baseUrl}, then run again`;
    }
    case 'INV_RESPONSE_SHAPE':
      return `${provider} answered in an unexpected shape; report it with the --debug output`;
    case 'INV_UNSUPPORTED':
      return `${provider} does not offer this operation on this account`;
    default:
      return `see ${provider}'s message above; run with --debug for details`;
  }
}

export interface ErrorContext {
  /** Print the stack and cause chain. */
  debug: boolean;
  /** Scrubs every configured credential value; a safety net over core's own redaction. */
  redact: Redactor;
  /** Sandbox URL when `--sandbox` is on, for network hints. */
  sandbox?: string | undefined;
  /** The configuration file in use, named by fixes about configured values. */
  configFile?: string | null | undefined;
  /** Per provider, where its credentials were set (variables, file), named by credential fixes. */
  credentials?: Readonly<Partial<Record<string, string>>> | undefined;
  /** The command that failed: only `export` can continue an interrupted run. */
  command?: string | undefined;
}

export interface DescribedError {
  /** One line: what failed, and the fix. */
  line: string;
  exitCode: ExitCode;
  /** Extra lines printed only with `--debug`. */
  debug: string[];
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** `message. Fix: fix` without a doubled full stop. */
function withFix(message: string, fix: string | undefined): string {
  const text = oneLine(message).replace(/[.\s]+$/, '');
  return fix === undefined ? text : `${text}. Fix: ${fix}`;
}

/** Turns any thrown value into the line `inv` prints and the exit code it returns. */
export function describeError(error: unknown, context: ErrorContext): DescribedError {
  const debugLines = (): string[] => {
    if (!context.debug) return [];
    const lines: string[] = [];
    let current: unknown = error;
    for (let depth = 0; current !== undefined && depth < 5; depth++) {
      if (current instanceof Error) {
        lines.push(context.redact(current.stack ?? `${current.name}: ${current.message}`));
        if (isInvError(current)) lines.push(context.redact(JSON.stringify(current.toJSON())));
        current = current.cause;
      } else {
        lines.push(context.redact(String(current)));
        current = undefined;
      }
    }
    return lines;
  };
  if (error instanceof CliError) {
    return {
      line: context.redact(withFix(error.message, error.fix)),
      exitCode: error.exitCode,
      debug: debugLines(),
    };
  }
  if (isInvError(error)) {
    const who =
      error.provider && !error.message.startsWith(error.provider) ? `${error.provider}: ` : '';
    const line = withFix(`${who}${error.message} [${error.code}]`, fixFor(error, context));
    return {
      line: context.redact(line),
      exitCode: error.code === 'INV_CONFIG' ? EXIT.usage : EXIT.provider,
      debug: debugLines(),
    };
  }
  if (isAbort(error)) {
    return {
      line: withFix(
        'interrupted',
        context.command === 'export'
          ? 'continue it with the same command and --resume'
          : 'run the command again',
      ),
      exitCode: EXIT.interrupted,
      debug: debugLines(),
    };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    line: context.redact(
      withFix(`unexpected error: ${message}`, 'run again with --debug and report the output'),
    ),
    exitCode: EXIT.internal,
    debug: debugLines(),
  };
}
