/**
 * The Winit client as the shared reliability suites (`@inv/reliability-tests`) see it: the
 * provider on a sandbox or scripted gateway URL, its look-up (`bySkus`), the answers to break and
 * what they must become, the sandbox state the resume and fault scenarios change.
 */
import {
  type InventoryRecord,
  type Provider,
  ProviderError,
  RateLimitedError,
  TransportError,
} from '@inv/core';
import type { ProviderAdapter, RowPatch } from '@inv/reliability-tests';
import {
  createWinitSandboxState,
  type RunningSandbox,
  startSandbox,
  type WinitSandboxRow,
} from '@inv/sandbox';
import {
  WINIT_SANDBOX_CREDENTIALS as WINIT,
  WINIT_ACTIONS,
  WINIT_SAMPLE_RESPONSE,
} from '@inv/winit-protocol';
import { expect } from 'vitest';
import type { WinitProviderOptions } from '../options.js';
import { createWinitProvider } from '../provider.js';
import type { WinitProvider } from '../provider-types.js';

export const FAST = { limit: 1_000_000, intervalMs: 1000 };
const WRONG_TOKEN = 'FEDCBA9876543210FEDCBA9876543210';
const WRONG_CLIENT_SECRET = 'WRONGCLIENTSECRET==';

/** A merchant-mode client with the sandbox's token. */
export function sandboxClient(
  baseURL: string,
  options: Partial<WinitProviderOptions> = {},
): WinitProvider {
  return createWinitProvider({
    appKey: 'demo@example.com',
    token: WINIT.token,
    baseURL,
    rateLimit: FAST,
    ...options,
  });
}

/** A client of one warehouse, service type and grade, with retries off (one request per call). */
export function scriptedClient(baseURL: string): WinitProvider {
  return createWinitProvider({
    appKey: 'demo@example.com',
    token: 'scripted-token-0123456789',
    baseURL,
    warehouseCode: 'US0001',
    warehouseCodes: ['US0001'],
    serviceTypes: ['2C'],
    grades: ['GOOD'],
    retry: { retries: 0 },
    rateLimit: FAST,
  });
}

const SAMPLE = WINIT_SAMPLE_RESPONSE as { data: { list: Record<string, unknown>[] } };
const ROW = { ...SAMPLE.data.list[0], merchandiseCode: 'SKU1' } as Record<string, unknown>;

/** A pageInv/batch.query answer whose one row has `patch` applied, envelope members replaced. */
export function winitAnswer(patch: RowPatch, envelope: Record<string, unknown> = {}): string {
  const row: Record<string, unknown> = { ...ROW, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete row[key];
  const body: Record<string, unknown> = {
    code: '0',
    msg: '操作成功',
    data: { pageParams: { pageNo: 1, pageSize: 200, totalCount: 1 }, list: [row] },
    ...envelope,
  };
  for (const [key, value] of Object.entries(envelope)) if (value === undefined) delete body[key];
  return JSON.stringify(body);
}

/** The records of a look-up of `SKU1`. */
export async function bySku(provider: Provider): Promise<InventoryRecord[]> {
  return (await provider.inventory.bySkus?.(['SKU1']))?.records ?? [];
}

/** The first page of a full sync. */
async function firstPage(provider: Provider): Promise<InventoryRecord[]> {
  for await (const page of provider.inventory.pages?.() ?? []) return page.items;
  return [];
}

const skus = (sandbox: Pick<RunningSandbox, 'states'>): string[] => [
  ...new Set(sandbox.states.winit.rows().map((row) => row.merchandiseCode)),
];

/** Sets a new usable quantity on each row: `base + n` differs from every value set before. */
function changer(
  rows: readonly WinitSandboxRow[],
  adjust: (row: WinitSandboxRow, usableQty: number) => void,
): (from: number, count: number) => void {
  let n = 0;
  return (from, count) => {
    n += 1;
    for (const row of rows.slice(from, from + count)) adjust(row, row.usableQty + n);
  };
}

export const winitAdapter: ProviderAdapter = {
  name: 'winit',
  badAnswers: {
    create: scriptedClient,
    lookup: bySku,
    answer: (patch) => winitAnswer(patch),
    baseline: { item: { sku: 'SKU1' }, quantities: { frozen: '22' } },
    quantityField: 'inStockQty',
    fieldPath: (field) => field,
    rowLabel: 'list[0]',
    gatewayStatus: 503,
    fieldCases: [
      [
        'inStockQty with a thousands separator',
        { inStockQty: '1,234' },
        'inStockQty',
        /thousands separator/,
      ],
      ['inStockQty "NaN"', { inStockQty: 'NaN' }, 'inStockQty', /not a decimal/],
      ['usableQty as an object', { usableQty: { n: 1 } }, 'usableQty', /number/],
      ['frozenQty true', { frozenQty: true }, 'frozenQty', /number/],
      ['merchandiseCode as a number', { merchandiseCode: 12 }, 'merchandiseCode', /string/],
    ],
    envelopes: {
      via: firstPage,
      cases: [
        ['no code', winitAnswer({}, { code: undefined }), 'code'],
        ['list as a number', winitAnswer({}, { data: { list: 7 } }), 'list'],
        [
          'totalCount as words',
          winitAnswer({}, { data: { pageParams: { totalCount: 'many' }, list: [] } }),
          'totalCount',
        ],
      ],
    },
    negative: {
      patch: { inStockQty: -3, usableQty: '-1.50', frozenQty: -2 },
      quantities: { onHand: '-3', available: '-1.5', frozen: '-2' },
    },
  },
  resume: {
    pageSize: 60,
    changed: 200,
    laterFrom: 250,
    async start(now, scope) {
      const state = createWinitSandboxState();
      const sandbox = await startSandbox({ now, winit: { state, rateLimit: false } });
      const scoped =
        scope === 'wide'
          ? { warehouseCodes: ['DE0001', 'UK0001'] }
          : {
              warehouseCodes: ['DE0001'],
              serviceTypes: ['2C' as const],
              grades: ['GOOD' as const],
            };
      const synced = state
        .rows()
        .filter(
          (row) =>
            scoped.warehouseCodes.includes(row.warehouseCode) &&
            (scope === 'wide' || (row.serviceType === '2C' && row.merchandiseGrade === 'GOOD')),
        );
      // Changes land in DE0001, which both scopes walk.
      const changing = synced.filter((row) => row.warehouseCode === 'DE0001');
      return {
        fullCount: synced.length,
        provider: (options) =>
          sandboxClient(sandbox.url, { now, retry: { retries: 0 }, ...scoped, ...options }),
        change: changer(changing, (row, usableQty) => state.adjust(row, { usableQty }, now())),
        close: () => sandbox.close(),
      };
    },
  },
  secrets: {
    sandbox: {},
    secrets: [WINIT.token, WINIT.clientSecret, WRONG_TOKEN, WRONG_CLIENT_SECRET],
    codes: ['1002', '1003', '1004', '1005'],
    // A Winit sign depends on the second it is made in, not on a nonce: requests of the same second
    // share it, so far fewer distinct values reach the wire than requests.
    minHarvested: 20,
    errorNames: ['AuthError', 'SignatureError'],
    async session({ sandbox, step, drain, retry, onEvent, faults }) {
      const winit = (options: Partial<WinitProviderOptions> = {}): WinitProvider =>
        sandboxClient(sandbox.url, {
          clientId: WINIT.clientId,
          clientSecret: WINIT.clientSecret,
          warehouseCodes: ['DE0001'],
          warehouseCode: 'DE0001',
          pageSize: 50,
          retry,
          onEvent,
          ...options,
        });
      const all = skus(sandbox);
      // Successes in app mode, then every kind of refusal.
      const good = winit();
      await step(() => drain(good.inventory.pages()));
      await step(() => good.inventory.bySkus(all));
      await step(() => good.warehouses());
      await step(() => winit({ token: WRONG_TOKEN }).inventory.bySkus(all));
      await step(() =>
        winit({ clientSecret: WRONG_CLIENT_SECRET }).inventory.bySkus(all.slice(0, 3)),
      );
      await step(() => winit({ appKey: 'nobody@example.com' }).warehouses());
      await step(() => winit({ now: () => Date.now() - 3_600_000 }).warehouses());
      await step(() =>
        winit({ token: WRONG_TOKEN, clientId: undefined, clientSecret: undefined }).warehouses(),
      );
      sandbox.faults.configure(faults({ provider: 'winit' }, 9));
      for (let run = 0; run < 6; run++) await step(() => drain(winit().inventory.pages()));
      sandbox.faults.configure({});
    },
  },
  syncUnderFaults: {
    sandbox: { winit: { rateLimit: false } },
    create: (baseURL, options) => sandboxClient(baseURL, options),
    keys: skus,
    lookup: async (provider, keys) =>
      (provider as WinitProvider).inventory.bySkus([...keys], { warehouseCode: 'US0001' }),
    baseline: {
      rows: (sandbox) => sandbox.states.winit.rows().length,
      lookupFinds: (sandbox) =>
        sandbox.states.winit.rows().filter((row) => row.warehouseCode === 'US0001').length,
      minRows: 2001,
      minKeys: 501,
    },
    match: {
      sync: { provider: 'winit' },
      page: { action: WINIT_ACTIONS.pageInv },
      lookup: { provider: 'winit', action: WINIT_ACTIONS.batchQuery },
    },
    extraFaults: [{ type: 'provider-error' }],
    seeds: { pages: 21, lookup: 22 },
    minLookupFaults: 1,
    failAfterPages: 5,
    failCursor: { pageNo: expect.any(Number), pageSize: 50 },
    namedPage: {
      cursor: {
        warehouseCode: 'US0001',
        serviceType: '2C',
        grade: 'GOOD',
        pageNo: 3,
        pageSize: 50,
        startTime: null,
        endTime: null,
      },
      label: 'US0001/2C/GOOD page 3',
      create: (baseURL, options) =>
        sandboxClient(baseURL, { ...options, warehouseCodes: ['US0001'] }),
      faults: [
        [{ type: 'throttle' }, RateLimitedError],
        [{ type: 'provider-error' }, ProviderError],
        [{ type: 'reset' }, TransportError],
      ],
    },
    chunk: {
      keys: skus,
      after: 'inventory.bySkus chunk 1/2',
      rule: { match: { provider: 'winit' }, fault: { type: 'truncate' }, times: 2 },
      label: 'inventory.bySkus chunk 2/2',
    },
  },
};
