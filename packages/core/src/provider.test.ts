import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { EMPTY_QUANTITIES, type InventoryRecord } from './model.js';
import { defineProvider, type Page } from './provider.js';

const record = (key: string): InventoryRecord => ({
  provider: 'demo',
  key,
  warehouse: { id: null, code: 'W1', name: null },
  location: null,
  item: { sku: key, id: null, name: null, variant: null },
  batch: null,
  grade: null,
  quantities: EMPTY_QUANTITIES,
  version: null,
  raw: {},
});

const limits = { maxBatchSize: 10, maxPageSize: 10, rateLimit: { limit: 10, intervalMs: 1000 } };

describe('defineProvider', () => {
  it('derives list() from pages()', async () => {
    const provider = defineProvider({
      id: 'demo',
      displayName: 'Demo',
      capabilities: ['inventory.list'],
      limits,
      inventory: {
        async *pages(): AsyncGenerator<Page> {
          yield { items: [record('a'), record('b')], next: { page: 2 } };
          yield { items: [record('c')], next: null };
        },
      },
    });
    const keys: string[] = [];
    for await (const item of provider.inventory.list()) keys.push(item.key);
    expect(keys).toEqual(['a', 'b', 'c']);
    expect(provider.capabilities.has('inventory.list')).toBe(true);
    expect(Object.isFrozen(provider)).toBe(true);
  });

  it('refuses a declared capability without its operation', () => {
    expect(() =>
      defineProvider({
        id: 'demo',
        displayName: 'Demo',
        capabilities: ['inventory.byIds'],
        limits,
        inventory: {},
      }),
    ).toThrow(ConfigError);
  });

  it.each([
    ['limits.maxBatchSize', { ...limits, maxBatchSize: -1 }],
    ['limits.maxPageSize', { ...limits, maxPageSize: 0 }],
    ['limits.rateLimit.limit', { ...limits, rateLimit: { limit: 1.5, intervalMs: 1 } }],
  ])('refuses a bad %s', (option, bad) => {
    try {
      defineProvider({
        id: 'demo',
        displayName: 'Demo',
        capabilities: [],
        limits: bad,
        inventory: {},
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).option).toBe(option);
    }
  });

  it('refuses an id that is not a slug', () => {
    expect(() =>
      defineProvider({ id: 'Demo X', displayName: 'x', capabilities: [], limits, inventory: {} }),
    ).toThrow(/lowercase/);
  });
});
