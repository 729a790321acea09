import type { RequestEvidence } from './gateway/inspection.js';
import type { StubController } from './gateway/stubs.js';
import type { Replay } from './record/replayer.js';

/** One line of the request log, also served by `/_sandbox/requests`. Never holds a secret. */
export interface RequestLogEntry {
  /** Stable id, counting from 1 over the sandbox's life; `GET /_sandbox/requests/:id` shows it. */
  id: number;
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
  /** The field a gateway check refused (`X-Api-Signature`, `timestamp`), and the rule it broke. */
  field?: string | undefined;
  rule?: string | undefined;
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
  /** Records a verdict for the request log, with what the request inspector may show of it. */
  record(entry: LoggedRequest, evidence?: RequestEvidence): void;
  /**
   * Registers how much of some state a route holds (`kingdee.appTokens`, `winit.answerCacheBytes`),
   * read by `SandboxApp.held()`: tests and the load benchmark check it stays bounded.
   */
  measure(name: string, read: () => number): void;
  /** With `replay`, accepted requests are answered from a recording instead of the endpoints. */
  replay?: Replay | undefined;
}

/** An entry as recorded: the log gives it its id and time. */
export type LoggedRequest = Omit<RequestLogEntry, 'at' | 'id'>;

export interface RequestLog {
  /** The newest entries first, at most `limit`. */
  entries(limit?: number): RequestLogEntry[];
  /** Entries recorded after the one with id `after`, oldest first (a stream resuming). */
  since(after: number): RequestLogEntry[];
  /** One entry and its evidence, while the log still holds it. */
  get(id: number): { entry: RequestLogEntry; evidence: RequestEvidence | undefined } | undefined;
  /** Records an entry that happened at `atMs` (epoch ms; formatted only when read). */
  push(entry: LoggedRequest, atMs: number, evidence?: RequestEvidence): void;
  /** Calls `listener` with each new entry until the returned function is called. */
  subscribe(listener: (entry: RequestLogEntry) => void): () => void;
  clear(): void;
  /** Entries held (at most the capacity). */
  readonly size: number;
}

type Stored = {
  id: number;
  entry: LoggedRequest;
  atMs: number;
  evidence: RequestEvidence | undefined;
};

const format = ({ id, entry, atMs }: Stored): RequestLogEntry => ({
  id,
  at: new Date(atMs).toISOString(),
  ...entry,
});

/**
 * A ring buffer of the last `capacity` requests, so a long-running sandbox does not grow. Ids
 * count on across `clear()`, so entry `id` always sits in slot `(id - 1) % capacity`.
 */
export function createRequestLog(capacity = 500): RequestLog {
  let buffer: (Stored | undefined)[] = new Array(capacity);
  let lastId = 0;
  let size = 0;
  const listeners = new Set<(entry: RequestLogEntry) => void>();
  const at = (id: number): Stored | undefined =>
    id > lastId - size && id <= lastId ? buffer[(id - 1) % capacity] : undefined;
  return {
    entries(limit = capacity) {
      const count = Math.min(limit, size);
      const out: RequestLogEntry[] = [];
      for (let id = lastId; id > lastId - count; id--) out.push(format(at(id) as Stored));
      return out;
    },
    since(after) {
      const out: RequestLogEntry[] = [];
      for (let id = Math.max(after, lastId - size) + 1; id <= lastId; id++) {
        out.push(format(at(id) as Stored));
      }
      return out;
    },
    get(id) {
      const stored = Number.isInteger(id) ? at(id) : undefined;
      return stored && { entry: format(stored), evidence: stored.evidence };
    },
    push(entry, atMs, evidence) {
      lastId += 1;
      const stored: Stored = { id: lastId, entry, atMs, evidence };
      buffer[(lastId - 1) % capacity] = stored;
      size = Math.min(size + 1, capacity);
      if (listeners.size === 0) return;
      const formatted = format(stored);
      for (const listener of listeners) listener(formatted);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      buffer = new Array(capacity);
      size = 0;
    },
    get size() {
      return size;
    },
  };
}
