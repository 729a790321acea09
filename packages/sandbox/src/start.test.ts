import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './start.js';

describe('startSandbox', () => {
  let sandbox: RunningSandbox | undefined;
  afterAll(() => sandbox?.close());

  it('serves over real HTTP on 127.0.0.1 with a free port', async () => {
    sandbox = await startSandbox({ port: 0 });
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sandbox.url}/health`);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(sandbox.credentials.kingdee.clientId).toBe('100100');
    expect(sandbox.credentials.winit.appKeys).toContain('demo@example.com');
  });

  it('resets the connection on the reset fault, and keeps serving', async () => {
    const running = sandbox ?? (await startSandbox({ port: 0 }));
    const failure = await fetch(`${running.url}/jdy/v2/scm/inventory`, {
      headers: { 'x-sandbox-fault': 'reset' },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(String((failure as { cause?: { code?: string } }).cause?.code)).toMatch(
      /ECONNRESET|UND_ERR_SOCKET/,
    );
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });

  it('guards admin routes over real HTTP: Host, Origin and JSON bodies', async () => {
    const running = sandbox ?? (await startSandbox({ port: 0 }));
    const send = (method: string, path: string, headers: Record<string, string>, body = '') =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${running.url}${path}`, { method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    // curl -X POST …/reset: no body, no Content-Type.
    expect(await send('POST', '/_sandbox/reset', {})).toBe(200);
    expect(await send('GET', '/_sandbox/dataset', { host: 'rebind.attacker.example' })).toBe(403);
    const faults = JSON.stringify({ rules: [] });
    const plain = { 'content-type': 'text/plain', 'content-length': String(faults.length) };
    expect(await send('PUT', '/_sandbox/faults', plain, faults)).toBe(415);
    const json = { ...plain, 'content-type': 'application/json' };
    expect(
      await send('PUT', '/_sandbox/faults', { ...json, origin: 'http://evil.example' }, faults),
    ).toBe(403);
    expect(await send('PUT', '/_sandbox/faults', json, faults)).toBe(200);
  });

  it('answers admin requests for the address it was explicitly bound to', async (context) => {
    // 127.0.0.2 is loopback on Linux but not in the default Host list; elsewhere it may not bind.
    const bound = await startSandbox({ port: 0, host: '127.0.0.2' }).catch(() => undefined);
    if (!bound) return context.skip();
    try {
      const res = await fetch(`${bound.url}/_sandbox`);
      expect(res.status).toBe(200);
    } finally {
      await bound.close();
    }
  });
});
