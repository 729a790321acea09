import type { StubController } from './gateway/stubs.js';
import type { Replay } from './record/replayer.js';

/** One line of the request log, also served by `/_sandbox/requests`. Never holds a secret. */
export interface RequestLogEntry {
  at: string;
  provider: 'kingdee' | 'winit' | 'sandbox';
  method: string;
  /** Path, or `action` for Winit. */
  route: string;
  status: number;
  /** `accepted`, or the refusal reason (which field, which rule, what was expected). */
  verdict: string;
  /** Provider code of a refusal (`4008`, `1004`, …). */
  code?: string | undefined;
  /** The client signing mistake the sandbox diagnosed (`double-encoded-values`), issue #16. */
  mistake?: string | undefined;
  /**
   * What the verification API matches on: the Kingdee query parameters (signatures left out) or
   * the Winit `data` (up to 4 KiB of canonical text), when the request was read that far.
   */
  params?: Readonly<Record<string, unknown>> | undefined;
  ms: number;
}

/** Shared state handed to every provider route module. */
export interface SandboxContext {
  /** Stubbed answers of verified requests, asked after the checks and before the endpoint. */
  stubs?: StubController | undefined;
  /** Milliseconds since the epoch; frozen in tests to replay documented examples. */
  now(): number;
  /** Records a verdict for the request log. */
  record(entry: Omit<RequestLogEntry, 'at'>): void;
  /**
   * Registers how much of some state a route holds (`kingdee.appTokens`, `winit.answerCacheBytes`),
   * read by `SandboxApp.held()`: tests and the load benchmark check it stays bounded.
   */
  measure(name: string, read: () => number): void;
  /** With `replay`, accepted requests are answered from a recording instead of the endpoints. */
  replay?: Replay | undefined;
}

export interface RequestLog {
  /** The newest entries first, at most `limit`. */
  entries(limit?: number): RequestLogEntry[];
  /** Records an entry that happened at `atMs` (epoch ms; formatted only when read). */
  push(entry: Omit<RequestLogEntry, 'at'>, atMs: number): void;
  clear(): void;
  /** Entries held (at most the capacity). */
  readonly size: number;
}

type Stored = { entry: Omit<RequestLogEntry, 'at'>; atMs: number };

/** A ring buffer of the last `capacity` requests, so a long-running sandbox does not grow. */
export function createRequestLog(capacity = 500): RequestLog {
  let buffer: (Stored | undefined)[] = new Array(capacity);
  let next = 0;
  let size = 0;
  return {
    entries(limit = capacity) {
      const count = Math.min(limit, size);
      const out: RequestLogEntry[] = [];
      for (let i = 1; i <= count; i++) {
        const { entry, atMs } = buffer[(next - i + capacity) % capacity] as Stored;
        out.push({ at: new Date(atMs).toISOString(), ...entry });
      }
      return out;
    },
    push(entry, atMs) {
      buffer[next] = { entry, atMs };
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
    },
    clear() {
      buffer = new Array(capacity);
      next = 0;
      size = 0;
    },
    get size() {
      return size;
    },
  };
}
