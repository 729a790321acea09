import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';

describe('sandbox app', () => {
  it('answers /health', async () => {
    const { app } = createSandboxApp();
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
