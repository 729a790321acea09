/**
 * `--record FILE --upstream kingdee=URL --upstream winit=URL`: every gateway request is forwarded
 * unchanged to the real gateway and the exchange appended to FILE, redacted (redact.ts). The
 * sandbox does not verify signatures while recording: the client signs with the real gateway's
 * credentials, which the sandbox does not know, and the upstream is the judge. A provider without
 * an upstream is answered by the sandbox itself.
 */
import { appendFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { SandboxContext } from '../context.js';
import { gatewayAnswers, gatewayOf } from '../envelopes.js';
import { nodeBodyStream } from '../http.js';
import { kingdeeMatchKey, type MatchKey, winitMatchKey } from './match-key.js';
import { RECORDING_VERSION, type RecordedExchange } from './recording-schema.js';
import { redactHeaders, redactJsonText, redactQuery } from './redact.js';
import { endToEndHeaders, forward } from './upstream.js';

export interface RecordOptions {
  /** The recording file (JSON lines); exchanges are appended. */
  file: string;
  /** Base URL of each real gateway, e.g. `https://api.kingdee.com`, `https://openapi.winit.com.cn`. */
  upstream: { kingdee?: string | undefined; winit?: string | undefined };
}

/** Middleware forwarding gateway requests to their upstream and recording each exchange. */
export function recordingMiddleware(
  context: SandboxContext,
  options: RecordOptions,
  maxBodyBytes: number,
): MiddlewareHandler {
  // One write after the other: lines of concurrent exchanges never interleave.
  let writing: Promise<void> = Promise.resolve();
  return async (c, next) => {
    const provider = gatewayOf(c.req.path);
    const base = provider ? options.upstream[provider] : undefined;
    if (!provider || !base) return next();
    const started = performance.now();
    const body = await readBytes(c, maxBodyBytes);
    if (!body) return gatewayAnswers.bodyTooLarge(provider, maxBodyBytes);
    const target = targetOf(c);
    const at = target.indexOf('?');
    const path = at === -1 ? target : target.slice(0, at);
    const query = at === -1 ? '' : target.slice(at + 1);
    const headers = endToEndHeaders(requestHeaders(c));
    const log = (status: number, verdict: string, route = path): void =>
      context.record({
        provider,
        method: c.req.method,
        route,
        status,
        verdict,
        ms: performance.now() - started,
      });
    let answer: Awaited<ReturnType<typeof forward>>;
    try {
      answer = await forward(base, { method: c.req.method, target, headers, body });
    } catch (error) {
      log(200, `upstream ${base} failed: ${(error as Error).message}`);
      return gatewayAnswers.systemError(provider);
    }
    const bodyText = Buffer.from(body).toString('utf8');
    const key =
      provider === 'kingdee' ? kingdeeMatchKey(c.req.method, path, query) : winitKeyOf(bodyText);
    const exchange: RecordedExchange = {
      version: RECORDING_VERSION,
      provider,
      route: key.route,
      params: key.params.map(([name, value]) => [name, value]),
      request: {
        method: c.req.method,
        path,
        query: redactQuery(query),
        headers: redactHeaders(headers),
        body: redactJsonText(bodyText),
      },
      answer: {
        status: answer.status,
        headers: redactHeaders(answer.headers),
        body: redactJsonText(answer.body.toString('utf8')),
      },
    };
    writing = writing.then(() => appendFile(options.file, `${JSON.stringify(exchange)}\n`));
    await writing;
    log(answer.status, `recorded from ${base}`, provider === 'winit' ? key.route : path);
    return new Response(new Uint8Array(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  };
}

/** Winit's key from the raw body, read as the gateway reads it (request.ts); unreadable bodies share one key. */
function winitKeyOf(text: string): MatchKey {
  try {
    const envelope = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    return winitMatchKey(String(envelope.action ?? ''), envelope.data);
  } catch {
    return { provider: 'winit', route: '(unreadable body)', params: [] };
  }
}

function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** Path and query text exactly as received (Node's raw request target under @hono/node-server). */
function targetOf(c: Context): string {
  const raw = incomingOf(c)?.url;
  if (typeof raw === 'string') return raw;
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

function requestHeaders(c: Context): Record<string, string> {
  const incoming = incomingOf(c);
  if (incoming?.headers) return endToEndHeaders(incoming.headers);
  return Object.fromEntries(c.req.raw.headers);
}

/** The body's bytes, or `undefined` past `maxBytes`. */
async function readBytes(c: Context, maxBytes: number): Promise<Uint8Array | undefined> {
  const stream = nodeBodyStream(c);
  let bytes: Uint8Array;
  if (stream) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    bytes = Buffer.concat(chunks);
  } else {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  }
  return bytes.length > maxBytes ? undefined : bytes;
}
