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
  let buffer: RequestLogEntry[] = [];
  return {
    entries(limit = capacity) {
      return buffer.slice(-limit).reverse();
    },
    push(entry) {
      buffer.push(entry);
      if (buffer.length > capacity) buffer = buffer.slice(-capacity);
    },
    clear() {
      buffer = [];
    },
  };
}
