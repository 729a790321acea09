/**
 * The verification API (`/_sandbox/requests/find`, `/count`, and `sandbox.requests`): which logged
 * requests a test's match selects, so it can assert what its client sent, e.g. "exactly 3 batch
 * queries, none refused".
 */
import { z } from 'zod';
import type { RequestLog, RequestLogEntry } from './context.js';

/** A match on the request log; every field given must hold. The single source of truth. */
export const requestMatchSchema = z
  .object({
    provider: z.enum(['kingdee', 'winit', 'sandbox']).optional(),
    /** The Kingdee path (`/jdy/v2/scm/inventory`) or the Winit action. */
    route: z.string().min(1).optional(),
    /** The Winit action: the same as `route`, by its Winit name. */
    action: z.string().min(1).optional(),
    /** `accepted` (answered by an endpoint), or `refused` (anything else: refusal, fault, error). */
    verdict: z.enum(['accepted', 'refused']).optional(),
    status: z.number().int().min(100).max(599).optional(),
    /**
     * A subset of the Kingdee query parameters or of the Winit `data`: objects match when each key
     * given matches, arrays when each element given matches one of theirs, scalars by their text.
     */
    params: z.record(z.string(), z.unknown()).optional(),
    /** Only requests at or after this instant: an ISO date-time or epoch milliseconds. */
    since: z.union([z.iso.datetime({ offset: true }), z.number().int().min(0)]).optional(),
    /** At most this many entries, newest first (find only). */
    limit: z.number().int().positive().optional(),
  })
  .strict()
  .refine((match) => !(match.route && match.action && match.route !== match.action), {
    error: 'give route or action, not two different values',
    path: ['action'],
  });

export type RequestMatch = z.input<typeof requestMatchSchema>;

/** The verification API over a request log. */
export interface RequestQueries {
  /** Logged requests the match selects, newest first. Throws a ZodError naming a bad field. */
  find(match?: RequestMatch): RequestLogEntry[];
  /** How many logged requests the match selects. */
  count(match?: RequestMatch): number;
  /** Forgets every logged request. */
  clear(): void;
}

/** Whether `value` holds everything `pattern` names (see `requestMatchSchema.params`). */
export function containsSubset(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return (
      Array.isArray(value) && pattern.every((item) => value.some((v) => containsSubset(v, item)))
    );
  }
  if (typeof pattern === 'object' && pattern !== null) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    return Object.entries(pattern).every(
      ([key, item]) => Object.hasOwn(record, key) && containsSubset(record[key], item),
    );
  }
  if (pattern === null || value === null) return pattern === value;
  // Kingdee query values are text: `{ page: 1 }` matches `page=1`.
  return typeof value !== 'object' && String(value) === String(pattern);
}

type ParsedMatch = z.output<typeof requestMatchSchema>;

function matches(entry: RequestLogEntry, match: ParsedMatch, sinceMs: number): boolean {
  const route = match.route ?? match.action;
  if (match.provider !== undefined && entry.provider !== match.provider) return false;
  if (route !== undefined && entry.route !== route) return false;
  if (match.status !== undefined && entry.status !== match.status) return false;
  if (match.verdict !== undefined) {
    const accepted = entry.verdict.startsWith('accepted');
    if (accepted !== (match.verdict === 'accepted')) return false;
  }
  if (Date.parse(entry.at) < sinceMs) return false;
  return match.params === undefined || containsSubset(entry.params, match.params);
}

/** Selects from `log` with a parsed match. */
export function findRequests(log: RequestLog, match: ParsedMatch): RequestLogEntry[] {
  const sinceMs =
    match.since === undefined
      ? Number.NEGATIVE_INFINITY
      : typeof match.since === 'number'
        ? match.since
        : Date.parse(match.since);
  const found = log.entries().filter((entry) => matches(entry, match, sinceMs));
  return match.limit === undefined ? found : found.slice(0, match.limit);
}

/** The in-process verification API of a sandbox. */
export function requestQueries(log: RequestLog): RequestQueries {
  return {
    find: (match = {}) => findRequests(log, requestMatchSchema.parse(match)),
    count: (match = {}) =>
      findRequests(log, { ...requestMatchSchema.parse(match), limit: undefined }).length,
    clear: () => log.clear(),
  };
}
