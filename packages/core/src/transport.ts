import { type FetchResponse, ofetch } from 'ofetch';
import {
  ConfigError,
  InvError,
  RateLimitedError,
  ResponseShapeError,
  ResponseTooLargeError,
  TimeoutError,
  TransportError,
} from './errors.js';
import { parseExactJson } from './exact-json.js';
import type { RateLimiter } from './rate-limiter.js';
import { readBodyText } from './read-body.js';
import {
  createRedactor,
  isSecretKey,
  REDACTED,
  type Redactor,
  redactBodySnippet,
  redactUrl,
  requestSecretValues,
} from './redact.js';
import { errorRedactor, redactedInvError } from './redact-error.js';
import { abortError, sleep } from './sleep.js';

/** A request exactly as it will go on the wire. Query text in `path` is sent verbatim. */
export interface PreparedRequest {
  method: 'GET' | 'POST';
  /** Path plus optional raw query text, e.g. `/jdy/v2/inv/inv_synchronous?ids=%5B1%5D`. */
  path: string;
  headers: Record<string, string>;
  /** Body text, sent verbatim (the bytes that were signed are the bytes sent). */
  body?: string | undefined;
}

export interface TransportRequest extends Omit<PreparedRequest, 'headers'> {
  headers?: Record<string, string> | undefined;
  /** Label used in errors and events, e.g. `inventory.byIds chunk 2/5`. */
  operation?: string | undefined;
  /**
   * Whether the call may be repeated safely. Defaults to true for GET, false for POST. Requests the
   * server provably refused (429, throttling answers) are retried either way.
   */
  idempotent?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Runs before every attempt, retries included, and returns the request to send: the signing hook.
   * Signing per attempt gives every retry a fresh timestamp and nonce, which gateways that refuse
   * replays require.
   */
  prepare?:
    | ((request: PreparedRequest, attempt: number) => PreparedRequest | Promise<PreparedRequest>)
    | undefined;
}

/** What the transport hands to a response interpreter. */
export interface TransportResponse {
  status: number;
  headers: Headers;
  /** The body as text; interpreters parse it (see {@link parseJsonResponse}). */
  text: string;
  request: PreparedRequest;
  attempt: number;
  durationMs: number;
}

/** Turns a response into a result, or throws an {@link InvError}. `retryable` errors are retried. */
export type ResponseInterpreter<T> = (response: TransportResponse) => T;

/** Emitted for observation (logging, metrics). Secret headers and values are already redacted. */
export type TransportEvent =
  | {
      type: 'request';
      provider: string;
      operation: string | undefined;
      method: string;
      url: string;
      attempt: number;
    }
  | {
      type: 'response';
      provider: string;
      operation: string | undefined;
      method: string;
      url: string;
      attempt: number;
      status: number;
      durationMs: number;
    }
  | {
      type: 'retry';
      provider: string;
      operation: string | undefined;
      attempt: number;
      delayMs: number;
      error: InvError;
    }
  | {
      type: 'error';
      provider: string;
      operation: string | undefined;
      attempt: number;
      error: InvError;
    };

export interface RetryOptions {
  /** Extra attempts after the first. Default 3. */
  retries?: number | undefined;
  /** First back-off delay. Default 250 ms. */
  baseDelayMs?: number | undefined;
  /** Cap for one back-off delay (and for a provider's Retry-After). Default 30 s. */
  maxDelayMs?: number | undefined;
}

export interface TransportOptions {
  /** Provider id, stamped on every error and event. */
  provider: string;
  /** Absolute http(s) URL the request paths are resolved against. */
  baseURL: string;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number | undefined;
  /**
   * Largest answer body read, in bytes; a larger one (declared or streamed) fails at once with a
   * non-retryable {@link ResponseTooLargeError}. Default {@link DEFAULT_MAX_RESPONSE_BYTES} (32 MiB).
   */
  maxResponseBytes?: number | undefined;
  retry?: RetryOptions | undefined;
  /** Limiter every attempt waits for; share it per credential with `sharedRateLimiter`. */
  rateLimiter?: RateLimiter | undefined;
  /** Secret values scrubbed from errors and events. */
  secrets?: Iterable<string | undefined | null> | undefined;
  /** Observer for requests, responses, retries and errors. Must not throw. */
  onEvent?: ((event: TransportEvent) => void) | undefined;
  /** `fetch` implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Source of randomness for jitter, for tests. */
  random?: (() => number) | undefined;
}

export interface Transport {
  readonly provider: string;
  readonly baseURL: string;
  /** Sends `request` (with retries, rate limiting and timeout) and interprets the response. */
  request<T>(request: TransportRequest, interpret: ResponseInterpreter<T>): Promise<T>;
  /** Scrubs this transport's secrets from a text. */
  readonly redact: Redactor;
  /**
   * Registers secrets learned at run time (a session token, a rotated app secret) so that events
   * and errors of this transport redact them too.
   */
  addSecrets(...values: (string | undefined | null)[]): void;
}

/**
 * Default {@link TransportOptions.maxResponseBytes}: 32 MiB. The largest legitimate answers are a
 * page of rows, at most a few KiB each (every name 200 CJK characters escaped as `\uXXXX`; the
 * generated rows of `bench/` average 0.4–0.9 KiB): Kingdee `scm/inventory` and `inv_synchronous`,
 * 100 rows × 4 KiB = 400 KiB; Winit pageInv, 200 rows × 2 KiB = 400 KiB; Winit batch.query, 500 SKUs
 * × up to 10 classification rows (grade, batch, third-party code) × 2 KiB = 10 MiB. 32 MiB is three
 * times the largest of these, and small enough that one answer held as text and parsed stays well
 * under a typical heap.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Validates an absolute http(s) base URL, naming the option on failure. */
export function assertBaseURL(value: unknown, option = 'baseURL'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(
      option,
      'is required: pass an absolute URL such as https://api.example.com',
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      option,
      `"${value}" is not an absolute URL; pass one such as https://api.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(option, `"${value}" must use http or https`);
  }
  return value.replace(/\/+$/, '');
}

/** Creates a transport bound to one provider and base URL. */
export function createTransport(options: TransportOptions): Transport {
  const baseURL = assertBaseURL(options.baseURL);
  const provider = options.provider;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigError(
      'timeoutMs',
      `must be a positive number of milliseconds, got ${String(timeoutMs)}`,
    );
  }
  const retries = options.retry?.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new ConfigError(
      'retry.retries',
      `must be a non-negative integer, got ${String(retries)}`,
    );
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new ConfigError(
      'maxResponseBytes',
      `must be a positive whole number of bytes, got ${String(maxResponseBytes)}`,
    );
  }
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const secrets = [...(options.secrets ?? [])];
  let redactSecrets = createRedactor(secrets);
  const redact: Redactor = (text) => redactSecrets(text);
  const emit = (event: TransportEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer must never break a request.
    }
  };
  // ofetch takes a custom fetch in create()'s second argument (its globals), not in the defaults.
  const fetcher = ofetch.create(
    { baseURL, retry: 0, ignoreResponseError: true },
    options.fetch ? { fetch: options.fetch } : undefined,
  );

  const attemptOnce = async (
    prepared: PreparedRequest,
    attempt: number,
    operation: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<TransportResponse> => {
    const url = redactUrl(prepared.path, redact);
    emit({ type: 'request', provider, operation, method: prepared.method, url, attempt });
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new TimeoutError(timeoutMs, { provider, details: { operation } })),
      timeoutMs,
    );
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // The signal may have fired during prepare() or an observer: then this attempt must not start.
    if (signal?.aborted) onAbort();
    const started = performance.now();
    try {
      // The body is read here, not by ofetch, so that its size is bounded while it streams.
      const response: FetchResponse<ReadableStream<Uint8Array> | null> = await fetcher.raw(
        prepared.path,
        {
          method: prepared.method,
          headers: prepared.headers,
          body: prepared.body,
          responseType: 'stream',
          signal: controller.signal,
        },
      );
      const body = await readBodyText(response._data, response.headers, maxResponseBytes);
      if (body.tooLarge) {
        controller.abort();
        const what = body.declared ? 'declared' : 'sent at least';
        throw new ResponseTooLargeError(
          `${provider} ${what} ${body.receivedBytes} bytes in answer to ${prepared.method} ${redact(baseURL)}${url}, over the limit of ${maxResponseBytes}; raise the \`maxResponseBytes\` option if such answers are legitimate`,
          {
            provider,
            status: response.status,
            limitBytes: maxResponseBytes,
            receivedBytes: body.receivedBytes,
            secrets,
            details: { operation },
          },
        );
      }
      const text = body.text;
      const durationMs = performance.now() - started;
      emit({
        type: 'response',
        provider,
        operation,
        method: prepared.method,
        url,
        attempt,
        status: response.status,
        durationMs,
      });
      return {
        status: response.status,
        headers: response.headers,
        text,
        request: prepared,
        attempt,
        durationMs,
      };
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (error instanceof ResponseTooLargeError) throw error;
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError)
        throw controller.signal.reason;
      // fetch errors quote the full URL, signed query included: show the redacted one instead.
      const cause = withoutText(error, prepared.path, url);
      throw new TransportError(
        `Network error calling ${provider} ${prepared.method} ${url}: ${describeCause(cause)}`,
        {
          provider,
          cause,
          retryable: true,
          secrets,
          details: { operation },
        },
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    provider,
    baseURL,
    redact,
    addSecrets(...values) {
      secrets.push(...values);
      redactSecrets = createRedactor(secrets);
    },
    async request<T>(request: TransportRequest, interpret: ResponseInterpreter<T>): Promise<T> {
      const { signal, operation, prepare } = request;
      const idempotent = request.idempotent ?? request.method === 'GET';
      const base: PreparedRequest = {
        method: request.method,
        path: request.path,
        headers: { ...request.headers },
        body: request.body,
      };
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw abortError(signal);
        let error: InvError;
        let prepared: PreparedRequest | undefined;
        try {
          const release = await options.rateLimiter?.acquire(signal);
          let response: TransportResponse;
          try {
            prepared = prepare
              ? await prepare({ ...base, headers: { ...base.headers } }, attempt)
              : base;
            response = await attemptOnce(prepared, attempt, operation, signal);
          } finally {
            // The limiter's window starts once the gateway has answered (or we gave up on it).
            release?.();
          }
          return interpret(response);
        } catch (caught) {
          if (signal?.aborted) throw abortError(signal);
          error =
            caught instanceof InvError
              ? caught
              : new TransportError(
                  `Unexpected failure in ${provider} ${operation ?? 'request'}: ${describeCause(caught)}`,
                  {
                    provider,
                    cause: caught,
                    secrets,
                  },
                );
        }
        // Interpreters build errors without this transport's secrets, nor this attempt's
        // signatures, which a gateway may echo: both are redacted from what leaves here.
        const attemptSecrets = prepared
          ? requestSecretValues(prepared.path, prepared.headers, prepared.body)
          : [];
        const scrub = errorRedactor([...secrets, ...attemptSecrets]);
        const mayRepeat = idempotent || error instanceof RateLimitedError;
        if (!error.retryable || !mayRepeat || attempt > retries) {
          const gaveUp = attempt > 1 && error.retryable && mayRepeat;
          const final = describeFailure(error, operation, gaveUp ? attempt : undefined, scrub);
          emit({ type: 'error', provider, operation, attempt, error: final });
          throw final;
        }
        error = redactedInvError(error, scrub, isInvError);
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        const hinted = error instanceof RateLimitedError ? error.retryAfterMs : undefined;
        // Full jitter spreads retries of many clients; a provider's Retry-After is a floor.
        const delayMs = Math.min(maxDelayMs, Math.max(hinted ?? 0, Math.round(random() * backoff)));
        emit({ type: 'retry', provider, operation, attempt, delayMs, error });
        await sleep(delayMs, signal);
      }
    },
  };
}

/** A copy of `error` with every occurrence of `text` replaced, or `error` itself when it has none. */
function withoutText(error: unknown, text: string, replacement: string): unknown {
  if (!(error instanceof Error) || text === replacement) return error;
  const mentions = (value: string | undefined): boolean => value?.includes(text) ?? false;
  const nested = (error as { cause?: unknown }).cause;
  const nestedMessage = nested instanceof Error ? nested.message : undefined;
  if (!mentions(error.message) && !mentions(error.stack) && !mentions(nestedMessage)) return error;
  const scrub = (value: string): string => value.split(text).join(replacement);
  const copy = new Error(scrub(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : scrub(error.stack);
  const code =
    (error as { code?: unknown }).code ?? (nested as { code?: unknown } | undefined)?.code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

const isInvError = (value: unknown): value is InvError => value instanceof InvError;

/**
 * Makes the final error say where it happened and how hard we tried: the operation (which chunk or
 * page of a sync) goes into `details.operation` and the message, and the attempt count when retries
 * were exhausted. Interpreters throw without knowing the operation; the transport does know it.
 * The error thrown is a redacted copy: the interpreter's error is never mutated.
 */
function describeFailure(
  error: InvError,
  operation: string | undefined,
  attempts: number | undefined,
  redact: Redactor,
): InvError {
  const known =
    error.details?.operation !== undefined ||
    (operation !== undefined && error.message.includes(operation));
  let message = error.message;
  let details = error.details;
  if (operation !== undefined && !known) {
    message = `${operation}: ${message}`;
    details = { ...details, operation };
  }
  if (attempts !== undefined) message = `${message} (gave up after ${attempts} attempts)`;
  return redactedInvError(error, redact, isInvError, { message, details });
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code =
      (error as { code?: unknown; cause?: { code?: unknown } }).code ??
      (error as { cause?: { code?: unknown } }).cause?.code;
    return code ? `${error.message} (${String(code)})` : error.message;
  }
  return String(error);
}

const NO_SECRETS: Redactor = createRedactor([]);

/** Parses a `Retry-After` header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Standard handling of HTTP statuses a provider does not answer with its own envelope:
 * 429 → {@link RateLimitedError} (honouring Retry-After), 408/5xx → retryable {@link TransportError},
 * other non-2xx → non-retryable {@link TransportError}. Returns nothing for statuses the caller handles.
 */
export function assertHttpStatus(
  response: TransportResponse,
  provider: string,
  handled: readonly number[] = [],
): void {
  const { status } = response;
  if ((status >= 200 && status < 300) || handled.includes(status)) return;
  const snippet = redactBodySnippet(response.text.slice(0, 200).replace(/\s+/g, ' '), NO_SECRETS);
  if (status === 429) {
    throw new RateLimitedError(`${provider} answered HTTP 429 (too many requests)`, {
      provider,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      details: { status },
    });
  }
  throw new TransportError(`${provider} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`, {
    provider,
    status,
    retryable: status === 408 || status >= 500,
  });
}

/**
 * Parses a JSON body exactly ({@link parseExactJson}: numbers a double would change arrive as their
 * text, a repeated key is a `DuplicateKeyError`). An empty, truncated or non-JSON body (an HTML
 * error page from a proxy, a cut connection) is a retryable {@link TransportError}: the request may
 * succeed when repeated.
 */
export function parseJsonResponse(response: TransportResponse, provider: string): unknown {
  const text = response.text;
  if (text.trim() === '') {
    throw new TransportError(`${provider} answered HTTP ${response.status} with an empty body`, {
      provider,
      status: response.status,
      retryable: true,
    });
  }
  try {
    return parseExactJson(text, { provider });
  } catch (cause) {
    if (cause instanceof ResponseShapeError) throw cause;
    const looksHtml = /^\s*</.test(text);
    throw new TransportError(
      `${provider} answered HTTP ${response.status} with ${looksHtml ? 'an HTML page' : 'a body that is not valid JSON'} (${text.length} bytes): ${redactBodySnippet(text.slice(0, 120).replace(/\s+/g, ' '), NO_SECRETS)}`,
      { provider, status: response.status, cause, retryable: true },
    );
  }
}

/**
 * What `parseShape` and `parseOptions` need of a schema: zod's `safeParse` contract, structurally,
 * so a zod schema, a `FastObjectParser` or any validator of the same shape can be passed, and zod
 * stays out of the public types.
 */
export interface SafeParser<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: {
          issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[];
        };
      };
}

/** Validates `input` with a schema; failure is a {@link ResponseShapeError} naming each field path. */
export function parseShape<T>(
  schema: SafeParser<T>,
  input: unknown,
  provider: string,
  what: string,
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ResponseShapeError(
    `${provider} ${what} does not have the documented shape`,
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
    { provider },
  );
}

/** Copies headers, replacing the values of credential headers with {@link REDACTED}. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = isSecretKey(name) ? REDACTED : value;
  return out;
}
