import { type Redactor, redactValue } from './redact.js';
import { errorRedactor, redactCause } from './redact-error.js';

/** Stable, documented error codes. Match on `error.code`, never on messages. */
export type InvErrorCode =
  | 'INV_CONFIG'
  | 'INV_AUTH'
  | 'INV_SIGNATURE'
  | 'INV_TOKEN_EXPIRED'
  | 'INV_RATE_LIMITED'
  | 'INV_PROVIDER'
  | 'INV_INVALID_REQUEST'
  | 'INV_UNSUPPORTED'
  | 'INV_RESPONSE_SHAPE'
  | 'INV_PAGING'
  | 'INV_TRANSPORT'
  | 'INV_TIMEOUT'
  | 'INV_DECIMAL'
  | 'INV_RESPONSE_TOO_LARGE';

export interface InvErrorOptions {
  /** Provider id (`kingdee`, `winit`, …) the failure belongs to. */
  provider?: string | undefined;
  /**
   * The underlying error. A foreign error is replaced by a redacted copy (and so is each error
   * along its chain); an `InvError` is kept unless redaction changes it.
   */
  cause?: unknown;
  /** Structured, non-secret context (operation, chunk, page, HTTP status, …). */
  details?: Record<string, unknown> | undefined;
  /** Whether repeating the same call later may succeed. */
  retryable?: boolean | undefined;
  /** Secret values to scrub from the message, details and cause. */
  secrets?: Iterable<string | undefined | null> | undefined;
}

/** JSON form of an {@link InvError}; what loggers and `JSON.stringify` see. */
export interface SerializedInvError {
  name: string;
  code: InvErrorCode;
  message: string;
  provider?: string | undefined;
  retryable: boolean;
  details?: Record<string, unknown> | undefined;
  cause?: { name: string; message: string; code?: string } | undefined;
}

/** Base class of every error `inv` throws. */
export class InvError extends Error {
  override name = 'InvError';
  readonly code: InvErrorCode;
  readonly provider: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly retryable: boolean;

  /** This error's redactor, for text fields subclasses add (private: never rendered). */
  readonly #redact: Redactor;

  constructor(code: InvErrorCode, message: string, options: InvErrorOptions = {}) {
    const redact = errorRedactor(options.secrets ?? []);
    super(redact(message), { cause: redactCause(options.cause, redact, isInvErrorValue) });
    this.#redact = redact;
    this.code = code;
    this.provider = options.provider;
    this.details = options.details
      ? (redactValue(options.details, redact) as Record<string, unknown>)
      : undefined;
    this.retryable = options.retryable ?? false;
  }

  /** Redacts a text a subclass keeps in a field of its own (e.g. a provider's message). */
  protected redactText(text: string): string {
    return this.#redact(text);
  }

  toJSON(): SerializedInvError {
    const cause = this.cause;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      retryable: this.retryable,
      details: this.details,
      cause:
        cause instanceof Error
          ? {
              name: cause.name,
              message: cause.message,
              code: (cause as { code?: unknown }).code as string | undefined,
            }
          : undefined,
    };
  }
}

const isInvErrorValue = (value: unknown): value is InvError => value instanceof InvError;

/** Type guard for any `inv` error, optionally of one code. */
export function isInvError(value: unknown, code?: InvErrorCode): value is InvError {
  return value instanceof InvError && (code === undefined || value.code === code);
}
