import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';

describe('sandbox app', () => {
  it('answers /health', async () => {
    const { app } = createSandboxApp();
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('routes with Hono RegExpRouter: no route pattern forces the slower TrieRouter on every request', async () => {
    // SmartRouter picks the first router that accepts every route, on the first request. A route
    // RegExpRouter refuses (a static `/stream` beside a `/:id`, for one) made every gateway request
    // pay for TrieRouter (bench/proposals.md, #18).
    const { app } = createSandboxApp();
    await app.request('/health');
    expect(app.router.name).toBe('SmartRouter + RegExpRouter');
  });
});

describe('sandbox hardening', () => {
  it('answers an oversized body with the gateway parameter error, not a 413 or 5xx', async () => {
    const { app } = createSandboxApp({ maxBodyBytes: 64 });
    const big = JSON.stringify({ action: 'queryWarehouse', pad: 'x'.repeat(200) });
    const res = await app.request('/openapi/service', { method: 'POST', body: big });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      code: '1001',
      msg: '系统参数错误: request body exceeds the 64-byte limit',
      data: '',
    });
  });
});
