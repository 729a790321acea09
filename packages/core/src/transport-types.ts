import type { InvError } from './inv-error.js';
import type { Redactor } from './redact.js';

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
