/**
 * What a recorded exchange is found by. Left out: everything that changes on every call or
 * depends on the caller's credentials — timestamps, nonces, signatures, app keys and tokens — so
 * a recording made with real credentials replays for a client configured with the sandbox's.
 * Kingdee: method + path + canonical query (docs/protocols/kingdee.md §4, §5); Winit: action +
 * canonical data (docs/protocols/winit.md §3).
 */
import { canonicalData } from '@inv/winit-protocol';

export interface MatchKey {
  provider: 'kingdee' | 'winit';
  /** `METHOD /path` for Kingdee, the action for Winit. */
  route: string;
  /** Sorted `[name, value]` pairs: decoded query parameters, or `data`'s top-level fields. */
  params: readonly (readonly [string, string])[];
}

/** Query parameters that carry a signature, a nonce, a time or a credential (§4, §5.3, §6). */
const KINGDEE_UNMATCHED = new Set([
  'app_key',
  'app_signature',
  'signature',
  'sign',
  'timestamp',
  'nonce',
  'client_id',
  'client_secret',
  'access_token',
  'app-token',
  'outerInstanceId',
]);

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** Kingdee's key: the decoded query without signature, time and credential parameters, sorted. */
export function kingdeeMatchKey(method: string, path: string, rawQuery: string): MatchKey {
  const params: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = decode(at === -1 ? part : part.slice(0, at));
    if (KINGDEE_UNMATCHED.has(name)) continue;
    params.push([name, at === -1 ? '' : decode(part.slice(at + 1))]);
  }
  return {
    provider: 'kingdee',
    route: `${method.toUpperCase()} ${path}`,
    params: sortPairs(params),
  };
}

/** Winit's key: the action and `data`, canonical (§3); the envelope's other fields are left out. */
export function winitMatchKey(action: string, data: unknown): MatchKey {
  const params: [string, string][] =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? Object.entries(data).map(([name, value]) => [name, canonicalData(value)])
      : [['data', canonicalData(data)]];
  return { provider: 'winit', route: action, params: sortPairs(params) };
}

/** The key as one string, what recordings are looked up by. */
export function matchKeyText(key: MatchKey): string {
  const params = key.params
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${key.provider} ${key.route}${params ? ` ?${params}` : ''}`;
}

/**
 * How alike two keys are: -Infinity across providers or routes, otherwise the number of equal
 * parameters minus the number that differ or are missing on either side.
 */
export function likeness(a: MatchKey, b: MatchKey): number {
  if (a.provider !== b.provider || a.route !== b.route) return Number.NEGATIVE_INFINITY;
  const theirs = new Map(b.params);
  let score = 0;
  for (const [name, value] of a.params) score += theirs.get(name) === value ? 1 : -1;
  for (const [name] of b.params) if (!a.params.some(([own]) => own === name)) score -= 1;
  return score;
}

const sortPairs = (pairs: [string, string][]): [string, string][] =>
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
