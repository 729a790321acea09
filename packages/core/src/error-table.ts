/**
 * One way for every provider to turn a gateway's error code into a core error: a table of rules
 * keyed by the code as text, and a factory that picks the error class by the rule's `kind`. The
 * providers publish their tables (`@inv/*-protocol`); users override entries with the client option
 * `errorTable`, merged over the default by {@link mergeErrorTables}.
 */
import {
  AuthError,
  ConfigError,
  InvalidRequestError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  TokenExpiredError,
  UnsupportedError,
} from './errors.js';
import type { InvError } from './inv-error.js';

/** Which core error class a code becomes. */
export const ERROR_KINDS = Object.freeze([
  'auth',
  'signature',
  'token-expired',
  'rate-limited',
  'invalid-request',
  'unsupported',
  'config',
  'provider',
] as const);

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** How one code is handled. */
export interface ErrorRule {
  kind: ErrorKind;
  /** The gateway's constant name or documented text, for messages and READMEs. */
  name?: string | undefined;
  /** How to fix it, appended to the message in parentheses. */
  hint?: string | undefined;
  /**
   * Whether repeating the call later may succeed (the transport backs off and retries). Default
   * true for `rate-limited`, false for every other kind.
   */
  retryable?: boolean | undefined;
  /** The client re-runs its token flow once and repeats the call once (`details.refreshToken`). */
  refreshToken?: boolean | undefined;
  /** For kind `config`: the option at fault, named by the `ConfigError`. Default `options`. */
  option?: string | undefined;
}

/** Code (as text: numeric codes are compared as strings) → rule. */
export type ErrorTable = Readonly<Record<string, ErrorRule>>;

/** `overrides` entries replace those of `base` with the same code; the result is frozen. */
export function mergeErrorTables(
  base: ErrorTable,
  overrides: ErrorTable | undefined = {},
): ErrorTable {
  return Object.freeze({ ...base, ...overrides });
}

/** A refusal as the gateway answered it. */
export interface ProviderFailure {
  /** The gateway's code; a number is compared as its decimal text. */
  code: string | number;
  /** The gateway's message, kept verbatim as `providerMessage`. */
  message: string;
  /** The provider's `Retry-After` hint, for a rate-limited kind. */
  retryAfterMs?: number | undefined;
  /** Non-secret context kept in `details` (operation, HTTP status, the raw fields, …). */
  details?: Record<string, unknown> | undefined;
}

export interface ErrorFactoryOptions {
  /** Provider id, the `provider` of every error and the subject of its message. */
  provider: string;
  table: ErrorTable;
  /** The rule of a code missing from the table. Default `{ kind: 'provider' }`. */
  fallback?: ErrorRule | undefined;
  /**
   * Decides a rule before the table does, for signals a code does not carry (for example a
   * message saying the caller is throttled). Return `undefined` to use the table.
   */
  classify?: ((failure: ProviderFailure) => ErrorRule | undefined) | undefined;
  /** Secret values scrubbed from every error built (a gateway may echo what it was sent). */
  secrets?: Iterable<string | undefined | null> | undefined;
}

/** Builds the core error of a refusal. */
export type ErrorFactory = (failure: ProviderFailure) => InvError;

/**
 * Returns the factory mapping a refusal to the core error class of its rule's `kind`. Every error
 * keeps `provider`, the code (`providerCode`, `details.providerCode`), the gateway's message
 * verbatim (`providerMessage` where the class has one, `details.providerMessage` always), the rule's
 * `name`/`hint`/`refreshToken` in `details`, and has the configured secrets redacted.
 */
export function createErrorFactory(options: ErrorFactoryOptions): ErrorFactory {
  const { provider, table } = options;
  const fallback: ErrorRule = options.fallback ?? { kind: 'provider' };
  const secrets = [...(options.secrets ?? [])];
  return (failure) => {
    const providerCode = String(failure.code);
    const rule = options.classify?.(failure) ?? table[providerCode] ?? fallback;
    const providerMessage = failure.message;
    const base = {
      provider,
      providerCode,
      secrets,
      retryable: rule.retryable ?? rule.kind === 'rate-limited',
      details: {
        providerCode,
        providerMessage,
        ...(rule.name === undefined ? {} : { name: rule.name }),
        ...(rule.hint === undefined ? {} : { hint: rule.hint }),
        refreshToken: rule.refreshToken ?? false,
        ...failure.details,
      },
    };
    const named = rule.name === undefined ? '' : ` ${rule.name}`;
    const hint = rule.hint === undefined ? '' : ` (${rule.hint})`;
    const message = `${provider} answered ${providerCode}${named}: ${providerMessage}${hint}`;
    switch (rule.kind) {
      case 'auth':
        return new AuthError(message, base);
      case 'signature':
        return new SignatureError(message, base);
      case 'token-expired':
        return new TokenExpiredError(message, base);
      case 'rate-limited':
        return new RateLimitedError(message, { ...base, retryAfterMs: failure.retryAfterMs });
      case 'config':
        return new ConfigError(rule.option ?? 'options', message, base);
      case 'invalid-request':
        return new InvalidRequestError(providerCode, providerMessage, { ...base, hint: rule.hint });
      case 'unsupported':
        return new UnsupportedError(providerCode, providerMessage, { ...base, hint: rule.hint });
      case 'provider':
        return new ProviderError(providerCode, providerMessage, { ...base, hint: rule.hint });
    }
  };
}
