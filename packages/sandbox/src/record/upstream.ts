/**
 * Forwarding one request to a real gateway unchanged: method, path, query text and body byte for
 * byte, every header but the hop-by-hop ones (RFC 9110 §7.6.1) and Host. Node's http client is
 * used rather than fetch: Kingdee clients send GET requests with a body (docs/protocols/kingdee.md
 * §4), which fetch cannot send.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface ForwardedRequest {
  method: string;
  /** Path and query text as received, e.g. `/jdy/v2/scm/inventory?page=1`. */
  target: string;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/** The end-to-end headers of a request or answer (lower-case names). */
export function endToEndHeaders(
  headers: IncomingHttpHeaders | Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower)) continue;
    out[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Sends `forwarded` to `base` (scheme, host and an optional path prefix) and reads the answer. */
export function forward(base: string, forwarded: ForwardedRequest): Promise<UpstreamAnswer> {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        method: forwarded.method,
        path: `${prefix}${forwarded.target}`,
        headers: {
          ...endToEndHeaders(forwarded.headers),
          ...(forwarded.body.length > 0 ? { 'content-length': String(forwarded.body.length) } : {}),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          try {
            resolve(decoded(incoming.statusCode ?? 502, endToEndHeaders(incoming.headers), chunks));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(forwarded.body.length > 0 ? forwarded.body : undefined);
  });
}

/**
 * The answer with its content-coding undone: the client's Accept-Encoding is forwarded unchanged,
 * but the recording must hold (and redact) the JSON text, and the client gets it uncompressed.
 */
function decoded(
  status: number,
  headers: Record<string, string>,
  chunks: Buffer[],
): UpstreamAnswer {
  const { 'content-encoding': coding, ...rest } = headers;
  const body = Buffer.concat(chunks);
  const decode = DECODERS[(coding ?? 'identity').trim().toLowerCase()];
  if (!decode) throw new Error(`the upstream answered in an unknown content-coding "${coding}"`);
  return { status, headers: rest, body: decode(body) };
}

const DECODERS: Readonly<Record<string, (body: Buffer) => Buffer>> = {
  identity: (body) => body,
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};
