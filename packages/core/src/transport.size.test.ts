/**
 * Bounded client memory (issue #18.3): over real HTTP on 127.0.0.1, an answer larger than
 * `maxResponseBytes` fails fast with a typed, non-retryable error, whether it declares its length
 * or streams forever, and the client stops reading at the limit.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ResponseTooLargeError } from './errors.js';
import { createTransport } from './transport.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './transport-options.js';
import type { TransportEvent } from './transport-types.js';

const CHUNK = Buffer.alloc(64 * 1024, 'x');
let server: Server;
let baseURL: string;
/** Bytes the endless route managed to write before the client went away, per request. */
const written: number[] = [];
const closed: Promise<void>[] = [];
let hits = 0;

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let count = 0;
  let done!: () => void;
  closed.push(new Promise<void>((resolve) => (done = resolve)));
  const pump = (): void => {
    // Write until the socket pushes back, then wait for drain: a stream that never ends.
    while (!res.destroyed && res.write(CHUNK)) count += CHUNK.length;
    if (!res.destroyed) count += CHUNK.length;
  };
  res.on('drain', pump);
  res.on('close', () => {
    written.push(count);
    done();
  });
  pump();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/endless') return endless(res);
    if (path === '/declared') {
      // Claims a huge body and sends a little: refused from the header, before reading.
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('{"a":');
      return;
    }
    if (path === '/exact') return void res.writeHead(200).end('x'.repeat(1000));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const text = (response: { text: string }): string => response.text;

describe('maxResponseBytes', () => {
  it('stops an endless chunked answer at the limit with a typed, non-retryable error', async () => {
    const limit = 1024 * 1024;
    const events: TransportEvent[] = [];
    const transport = createTransport({
      provider: 'demo',
      baseURL,
      maxResponseBytes: limit,
      retry: { retries: 3, baseDelayMs: 1 },
      secrets: ['s3cr3t-value'],
      onEvent: (event) => events.push(event),
    });
    hits = 0;
    const error = await transport
      .request({ method: 'GET', path: '/endless?sign=s3cr3t-value&x=1' }, text)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    const tooLarge = error as ResponseTooLargeError;
    expect(tooLarge).toMatchObject({
      code: 'INV_RESPONSE_TOO_LARGE',
      retryable: false,
      limitBytes: limit,
      status: 200,
    });
    // The client kept at most the limit plus the chunk that crossed it.
    expect(tooLarge.receivedBytes).toBeGreaterThan(limit);
    expect(tooLarge.receivedBytes).toBeLessThanOrEqual(limit + CHUNK.length);
    expect(tooLarge.message).toContain(`over the limit of ${limit}`);
    expect(tooLarge.message).toContain('maxResponseBytes');
    expect(tooLarge.message).toContain(`${baseURL}/endless?sign=[REDACTED]&x=1`);
    expect(JSON.stringify(tooLarge)).not.toContain('s3cr3t-value');
    // Not repeated: the same request would get the same answer.
    expect(hits).toBe(1);
    expect(events.filter((event) => event.type === 'retry')).toEqual([]);
    // The connection was closed: the server stopped writing, bounded by what the socket buffered.
    await closed.at(-1);
    expect(written.at(-1)).toBeLessThan(limit + 16 * 1024 * 1024);
  });

  it('refuses a declared Content-Length above the limit before reading the body', async () => {
    const transport = createTransport({ provider: 'demo', baseURL, maxResponseBytes: 1024 });
    const error = await transport
      .request({ method: 'GET', path: '/declared' }, text)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ receivedBytes: 10 * 1024 * 1024, limitBytes: 1024 });
    expect((error as Error).message).toMatch(/declared 10485760 bytes/);
  });

  it('reads an answer of exactly the limit', async () => {
    const transport = createTransport({ provider: 'demo', baseURL, maxResponseBytes: 1000 });
    await expect(transport.request({ method: 'GET', path: '/exact' }, text)).resolves.toHaveLength(
      1000,
    );
  });

  it('defaults to 32 MiB and refuses a limit that is not a positive whole number', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(32 * 1024 * 1024);
    for (const maxResponseBytes of [0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => createTransport({ provider: 'demo', baseURL, maxResponseBytes })).toThrow(
        ConfigError,
      );
    }
  });
});
