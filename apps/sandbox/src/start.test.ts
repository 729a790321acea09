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
  });
});
