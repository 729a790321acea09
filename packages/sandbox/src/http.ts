import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'hono';

/** Node's request under @hono/node-server; `undefined` in `app.request()` tests. */
function nodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof Readable ? (incoming as IncomingMessage) : undefined;
}

/**
 * A request header. Under @hono/node-server it is read from Node's own parsed headers: the first
 * `c.req.header()` builds a fetch `Headers` (and often a whole `Request`) per request, which the
 * throughput benchmark measured at about a tenth of a signed route's CPU. In `app.request()` tests
 * there is no Node request, so the fetch headers are used.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeRequest(c);
  if (!incoming?.headers) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The request's headers as received, for the request inspector: Node's parsed object (already
 * built by {@link requestHeader}) under @hono/node-server, so nothing is copied per request.
 */
export function requestHeaders(c: Context): IncomingHttpHeaders | Headers {
  return nodeRequest(c)?.headers ?? c.req.raw.headers;
}

/**
 * Whether the request carries a body. Over HTTP/1.1 only a `Content-Length` above 0 or a
 * `Transfer-Encoding` frames one; in `app.request()` tests the fetch `Request` tells.
 */
export function hasRequestBody(c: Context): boolean {
  const length = requestHeader(c, 'content-length');
  if (requestHeader(c, 'transfer-encoding') !== undefined) return true;
  if (length !== undefined) return Number(length) !== 0;
  return nodeRequest(c) ? false : c.req.raw.body !== null;
}

/**
 * Node's request when the body is read from Node's stream: always for GET and HEAD (a fetch
 * `Request` cannot carry their body, and Kingdee clients send one, docs/protocols/kingdee.md §4), and
 * for a declared length (the app refuses one over its limit before routing). A streamed
 * (chunked) body goes through hono's body limit and `c.req.text()` instead.
 */
export function nodeBodyStream(c: Context): IncomingMessage | undefined {
  const incoming = nodeRequest(c);
  if (!incoming) return undefined;
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return incoming;
  const { headers } = incoming;
  return headers['content-length'] !== undefined && headers['transfer-encoding'] === undefined
    ? incoming
    : undefined;
}

/** Each request's body as read once: its text, or `undefined` when it went past the read's cap. */
const bodies = new WeakMap<Context, Promise<{ text: string; bytes: number } | undefined>>();

/**
 * The request body as UTF-8 text, or `undefined` when it is larger than `maxBytes`. Read once per
 * request and shared (fault rules match on the Winit `action` before the route reads it), so every
 * reader's own `maxBytes` is applied to the one read; the first reader must read with the largest
 * cap any later reader uses (the fault controller reads with the largest limit the app has). From
 * Node's stream where {@link nodeBodyStream} allows: `c.req.text()` builds a fetch `Request`, a web
 * stream and an abort signal per request, about a sixth of the Winit route's CPU under load.
 */
export async function readBody(c: Context, maxBytes: number): Promise<string | undefined> {
  let read = bodies.get(c);
  if (!read) {
    read = readOnce(c, maxBytes);
    bodies.set(c, read);
  }
  const body = await read;
  // Past the first reader's cap: past this one's too when the caps are read largest first.
  if (body === undefined) return undefined;
  return body.bytes > maxBytes ? undefined : body.text;
}

async function readOnce(
  c: Context,
  cap: number,
): Promise<{ text: string; bytes: number } | undefined> {
  const incoming = nodeBodyStream(c);
  if (!incoming) {
    const text = await c.req.text();
    const bytes = Buffer.byteLength(text);
    return bytes > cap ? undefined : { text, bytes };
  }
  if (Number(incoming.headers['content-length'] ?? 0) > cap) return undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      // Past the cap the rest is read and dropped, not the stream destroyed: destroying it resets
      // the connection and the client never sees the refusal.
      if (size <= cap) chunks.push(buffer);
      else chunks.length = 0;
    });
    let ended = false;
    incoming.on('error', reject);
    incoming.on('close', () => {
      if (!ended) reject(new Error('the client closed the request before its body ended'));
    });
    incoming.on('end', () => {
      ended = true;
      if (size > cap) return resolve(undefined);
      const text =
        chunks.length === 1
          ? (chunks[0] as Buffer).toString('utf8')
          : Buffer.concat(chunks).toString('utf8');
      resolve({ text, bytes: size });
    });
  });
}
