/**
 * The typed errors `inv` throws, one class per stable `code`, all subclasses of {@link InvError}
 * (`inv-error.ts`).
 */
import { InvError, type InvErrorCode, type InvErrorOptions } from './inv-error.js';

/** Invalid options passed to a factory. Thrown at construction, never mid-sync. */
export class ConfigError extends InvError {
  override name = 'ConfigError';
  /** The option path at fault, e.g. `credentials.clientSecret`. */
  readonly option: string;
  constructor(option: string, message: string, options: InvErrorOptions = {}) {
    super('INV_CONFIG', `Invalid option \`${option}\`: ${message}`, {
      ...options,
      details: { option, ...options.details },
    });
    this.option = option;
  }
}

/** Credentials refused by the provider (unknown client, bad token, wrong app key, …). */
export class AuthError extends InvError {
  override name = 'AuthError';
  readonly providerCode: string | undefined;
  constructor(
    message: string,
    options: InvErrorOptions & { providerCode?: string | number } = {},
    code: InvErrorCode = 'INV_AUTH',
  ) {
    super(code, message, options);
    this.providerCode =
      options.providerCode === undefined ? undefined : String(options.providerCode);
  }
}

/** The provider says the request signature is wrong: check secrets, clock and canonicalisation. */
export class SignatureError extends AuthError {
  override name = 'SignatureError';
  constructor(message: string, options: InvErrorOptions & { providerCode?: string | number } = {}) {
    super(message, options, 'INV_SIGNATURE');
  }
}

/** The session token expired. Clients refresh once automatically before surfacing this. */
export class TokenExpiredError extends AuthError {
  override name = 'TokenExpiredError';
  constructor(message: string, options: InvErrorOptions & { providerCode?: string | number } = {}) {
    super(message, { retryable: true, ...options }, 'INV_TOKEN_EXPIRED');
  }
}

/** The provider throttled us. `retryAfterMs` is the provider's hint when it gave one. */
export class RateLimitedError extends InvError {
  override name = 'RateLimitedError';
  readonly retryAfterMs: number | undefined;
  readonly providerCode: string | undefined;
  constructor(
    message: string,
    options: InvErrorOptions & {
      retryAfterMs?: number | undefined;
      providerCode?: string | number;
    } = {},
  ) {
    super('INV_RATE_LIMITED', message, { retryable: true, ...options });
    this.retryAfterMs = options.retryAfterMs;
    this.providerCode =
      options.providerCode === undefined ? undefined : String(options.providerCode);
  }
}

/** A business error answered by the provider, with its own code and message kept verbatim. */
export interface ProviderErrorOptions extends InvErrorOptions {
  /**
   * True when the client refused the request itself, before sending it (for example an id the
   * gateway is known to reject). The message then says so instead of "<provider> answered".
   */
  local?: boolean | undefined;
  /** How to fix it, appended to the message in parentheses; the provider's message stays verbatim. */
  hint?: string | undefined;
}

export class ProviderError extends InvError {
  override name = 'ProviderError';
  /** The provider's code, always as a string (`"2001"`, `"1000202001"`), or the client's for a local refusal. */
  readonly providerCode: string;
  /** The provider's message, untranslated. */
  readonly providerMessage: string;
  /** Whether the client refused the request before sending it. */
  readonly local: boolean;
  constructor(
    providerCode: string | number,
    providerMessage: string,
    options: ProviderErrorOptions = {},
    code: InvErrorCode = 'INV_PROVIDER',
  ) {
    const who = options.provider ?? 'provider';
    const said = options.local
      ? `${who} request refused before sending (${providerCode}): ${providerMessage}`
      : `${who} answered ${providerCode}: ${providerMessage}`;
    const message = options.hint ? `${said} (${options.hint})` : said;
    super(code, message, {
      ...options,
      details: { providerCode: String(providerCode), ...options.details },
    });
    this.providerCode = String(providerCode);
    this.providerMessage = this.redactText(providerMessage);
    this.local = options.local ?? false;
  }
}

/** The provider (or the client, before sending) rejected the request parameters. */
export class InvalidRequestError extends ProviderError {
  override name = 'InvalidRequestError';
  constructor(
    providerCode: string | number,
    providerMessage: string,
    options: ProviderErrorOptions = {},
  ) {
    super(providerCode, providerMessage, options, 'INV_INVALID_REQUEST');
  }
}

/** The provider does not know the operation (unknown path, action or method). */
export class UnsupportedError extends ProviderError {
  override name = 'UnsupportedError';
  constructor(
    providerCode: string | number,
    providerMessage: string,
    options: ProviderErrorOptions = {},
  ) {
    super(providerCode, providerMessage, options, 'INV_UNSUPPORTED');
  }
}

export interface ShapeIssue {
  /** Dotted path inside the response body, e.g. `data.rows.3.qty`. */
  path: string;
  message: string;
}

/** The response does not have the documented shape. `issues` names every offending field. */
export class ResponseShapeError extends InvError {
  override name = 'ResponseShapeError';
  readonly issues: readonly ShapeIssue[];
  constructor(message: string, issues: readonly ShapeIssue[], options: InvErrorOptions = {}) {
    const list = issues
      .slice(0, 5)
      .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
    super('INV_RESPONSE_SHAPE', `${message}: ${list}${more}`, {
      ...options,
      details: { issues: issues.slice(0, 20), ...options.details },
    });
    this.issues = issues.map((issue) => ({
      path: this.redactText(issue.path),
      message: this.redactText(issue.message),
    }));
  }
}

/** The request did not complete: network failure, reset, unexpected HTTP status, unreadable body. */
export class TransportError extends InvError {
  override name = 'TransportError';
  readonly status: number | undefined;
  constructor(
    message: string,
    options: InvErrorOptions & { status?: number | undefined } = {},
    code: InvErrorCode = 'INV_TRANSPORT',
  ) {
    super(code, message, { ...options, details: { status: options.status, ...options.details } });
    this.status = options.status;
  }
}

/** The request took longer than the configured timeout. */
export class TimeoutError extends TransportError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, options: InvErrorOptions = {}) {
    super(
      `Request timed out after ${timeoutMs} ms`,
      { retryable: true, ...options },
      'INV_TIMEOUT',
    );
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The answer was larger than the transport's `maxResponseBytes`: reading stopped there (or before
 * the first byte, from `Content-Length`). Not retryable: the same request would get the same answer.
 */
export class ResponseTooLargeError extends TransportError {
  override name = 'ResponseTooLargeError';
  /** The limit in bytes (`maxResponseBytes`). */
  readonly limitBytes: number;
  /** Bytes received when reading stopped, or the declared `Content-Length` when refused up front. */
  readonly receivedBytes: number;
  constructor(
    message: string,
    options: InvErrorOptions & {
      status?: number | undefined;
      limitBytes: number;
      receivedBytes: number;
    },
  ) {
    super(
      message,
      {
        ...options,
        retryable: false,
        details: {
          limitBytes: options.limitBytes,
          receivedBytes: options.receivedBytes,
          ...options.details,
        },
      },
      'INV_RESPONSE_TOO_LARGE',
    );
    this.limitBytes = options.limitBytes;
    this.receivedBytes = options.receivedBytes;
  }
}

/**
 * A value is not an exact decimal `inv` accepts: not a number at all (`rule: 'syntax'`) or beyond
 * `DECIMAL_LIMITS` (`rule: 'range'`). Thrown by `toDecimal`; answers of a gateway carrying such a
 * quantity fail validation as a {@link ResponseShapeError} naming the field instead.
 */
export class DecimalError extends InvError {
  override name = 'DecimalError';
  /** The field at fault when the caller named it, e.g. `rows.3.qty` or `delta`. */
  readonly field: string | undefined;
  readonly rule: 'syntax' | 'range';
  constructor(
    reason: string,
    options: InvErrorOptions & { field?: string | undefined; rule: 'syntax' | 'range' },
  ) {
    super('INV_DECIMAL', options.field === undefined ? reason : `${options.field}: ${reason}`, {
      ...options,
      details: { field: options.field, rule: options.rule, ...options.details },
    });
    this.field = options.field === undefined ? undefined : this.redactText(options.field);
    this.rule = options.rule;
  }
}
