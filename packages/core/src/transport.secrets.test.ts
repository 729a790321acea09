/**
 * Secrets never survive in an error the transport throws or reports (issue #18.6), over real HTTP
 * on 127.0.0.1: configured and learned secrets in a `SyntaxError` cause, per-request signatures a
 * gateway echoes, in every rendering of the thrown error and of every event. And the transport
 * never mutates an error an interpreter threw: it throws a redacted copy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from './errors.js';
import { assertHttpStatus, parseJsonResponse } from './interpret-response.js';
import { InvError } from './inv-error.js';
import { createTransport } from './transport.js';
import type { TransportEvent, TransportResponse } from './transport-types.js';

const CLIENT_SECRET = 'configured-client-secret-9f8e7d';
const LEARNED_SECRET = 'learned-app-secret-a1b2c3d4e5';
const SIGNATURE = 'C0FFEE0123456789ABCDEF0123456789';
const HEADER_SIGNATURE = 'c2lnbmF0dXJlLWluLWEtaGVhZGVy';

let server: Server;
let baseURL: string;
let answer: (body: string, headers: Record<string, unknown>) => { status: number; text: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const { status, text } = answer(body, req.headers);
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const interpret = (response: TransportResponse): unknown => {
  assertHttpStatus(response, 'demo');
  return parseJsonResponse(response, 'demo');
};

/** Every rendering of the thrown error and of every event. */
function renderings(error: unknown, events: TransportEvent[]): string {
  return [
    String((error as Error).message),
    String((error as Error).stack),
    JSON.stringify(error),
    inspect(error, { depth: null, showHidden: true }),
    JSON.stringify(events),
    inspect(events, { depth: null, showHidden: true }),
  ].join('\n');
}

/** True when any 8-character piece of `secret` shows. */
const leaks = (text: string, secret: string): boolean => {
  for (let i = 0; i + 8 <= secret.length; i++)
    if (text.includes(secret.slice(i, i + 8))) return true;
  return false;
};

async function fail(
  request: Parameters<ReturnType<typeof createTransport>['request']>[0],
  learn = false,
  interpreter: (response: TransportResponse) => unknown = interpret,
): Promise<{ error: unknown; events: TransportEvent[] }> {
  const events: TransportEvent[] = [];
  const transport = createTransport({
    provider: 'demo',
    baseURL,
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    secrets: [CLIENT_SECRET],
    onEvent: (event) => events.push(event),
  });
  if (learn) transport.addSecrets(LEARNED_SECRET);
  const error = await transport.request(request, interpreter).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvError);
  return { error, events };
}

describe('transport errors carry no secret', () => {
  it.each([
    ['a whole short body', () => `${CLIENT_SECRET} ${LEARNED_SECRET}`],
    [
      'a truncated token answer',
      () => `{"data":{"appSecret":"${LEARNED_SECRET}","x":"${CLIENT_SECRET}"`,
    ],
    ['text after the JSON', () => `{"errcode":0} "${LEARNED_SECRET}" ${CLIENT_SECRET}`],
  ])('in the SyntaxError cause of %s', async (_what, body) => {
    answer = () => ({ status: 200, text: body() });
    const { error, events } = await fail({ method: 'GET', path: '/t' }, true);
    expect((error as InvError).code).toBe('INV_TRANSPORT');
    expect(((error as InvError).cause as Error).name).toBe('SyntaxError');
    const all = renderings(error, events);
    expect(leaks(all, CLIENT_SECRET)).toBe(false);
    expect(leaks(all, LEARNED_SECRET)).toBe(false);
  });

  it('in echoes of the per-request signatures (body sign/client_sign, signature header, query)', async () => {
    let attempt = 0;
    answer = (body, headers) => ({
      status: 500,
      // A broken gateway quoting the request back: as text, not as JSON members.
      text: `refused ${body.replace(/"/g, "'")} header=${String(headers['x-api-signature'])}`,
    });
    const { error, events } = await fail({
      method: 'POST',
      path: '/openapi/service?app_signature=qs-signature-value-0001',
      idempotent: true,
      prepare: (request) => {
        attempt++;
        return {
          ...request,
          headers: { ...request.headers, 'X-Api-Signature': `${HEADER_SIGNATURE}${attempt}` },
          body: JSON.stringify({
            action: 'x',
            sign: `${SIGNATURE}${attempt}`,
            client_sign: `${SIGNATURE}CS${attempt}`,
          }),
        };
      },
    });
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
    const all = renderings(error, events);
    for (const n of [1, 2]) {
      expect(all).not.toContain(`${SIGNATURE}${n}`);
      expect(all).not.toContain(`${SIGNATURE}CS${n}`);
      expect(all).not.toContain(`${HEADER_SIGNATURE}${n}`);
    }
    expect(all).not.toContain('qs-signature-value-0001');
    expect(all).toContain('[REDACTED]');
  });
});

describe('transport never mutates a thrown error', () => {
  it('throws a copy with the operation and attempts, same class, the original untouched', async () => {
    answer = () => ({ status: 200, text: '{}' });
    const thrown: ProviderError[] = [];
    const { error } = await fail(
      { method: 'GET', path: '/p', operation: 'inventory.list page 3' },
      true,
      () => {
        const original = new ProviderError('9999', `busy, try later (${LEARNED_SECRET})`, {
          provider: 'demo',
          retryable: true,
        });
        // Frozen: the old in-place rewrite of `details` and `message` would throw here.
        Object.freeze(original);
        thrown.push(original);
        throw original;
      },
    );
    expect(thrown).toHaveLength(2);
    expect(error).toBeInstanceOf(ProviderError);
    expect(thrown).not.toContain(error);
    expect(error).toMatchObject({
      code: 'INV_PROVIDER',
      providerCode: '9999',
      retryable: true,
      details: { operation: 'inventory.list page 3', providerCode: '9999' },
    });
    expect((error as Error).message).toBe(
      'inventory.list page 3: demo answered 9999: busy, try later ([REDACTED]) (gave up after 2 attempts)',
    );
    expect((error as ProviderError).providerMessage).toBe('busy, try later ([REDACTED])');
    for (const original of thrown) {
      expect(original.details).toEqual({ providerCode: '9999' });
      expect(original.message).toBe(`demo answered 9999: busy, try later (${LEARNED_SECRET})`);
    }
  });
});
