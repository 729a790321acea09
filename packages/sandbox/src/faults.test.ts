import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { SandboxContext } from './context.js';
import { createFaultController, type FaultConfig, parseFaultHeader } from './faults.js';

const context: SandboxContext = {
  now: () => 0,
  record: () => undefined,
  measure: () => undefined,
};

function appWith(config: FaultConfig = {}): Hono {
  const faults = createFaultController(context, config);
  const app = new Hono();
  app.use('*', faults.middleware);
  app.get('/jdy/v2/scm/inventory', (c) =>
    c.json({ errcode: 0, description: 'success', data: { rows: [1, 2, 3] } }),
  );
  app.post('/openapi/service', (c) => c.json({ code: '0', msg: '操作成功', data: { list: [] } }));
  return app;
}

describe('X-Sandbox-Fault header', () => {
  it('parses every fault kind', () => {
    expect(
      parseFaultHeader(
        'latency=20, status=503;retry-after=2, throttle, provider-error, reset, truncate, non-json',
      ),
    ).toEqual({
      ok: true,
      faults: [
        { type: 'latency', ms: 20 },
        { type: 'status', status: 503, retryAfter: 2 },
        { type: 'throttle' },
        { type: 'provider-error' },
        { type: 'reset' },
        { type: 'truncate' },
        { type: 'non-json' },
      ],
    });
  });

  it('refuses an unknown fault with the list of valid ones', async () => {
    const res = await appWith().request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'explode' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /"explode" is not a fault; expected latency=<ms>/,
    );
  });

  it('answers a bare HTTP status with Retry-After', async () => {
    const res = await appWith().request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'status=429;retry-after=3' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it("answers each provider's own throttling and system-error envelopes", async () => {
    const app = appWith();
    const k = await app.request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'throttle' },
    });
    expect(k.status).toBe(429);
    expect(await k.json()).toEqual({ errcode: 429, description: '已被限流' });
    const w = await app.request('/openapi/service', {
      method: 'POST',
      body: '{}',
      headers: { 'x-sandbox-fault': 'throttle' },
    });
    expect(w.status).toBe(200);
    expect(await w.json()).toEqual({ code: '1006', msg: '请求过于频繁', data: '' });
    const e = await app.request('/openapi/service', {
      method: 'POST',
      body: '{}',
      headers: { 'x-sandbox-fault': 'provider-error' },
    });
    expect(await e.json()).toEqual({ code: '9999', msg: '系统异常', data: '' });
    const ke = await app.request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'provider-error' },
    });
    expect(((await ke.json()) as { errcode: number }).errcode).toBe(2000002000);
  });

  it('truncates the real body and serves HTML instead of JSON', async () => {
    const app = appWith();
    const t = await app.request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'truncate' },
    });
    const text = await t.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(
      JSON.stringify({ errcode: 0, description: 'success', data: { rows: [1, 2, 3] } }).startsWith(
        text,
      ),
    ).toBe(true);
    const h = await app.request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'non-json' },
    });
    expect(h.status).toBe(200);
    expect(await h.text()).toMatch(/^<html>/);
  });

  it('delays with latency and then answers normally', async () => {
    const started = performance.now();
    const res = await appWith().request('/jdy/v2/scm/inventory', {
      headers: { 'x-sandbox-fault': 'latency=30' },
    });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});

describe('configured fault rules', () => {
  it('hits the same requests on every run with the same seed', async () => {
    const config: FaultConfig = {
      seed: 42,
      rules: [{ fault: { type: 'status', status: 503 }, rate: 0.3 }],
    };
    const run = async (): Promise<number[]> => {
      const app = appWith(config);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await app.request('/jdy/v2/scm/inventory')).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(3);
    expect(failed).toBeLessThan(25);
  });

  it('matches by provider and Winit action, and stops after `times`', async () => {
    const app = appWith({
      rules: [
        {
          match: { provider: 'winit', action: 'queryWarehouse' },
          fault: { type: 'provider-error' },
          times: 1,
        },
      ],
    });
    const call = async (action: string): Promise<{ code: string }> => {
      const res = await app.request('/openapi/service', {
        method: 'POST',
        body: JSON.stringify({ action }),
      });
      return (await res.json()) as { code: string };
    };
    expect((await call('queryWarehouse')).code).toBe('9999');
    expect((await call('queryWarehouse')).code).toBe('0');
    expect((await app.request('/jdy/v2/scm/inventory')).status).toBe(200);
  });
});
