/**
 * Reading a Kingdee request (docs/protocols/kingdee.md §7 #1–#2): its route and method, and the raw
 * query text the signature is rebuilt from. The record is filled in by the checks that follow.
 */
import { KINGDEE_PATHS } from '@inv/kingdee-protocol';
import type { Context } from 'hono';
import { clip, type Refusal } from '../../gateway/refusal.js';
import { gatewayRefusal } from './envelope.js';
import type { IssuedToken } from './tokens.js';

export type KingdeeEndpoint = 'pushAppAuthorize' | 'authToken' | 'invSynchronous' | 'scmInventory';

interface Route {
  method: 'GET' | 'POST';
  endpoint: KingdeeEndpoint;
  /** Business paths need `X-GW-Router-Addr` and an app-token (§7 #8–#10). */
  business: boolean;
}

const ROUTES: Readonly<Record<string, Route>> = {
  [KINGDEE_PATHS.pushAppAuthorize]: {
    method: 'POST',
    endpoint: 'pushAppAuthorize',
    business: false,
  },
  [KINGDEE_PATHS.authToken]: { method: 'GET', endpoint: 'authToken', business: false },
  [KINGDEE_PATHS.invSynchronous]: { method: 'GET', endpoint: 'invSynchronous', business: true },
  [KINGDEE_PATHS.scmInventory]: { method: 'GET', endpoint: 'scmInventory', business: true },
};

/** One request as the checks see it; each check fills in what it established. */
export interface KingdeeRequest {
  c: Context;
  method: string;
  path: string;
  route: Route;
  rawQuery: string;
  /** The sandbox clock when the request was read: every check uses the same instant. */
  now: number;
  /** Set by `identify`. */
  clientId: string;
  secret: string;
  /** Set by `checkClock`. */
  timestamp: string;
  /** Set by `checkReplay`. */
  nonce: string;
  /** Set by `verifySignature`: the canonical query it signed, for the request inspector. */
  canonicalQuery: string | undefined;
  /** Set by `checkSession` on business paths. */
  session: IssuedToken | undefined;
  /** Set by `readParams` when it read a body (a GET's parameters, a POST's), for the inspector. */
  body: string | undefined;
}

/** §7 #1–#2: a known path, with its method. */
export function readKingdeeRequest(c: Context, now: number): KingdeeRequest | Refusal {
  const method = c.req.method.toUpperCase();
  const path = c.req.path;
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (!route) {
    return gatewayRefusal(
      '5001',
      'path',
      `${clip(path)} is no API (API_NOT_FOUND)`,
      `one of ${Object.keys(ROUTES).join(', ')}`,
    );
  }
  if (method !== route.method) {
    return gatewayRefusal(
      '5002',
      'method',
      `is not allowed (METHOD_NOT_ALLOWED): ${path} takes ${route.method}, not ${clip(method)}`,
    );
  }
  return {
    c,
    method,
    path,
    route,
    rawQuery: rawQueryOf(c),
    now,
    clientId: '',
    secret: '',
    timestamp: '',
    nonce: '',
    canonicalQuery: undefined,
    session: undefined,
    body: undefined,
  };
}

/**
 * The query text exactly as received. Node's raw request target is used when the app runs under
 * `@hono/node-server`, so nothing is normalised before the signature is rebuilt (§5.3).
 */
function rawQueryOf(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming;
  const target = typeof incoming?.url === 'string' ? incoming.url : c.req.url;
  const at = target.indexOf('?');
  if (at === -1) return '';
  const hash = target.indexOf('#', at);
  return target.slice(at + 1, hash === -1 ? undefined : hash);
}
