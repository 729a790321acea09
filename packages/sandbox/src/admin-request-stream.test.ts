import { describe, expect, it } from 'vitest';
import { createSandboxApp, type SandboxApp } from './app.js';
import type { RequestLogEntry } from './context.js';
import type { SignedSandboxRequest } from './request-signer.js';
import {
  doubleEncodedKingdeeRequest,
  goodKingdeeRequest,
  SANDBOX_SECRETS,
  swappedSecretWinitRequest,
} from './test-support/inspected-requests.js';

const T0 = Date.UTC(2026, 0, 15, 4, 0, 0);

const send = (sandbox: SandboxApp, request: SignedSandboxRequest): Promise<Response> =>
  Promise.resolve(
    sandbox.app.request(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    }),
  );

/** Reads server-sent events until `count` `request` events arrived, then closes the stream. */
async function readEvents(response: Response, count: number): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/^event: request$/gm) ?? []).length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

const entriesOf = (text: string): RequestLogEntry[] =>
  [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1] as string));

describe('GET /_sandbox/requests/stream', () => {
  it('sends each new entry as a server-sent event, with no secret', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const stream = await sandbox.app.request('/_sandbox/requests/stream');
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(stream, 3);
    await send(sandbox, goodKingdeeRequest(T0));
    await send(sandbox, doubleEncodedKingdeeRequest(T0));
    await send(sandbox, swappedSecretWinitRequest(T0));
    const text = await events;
    expect(text).toMatch(/^id: 1$/m);
    expect(entriesOf(text)).toMatchObject([
      { id: 1, provider: 'kingdee', verdict: 'accepted' },
      { id: 2, code: '4008', field: 'X-Api-Signature', mistake: 'double-encoded-values' },
      { id: 3, provider: 'winit', route: 'queryWarehouse', mistake: 'swapped-secret' },
    ]);
    for (const secret of SANDBOX_SECRETS) expect(text).not.toContain(secret);
  });

  it('resumes after the last event id a client saw', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    await send(sandbox, goodKingdeeRequest(T0));
    await send(sandbox, goodKingdeeRequest(T0));
    const stream = await sandbox.app.request('/_sandbox/requests/stream', {
      headers: { 'last-event-id': '1' },
    });
    expect(entriesOf(await readEvents(stream, 1)).map((entry) => entry.id)).toEqual([2]);
  });

  it('is an admin route: refused to another origin', async () => {
    const { app } = createSandboxApp();
    const response = await app.request('http://127.0.0.1:4010/_sandbox/requests/stream', {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});
