import { type RunningSandbox, startSandbox } from '@inv/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultFactories } from '../default-providers.js';
import { runCli } from '../main.js';
import { capture, fakeFactories, fakeProvider, run } from '../test-support/harness.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ kingdee: { size: 20 }, push: { batchWindowMs: 5 } });
});
afterAll(() => sandbox?.close());

describe('inv watch kingdee', () => {
  it('subscribes to the sandbox, prints each pushed position as JSONL, unsubscribes on Ctrl-C', async () => {
    const stdout = capture(false);
    const stderr = capture(false);
    const controller = new AbortController();
    const running = runCli(
      ['watch', 'kingdee', '--sandbox', sandbox.url, '--port', '0'],
      { stdout, stderr, env: {}, cwd: process.cwd(), signal: controller.signal },
      { factories: defaultFactories, startSandbox: () => Promise.reject(new Error('unused')) },
    );
    await vi.waitFor(() => expect(sandbox.push.subscriptions()).toHaveLength(1), {
      timeout: 20_000,
    });
    const id = sandbox.states.kingdee.positions()[3]?.row.id as string;
    const changed = await fetch(`${sandbox.url}/_sandbox/stock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'kingdee', id, delta: '4' }),
    });
    expect(changed.status).toBe(200);
    await vi.waitFor(() => expect(stdout.text()).toContain(id), { timeout: 20_000 });
    controller.abort();
    expect(await running).toBe(0);
    const [line] = stdout.text().trim().split('\n');
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      key: id,
      quantities: { onHand: String(sandbox.states.kingdee.get(id)?.row.qty) },
    });
    expect(stderr.text()).toMatch(
      /listening for Kingdee pushes on http:\/\/127\.0\.0\.1:\d+\/kingdee\/push/,
    );
    expect(sandbox.push.subscriptions()).toEqual([]);
  });

  it('refuses other providers and a missing secret without a sandbox', async () => {
    const other = await run(['watch', 'winit']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('kingdee only');
    const factories = fakeFactories({
      kingdee: { provider: fakeProvider({ id: 'kingdee', byIds: true }) },
    });
    const unsigned = await run(['watch', 'kingdee'], { factories });
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toContain('--secret');
  });
});
