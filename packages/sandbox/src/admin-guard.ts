import type { Context, MiddlewareHandler } from 'hono';
import { hasRequestBody, requestHeader } from './http.js';

export interface AdminGuardOptions {
  /**
   * Host names (optionally `name:port`) admin requests may carry besides the loopback ones, e.g.
   * a container's service name. A name without a port matches any port.
   */
  allowedHosts?: readonly string[] | undefined;
  /** Cross-origin browser requests allowed on admin routes: `true` any origin, or these origins. */
  cors?: boolean | readonly string[] | undefined;
}

/** Host names every sandbox answers admin requests for, with any port. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Refusal {
  status: 403 | 415;
  error: string;
  message: string;
  expected: string;
  fix: string;
}

/** `host[:port]` split into a lower-case host name (IPv6 in brackets) and its port, or undefined. */
function splitHost(value: string): { name: string; port: string | undefined } | undefined {
  const text = value.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^[\]:/\s@]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return undefined;
  // A trailing dot names the same host ("localhost." is localhost).
  const name = (match[1] as string).replace(/\.$/, '');
  return name === '' ? undefined : { name, port: match[2] };
}

/** An address as it appears in a Host header: IPv6 addresses go in brackets. */
export function hostOfAddress(address: string): string {
  const ipv6 = address.indexOf(':') !== address.lastIndexOf(':');
  return ipv6 && !address.startsWith('[') ? `[${address}]` : address;
}

/** Normalises `--cors` origins; throws a RangeError naming the entry that is not an origin. */
export function parseOrigins(origins: readonly string[]): Set<string> {
  const parsed = new Set<string>();
  for (const origin of origins) {
    if (origin === 'null') {
      parsed.add(origin);
      continue;
    }
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    const bare = url?.pathname === '/' && url.search === '' && url.hash === '';
    if (!url || !/^https?:$/.test(url.protocol) || !bare) {
      throw new RangeError(
        `cors origin "${origin}" is not an origin: expected http(s)://host[:port], e.g. http://localhost:3000`,
      );
    }
    parsed.add(url.origin);
  }
  return parsed;
}

/**
 * Guards the admin routes (`/_sandbox/*`) against web pages: they change the data and the fault
 * rules without authentication, so a page must neither drive them cross-site nor read them through
 * DNS rebinding. Admin requests are accepted only with a loopback or configured Host, from the
 * sandbox's own origin (or one `cors` allows), and writes with a body only as `application/json`,
 * which no cross-site "simple" request can send without a preflight.
 */
export function adminGuard(options: AdminGuardOptions = {}): MiddlewareHandler {
  const allowed = new Map<string, string | undefined>();
  const exact = new Set<string>();
  for (const entry of [...LOOPBACK_HOSTS, ...(options.allowedHosts ?? [])]) {
    const host = splitHost(hostOfAddress(entry));
    if (!host) {
      throw new RangeError(
        `allowed host "${entry}" is not a host name: expected name or name:port, e.g. sandbox:4010`,
      );
    }
    if (host.port === undefined) allowed.set(host.name, undefined);
    else exact.add(`${host.name}:${host.port}`);
  }
  const cors = options.cors;
  const origins = Array.isArray(cors) ? parseOrigins(cors) : new Set<string>();
  const corsAllows = (origin: string): boolean => cors === true || origins.has(origin);

  const check = (c: Context): Refusal | undefined => {
    const hostHeader = requestHeader(c, 'host') ?? new URL(c.req.url).host;
    const host = splitHost(hostHeader);
    if (!host || !(allowed.has(host.name) || exact.has(`${host.name}:${host.port}`))) {
      return {
        status: 403,
        error: 'host_not_allowed',
        message: `Host ${hostHeader} is not allowed for admin routes; the sandbox answers admin requests for loopback hosts or those given with --allowed-host`,
        expected: `Host ${LOOPBACK_HOSTS.join(', ')} (any port)${options.allowedHosts?.length ? ` or ${options.allowedHosts.join(', ')}` : ''}`,
        fix: 'call the sandbox at http://127.0.0.1:<port>; if this name is yours (a container or CI service name), start the sandbox with --allowed-host <name> (allowedHosts option)',
      };
    }
    const origin = requestHeader(c, 'origin');
    const site = requestHeader(c, 'sec-fetch-site');
    const own = origin !== undefined && sameOrigin(origin, hostHeader);
    const crossOrigin = origin !== undefined ? !own : site === 'cross-site';
    if (crossOrigin && !(origin !== undefined ? corsAllows(origin) : cors === true)) {
      const from = origin ?? 'another site (Sec-Fetch-Site: cross-site)';
      return {
        status: 403,
        error: 'cross_origin_refused',
        message: `a request from ${from} is not allowed for admin routes; the sandbox answers admin requests from its own origin only, unless --cors allows the origin`,
        expected: `no Origin header (curl, test code) or Origin http://${hostHeader}`,
        fix:
          origin === undefined
            ? 'call admin routes from test code or the command line, not from a web page'
            : `if the page at ${origin} is yours, start the sandbox with --cors ${origin} (cors option)`,
      };
    }
    if (!WRITE_METHODS.has(c.req.method)) return undefined;
    const contentType = requestHeader(c, 'content-type');
    const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
    if (mediaType === 'application/json') return undefined;
    if (contentType === undefined && !hasRequestBody(c)) return undefined;
    return {
      status: 415,
      error: 'unsupported_media_type',
      message: `${c.req.method} ${c.req.path} takes a JSON body, not ${contentType === undefined ? 'a body without Content-Type' : `Content-Type ${contentType}`}`,
      expected: 'Content-Type: application/json',
      fix: "send the body with the header 'Content-Type: application/json' (curl: -H 'content-type: application/json')",
    };
  };

  return async (c, next) => {
    const refusal = check(c);
    if (!refusal) return next();
    const { status, ...body } = refusal;
    return c.json(body, status);
  };
}

/** Whether an Origin header names the origin the request was sent to. */
function sameOrigin(origin: string, host: string): boolean {
  const lower = origin.toLowerCase();
  const target = host.toLowerCase();
  return lower === `http://${target}` || lower === `https://${target}`;
}
