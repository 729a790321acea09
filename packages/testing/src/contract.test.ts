import {
  AuthError,
  defineProvider,
  EMPTY_QUANTITIES,
  type InventoryRecord,
  type Page,
} from '@inv/core';
import { describe } from 'vitest';
import { describeProviderContract } from './contract.js';

const SECRET = 'fixture-secret-0001';
const record = (i: number): InventoryRecord => ({
  provider: 'fixture',
  key: `k${i}`,
  warehouse: { id: 'w1', code: 'W1', name: 'Main' },
  location: null,
  item: { sku: `SKU${i}`, id: String(i), name: null, variant: null },
  batch: null,
  grade: null,
  quantities: { ...EMPTY_QUANTITIES, onHand: String(i), available: '0.5' },
  version: null,
  raw: { id: i },
});
const ROWS = Array.from({ length: 23 }, (_, i) => record(i));

const fixtureProvider = (secret: string) =>
  defineProvider({
    id: 'fixture',
    displayName: 'Fixture',
    capabilities: ['inventory.byIds', 'inventory.bySkus', 'inventory.list'],
    limits: { maxBatchSize: 5, maxPageSize: 10, rateLimit: { limit: 10, intervalMs: 1000 } },
    inventory: {
      async byIds(ids) {
        if (secret !== SECRET) throw new AuthError('unknown client', { secrets: [secret] });
        const records = ROWS.filter((r) => ids.includes(r.key));
        return { records, missing: ids.filter((id) => !records.some((r) => r.key === id)) };
      },
      async bySkus(skus) {
        if (secret !== SECRET) throw new AuthError('unknown client', { secrets: [secret] });
        const records = ROWS.filter((r) => skus.includes(r.item.sku));
        return {
          records,
          missing: skus.filter((sku) => !records.some((r) => r.item.sku === sku)),
        };
      },
      async *pages(options) {
        if (secret !== SECRET)
          throw new AuthError(`client secret ${secret} refused`, { secrets: [secret] });
        const size = options?.pageSize ?? 10;
        for (let page = Number(options?.cursor?.page ?? 1); ; page++) {
          const items = ROWS.slice((page - 1) * size, page * size);
          const last = page * size >= ROWS.length;
          const out: Page = { items, next: last ? null : { page: page + 1 }, total: ROWS.length };
          yield out;
          if (last) return;
        }
      },
    },
  });

// The suite run against an in-memory provider that honours every invariant.
describe('contract suite on a conforming provider', () => {
  describeProviderContract({
    create: () => fixtureProvider(SECRET),
    createWithBadCredentials: () => fixtureProvider('wrong-secret-value'),
    secrets: [SECRET, 'wrong-secret-value'],
    knownKeys: ROWS.slice(0, 12).map((r) => r.key),
    unknownKeys: ['nope-1', 'nope-2'],
    knownSkus: ROWS.slice(3, 15).map((r) => r.item.sku),
    unknownSkus: ['NO-SKU'],
    pageSize: 4,
    expectedTotal: 23,
  });
});
