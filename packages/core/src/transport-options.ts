import { ConfigError } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { TransportEvent } from './transport-types.js';

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

/** {@link TransportOptions} checked, with every default filled in. */
export interface ResolvedTransportOptions {
  provider: string;
  baseURL: string;
  timeoutMs: number;
  retries: number;
  maxResponseBytes: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

/** Checks the numeric options once, when a transport is created, naming the option on failure. */
export function resolveTransportOptions(options: TransportOptions): ResolvedTransportOptions {
  const baseURL = assertBaseURL(options.baseURL);
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
  return {
    provider: options.provider,
    baseURL,
    timeoutMs,
    retries,
    maxResponseBytes,
    baseDelayMs: options.retry?.baseDelayMs ?? 250,
    maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
    random: options.random ?? Math.random,
  };
}
