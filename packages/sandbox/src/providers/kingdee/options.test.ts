import { describe, expect, it } from 'vitest';
import { resolveKingdeeOptions } from './options.js';

describe('kingdee gateway options', () => {
  it('defaults: ±300 s, no rate limit, 1000 tokens per client + account', () => {
    const config = resolveKingdeeOptions({});
    expect(Object.keys(config.clients)).toEqual(['100100', '200421']);
    expect(config.timestampWindowMs).toBe(300_000);
    expect(config.rateLimit).toBeUndefined();
    expect(config.maxTokensPerAccount).toBe(1000);
  });

  it('takes the shapes it shares with the Winit gateway', () => {
    expect(resolveKingdeeOptions({ timestampWindowMs: false }).timestampWindowMs).toBe(false);
    // An object turns the limit on; what it leaves out is §8's 500 a minute.
    expect(resolveKingdeeOptions({ rateLimit: {} }).rateLimit).toEqual({
      limit: 500,
      intervalMs: 60_000,
    });
    expect(resolveKingdeeOptions({ rateLimit: { limit: 2 } }).rateLimit).toEqual({
      limit: 2,
      intervalMs: 60_000,
    });
    expect(resolveKingdeeOptions({ rateLimit: false }).rateLimit).toBeUndefined();
  });
});
