/**
 * Canonical serialisation of the request `data` (DATA), docs/protocols/winit.md §3.
 *
 * Winit's demo SDK signs fastjson output with nulls dropped and keys sorted; any other JSON
 * library must produce the same bytes "or authentication fails" (§3). This module is that
 * serialiser, shared by the client (to sign and send) and the sandbox (to verify).
 */

/** Deepest nesting {@link canonicalJson} follows before refusing; guards against stack exhaustion. */
export const MAX_CANONICAL_DEPTH = 64;

/** Thrown when a value cannot be serialised canonically (too deep, non-finite number, …). */
export class CanonicalDataError extends Error {
  override name = 'CanonicalDataError';
}

/**
 * Compact JSON with object members whose value is `null` (or `undefined`) removed and keys sorted
 * ascending by UTF-16 code unit, at every depth; arrays keep order; non-ASCII written raw (§3).
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalDataError(`${String(value)} cannot be sent as JSON`);
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalDataError(`a ${typeof value} cannot be sent as JSON`);
  }
  if (depth >= MAX_CANONICAL_DEPTH) {
    throw new CanonicalDataError(`data is nested deeper than ${MAX_CANONICAL_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, depth + 1)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  // Default string sort compares UTF-16 code units, which is the order fastjson uses (§3).
  const keys = Object.keys(record)
    .filter((key) => record[key] !== null && record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], depth + 1)}`).join(',')}}`;
}

/** True when `data` signs as the empty string: absent, `null` or a blank string (§3). */
export function isEmptyData(data: unknown): boolean {
  return data === undefined || data === null || (typeof data === 'string' && data.trim() === '');
}

/**
 * DATA of §3: `""` for absent, `null` or blank-string data; otherwise {@link canonicalJson}.
 * `{}` is not empty and gives `"{}"`.
 */
export function canonicalData(data: unknown): string {
  return isEmptyData(data) ? '' : canonicalJson(data);
}
