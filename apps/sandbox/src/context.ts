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
  ms: number;
}

/** Shared state handed to every provider route module. */
export interface SandboxContext {
  /** Milliseconds since the epoch; frozen in tests to replay documented examples. */
  now(): number;
  /** Records a verdict for the request log. */
  record(entry: Omit<RequestLogEntry, 'at'>): void;
}

export interface RequestLog {
  entries(limit?: number): RequestLogEntry[];
  push(entry: RequestLogEntry): void;
  clear(): void;
}

/** A ring buffer of the last `capacity` requests, so a long-running sandbox does not grow. */
export function createRequestLog(capacity = 500): RequestLog {
  let buffer: (RequestLogEntry | undefined)[] = new Array(capacity);
  let next = 0;
  let size = 0;
  return {
    entries(limit = capacity) {
      const count = Math.min(limit, size);
      const out: RequestLogEntry[] = [];
      for (let i = 1; i <= count; i++) {
        out.push(buffer[(next - i + capacity) % capacity] as RequestLogEntry);
      }
      return out;
    },
    push(entry) {
      buffer[next] = entry;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
    },
    clear() {
      buffer = new Array(capacity);
      next = 0;
      size = 0;
    },
  };
}
