import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../../app.js';
import { resolveWinitOptions, winitDatasetOptions } from './options.js';

describe('winit gateway options', () => {
  it('defaults: the test accounts and client, ±10 min, 1000 per 60 s, 32 MiB of answers', () => {
    const config = resolveWinitOptions({});
    expect([...config.accounts.keys()]).toEqual(['demo@example.com', 'rebecca']);
    expect(Object.keys(config.clients)).toEqual(['FAKECLIENTID']);
    expect(config.timestampWindowMs).toBe(600_000);
    expect(config.rateLimit).toEqual({ limit: 1000, intervalMs: 60_000 });
    expect(config.answerCacheBytes).toBe(32 * 1024 * 1024);
  });

  it('takes the names it shares with the Kingdee gateway', () => {
    const config = resolveWinitOptions({
      accounts: [{ appKey: 'me', token: 'T' }],
      clients: { C: 'S' },
      timestampWindowMs: false,
      rateLimit: { limit: 3, intervalMs: 1000 },
    });
    expect([...config.accounts]).toEqual([['me', 'T']]);
    expect(config.clients).toEqual({ C: 'S' });
    expect(config.timestampWindowMs).toBe(false);
    expect(config.rateLimit).toEqual({ limit: 3, intervalMs: 1000 });
  });

  describe('deprecated names still work for one release', () => {
    it('credentials.appKeys → accounts', () => {
      const config = resolveWinitOptions({ credentials: { appKeys: { me: 'T' } } });
      expect([...config.accounts]).toEqual([['me', 'T']]);
      expect(
        resolveWinitOptions({ accounts: [], credentials: { appKeys: { me: 'T' } } }).accounts.size,
      ).toBe(0);
    });

    it('credentials.clients → clients', () => {
      expect(resolveWinitOptions({ credentials: { clients: { C: 'S' } } }).clients).toEqual({
        C: 'S',
      });
      expect(
        resolveWinitOptions({ clients: { N: 'S' }, credentials: { clients: { C: 'S' } } }).clients,
      ).toEqual({ N: 'S' });
    });

    it('timestampSkewMs → timestampWindowMs', () => {
      expect(resolveWinitOptions({ timestampSkewMs: 5000 }).timestampWindowMs).toBe(5000);
      expect(resolveWinitOptions({ timestampSkewMs: false }).timestampWindowMs).toBe(false);
      expect(
        resolveWinitOptions({ timestampSkewMs: 5000, timestampWindowMs: 7000 }).timestampWindowMs,
      ).toBe(7000);
    });

    it('rateLimit.windowMs → rateLimit.intervalMs', () => {
      expect(resolveWinitOptions({ rateLimit: { limit: 5, windowMs: 1000 } }).rateLimit).toEqual({
        limit: 5,
        intervalMs: 1000,
      });
    });

    it('dataset.{seed, skuCount, rows, warehouses} → seed, skuCount, rows, warehouses', () => {
      const warehouses = [
        { warehouseID: '1', warehouseCode: 'X', warehouseName: 'X', warehouseAddress: 'Y' },
      ];
      expect(
        winitDatasetOptions({ dataset: { seed: 7, skuCount: 3, rows: [], warehouses } }),
      ).toEqual({ seed: 7, skuCount: 3, rows: [], warehouses });
      expect(winitDatasetOptions({ seed: 8, dataset: { seed: 7 } }, 9).seed).toBe(8);
      expect(winitDatasetOptions({}, 9).seed).toBe(9);
      const { states } = createSandboxApp({ winit: { dataset: { skuCount: 4 } } });
      const legacy = new Set(states.winit.rows().map((row) => row.merchandiseCode));
      const { states: renamed } = createSandboxApp({ winit: { skuCount: 4 } });
      expect(legacy.size).toBe(4);
      expect(new Set(renamed.winit.rows().map((row) => row.merchandiseCode))).toEqual(legacy);
    });
  });
});
