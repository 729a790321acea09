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
});
