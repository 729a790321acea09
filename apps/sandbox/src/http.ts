import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * A request header. Under @hono/node-server it is read from Node's own parsed headers: the first
 * `c.req.header()` builds a fetch `Headers` (and often a whole `Request`) per request, which the
 * throughput benchmark measured at about a tenth of a signed route's CPU. In `app.request()` tests
 * there is no Node request, so the fetch headers are used.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming?.headers) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
