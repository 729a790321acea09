import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, TimeoutError, TransportError } from './errors.js';
import { assertHttpStatus, parseJsonResponse } from './interpret-response.js';
import { createRateLimiter } from './rate-limiter.js';
import { createTransport } from './transport.js';
import type { TransportEvent, TransportResponse } from './transport-types.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let baseURL: string;
const handlers = new Map<string, Handler>();
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const handler = handlers.get(path);
      if (handler) handler(req, res, body);
      else res.writeHead(404).end('nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void => {
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(value));
};
const interpret = (res: TransportResponse): unknown => {
  assertHttpStatus(res, 'demo');
  return parseJsonResponse(res, 'demo');
};
const fast = { retries: 3, baseDelayMs: 1, maxDelayMs: 20 };

describe('createTransport', () => {
  it('sends the raw query text and body verbatim, and calls prepare before each attempt', async () => {
    let seen: { url?: string; body?: string; sig?: string } = {};
    handlers.set('/echo', (req, res, body) => {
      seen = { url: req.url, body, sig: String(req.headers['x-sig']) };
      json(res, 200, { ok: true });
    });
    const attempts: number[] = [];
    const transport = createTransport({ provider: 'demo', baseURL });
    const result = await transport.request(
      {
        method: 'POST',
        path: '/echo?b=2&a=%253D+x',
        body: '{"z":1,"a":2}',
        prepare: (req, attempt) => {
          attempts.push(attempt);
          return { ...req, headers: { ...req.headers, 'x-sig': `s${attempt}` } };
        },
      },
      interpret,
    );
    expect(result).toEqual({ ok: true });
    expect(seen).toEqual({ url: '/echo?b=2&a=%253D+x', body: '{"z":1,"a":2}', sig: 's1' });
    expect(attempts).toEqual([1]);
  });

  it('retries 5xx and truncated bodies on idempotent calls, re-signing each attempt', async () => {
    let n = 0;
    handlers.set('/flaky', (req, res) => {
      n++;
      if (n === 1) return json(res, 503, { error: 'down' });
      if (n === 2)
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"rows":[1,2');
      json(res, 200, { rows: [1, 2, 3], sig: req.headers['x-sig'] });
    });
    const events: TransportEvent[] = [];
    const transport = createTransport({
      provider: 'demo',
      baseURL,
      retry: fast,
      onEvent: (e) => events.push(e),
    });
    const result = await transport.request(
      {
        method: 'GET',
        path: '/flaky',
        prepare: (req, attempt) => ({ ...req, headers: { 'x-sig': `s${attempt}` } }),
      },
      interpret,
    );
    expect(result).toEqual({ rows: [1, 2, 3], sig: 's3' });
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('does not repeat a non-idempotent POST after a 5xx', async () => {
    hits.delete('/post-fail');
    handlers.set('/post-fail', (_req, res) => json(res, 500, {}));
    const transport = createTransport({ provider: 'demo', baseURL, retry: fast });
    await expect(
      transport.request({ method: 'POST', path: '/post-fail', body: '{}' }, interpret),
    ).rejects.toBeInstanceOf(TransportError);
    expect(hits.get('/post-fail')).toBe(1);
  });

  it('retries a throttled POST and honours Retry-After as a floor', async () => {
    let n = 0;
    handlers.set('/throttled', (_req, res) => {
      n++;
      if (n === 1) return json(res, 429, {}, { 'retry-after': '0.05' });
      json(res, 200, { ok: n });
    });
    const events: TransportEvent[] = [];
    const transport = createTransport({
      provider: 'demo',
      baseURL,
      retry: { ...fast, maxDelayMs: 1000 },
      random: () => 0,
      onEvent: (e) => events.push(e),
    });
    await expect(
      transport.request({ method: 'POST', path: '/throttled', body: '{}' }, interpret),
    ).resolves.toEqual({ ok: 2 });
    const retry = events.find((e) => e.type === 'retry');
    expect(retry && 'delayMs' in retry ? retry.delayMs : -1).toBe(50);
  });

  it('gives up after the configured retries with a typed error that says so', async () => {
    hits.delete('/down');
    handlers.set('/down', (_req, res) => json(res, 502, {}));
    const transport = createTransport({
      provider: 'demo',
      baseURL,
      retry: { ...fast, retries: 2 },
    });
    const error = await transport
      .request({ method: 'GET', path: '/down' }, interpret)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).status).toBe(502);
    expect((error as Error).message).toMatch(/gave up after 3 attempts/);
    expect(hits.get('/down')).toBe(3);
  });

  it('sends through a custom fetch when one is given', async () => {
    const seen: string[] = [];
    const transport = createTransport({
      provider: 'demo',
      baseURL: 'http://gateway.invalid',
      fetch: async (input) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return new Response('{"via":"custom"}', { status: 200 });
      },
    });
    await expect(transport.request({ method: 'GET', path: '/x?a=1' }, interpret)).resolves.toEqual({
      via: 'custom',
    });
    expect(seen).toEqual(['http://gateway.invalid/x?a=1']);
  });

  it('holds a sliding-window slot until the gateway answers, so slow answers never overrun it', async () => {
    const arrivals: number[] = [];
    handlers.set('/counted', (_req, res) => {
      arrivals.push(performance.now());
      // Answers take longer than the window: a limiter counting from the send would overrun.
      setTimeout(() => json(res, 200, {}), 60);
    });
    const transport = createTransport({
      provider: 'demo',
      baseURL,
      rateLimiter: createRateLimiter({
        limit: 2,
        intervalMs: 50,
        strategy: 'sliding-window',
        now: () => performance.now(),
      }),
    });
    await Promise.all(
      Array.from({ length: 6 }, () =>
        transport.request({ method: 'GET', path: '/counted' }, interpret),
      ),
    );
    expect(arrivals).toHaveLength(6);
    for (const at of arrivals) {
      expect(arrivals.filter((t) => t > at - 49 && t <= at).length).toBeLessThanOrEqual(2);
    }
  });

  it('times out a slow attempt with a TimeoutError', async () => {
    handlers.set('/slow', (_req, res) => {
      setTimeout(() => json(res, 200, {}), 500);
    });
    const transport = createTransport({
      provider: 'demo',
      baseURL,
      timeoutMs: 30,
      retry: { retries: 0 },
    });
    await expect(
      transport.request({ method: 'GET', path: '/slow' }, interpret),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('stops at once when the caller aborts, with the caller reason', async () => {
    handlers.set('/hang', () => undefined);
    const transport = createTransport({ provider: 'demo', baseURL });
    const controller = new AbortController();
    const pending = transport.request(
      { method: 'GET', path: '/hang', signal: controller.signal },
      interpret,
    );
    setTimeout(() => controller.abort(new Error('user cancelled')), 10);
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('maps a refused connection to a retryable TransportError without leaking secrets', async () => {
    const transport = createTransport({
      provider: 'demo',
      baseURL: 'http://127.0.0.1:9',
      retry: { retries: 0 },
      secrets: ['my-secret-token'],
    });
    const error = await transport
      .request({ method: 'GET', path: '/x?token=my-secret-token' }, interpret)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).retryable).toBe(true);
    expect(JSON.stringify(error)).not.toContain('my-secret-token');
    expect((error as Error).message).not.toContain('my-secret-token');
  });

  it('redacts signed query values and secrets registered at run time from events and errors', async () => {
    const events: TransportEvent[] = [];
    const transport = createTransport({
      provider: 'demo',
      baseURL: 'http://127.0.0.1:9',
      retry: { retries: 0 },
      onEvent: (e) => events.push(e),
    });
    transport.addSecrets('session-token-xyz');
    const error = await transport
      .request(
        { method: 'GET', path: '/t?app_signature=c2lnbmVk&note=session-token-xyz' },
        interpret,
      )
      .catch((e: unknown) => e);
    const everything =
      JSON.stringify(events) + String((error as Error).message) + JSON.stringify(error);
    expect(everything).not.toContain('c2lnbmVk');
    expect(everything).not.toContain('session-token-xyz');
    expect(everything).toContain('app_signature=[REDACTED]');
  });

  it('reports an HTML error page as a TransportError naming it', async () => {
    handlers.set('/html', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'),
    );
    const transport = createTransport({ provider: 'demo', baseURL, retry: { retries: 0 } });
    await expect(transport.request({ method: 'GET', path: '/html' }, interpret)).rejects.toThrow(
      /an HTML page/,
    );
  });

  it.each([
    [{ baseURL: 'not a url' }, 'baseURL'],
    [{ baseURL: 'ftp://x' }, 'baseURL'],
    [{ baseURL: '' }, 'baseURL'],
    [{ baseURL: 'http://x', timeoutMs: -1 }, 'timeoutMs'],
    [{ baseURL: 'http://x', retry: { retries: -2 } }, 'retry.retries'],
  ])('refuses bad options %j', (options, option) => {
    try {
      createTransport({ provider: 'demo', ...options });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).option).toBe(option);
    }
  });
});
