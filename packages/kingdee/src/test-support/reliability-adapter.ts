/**
 * The Kingdee client as the shared reliability suites (`@inv/reliability-tests`) see it: the
 * provider on a sandbox or scripted gateway URL, its look-up (`byIds`), the answers to break and
 * what they must become, the sandbox state the resume and fault scenarios change.
 */
import { type InventoryRecord, type Provider, RateLimitedError, TransportError } from '@inv/core';
import {
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  KINGDEE_SANDBOX_CREDENTIALS as KINGDEE,
} from '@inv/kingdee-protocol';
import type { ProviderAdapter, RowPatch } from '@inv/reliability-tests';
import { createKingdeeInventoryState, type RunningSandbox, startSandbox } from '@inv/sandbox';
import type { KingdeeProviderOptions } from '../options.js';
import { createKingdeeProvider, type KingdeeProvider } from '../provider.js';

export const FAST = { limit: 1_000_000, intervalMs: 1000 };

/** A client with the sandbox's connected-account credentials (token flow of §2). */
export function sandboxClient(
  baseURL: string,
  options: Partial<KingdeeProviderOptions> = {},
): KingdeeProvider {
  return createKingdeeProvider({
    clientId: KINGDEE.clientId,
    clientSecret: KINGDEE.clientSecret,
    outerInstanceId: KINGDEE.account.outerInstanceId,
    baseURL,
    rateLimit: FAST,
    ...options,
  });
}

/** A client configured with the account directly, so only the token call precedes a request. */
export function scriptedClient(baseURL: string): KingdeeProvider {
  return createKingdeeProvider({
    clientId: KINGDEE.clientId,
    clientSecret: KINGDEE.clientSecret,
    appKey: KINGDEE.account.appKey,
    appSecret: KINGDEE.account.appSecret,
    domain: KINGDEE.account.domain,
    baseURL,
    retry: { retries: 0 },
    rateLimit: FAST,
  });
}

/** The token call always succeeds on the scripted gateway: only business answers are scripted. */
export function fixedTokenAnswer(path: string): { body: string } | undefined {
  return path.startsWith('/jdyconnector/app_management/kingdee_auth_token')
    ? {
        body: JSON.stringify({
          errcode: 0,
          description: '成功',
          data: { 'app-token': 'scripted-token', expires: Date.now() + 3_600_000 },
        }),
      }
    : undefined;
}

const SAMPLE_ROW = INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0] as Record<string, unknown>;
const ID = String(SAMPLE_ROW.id);

/** An inv_synchronous answer whose one row has `patch` applied (`undefined` removes a field). */
function invSynchronous(patch: RowPatch): string {
  const row: Record<string, unknown> = { ...SAMPLE_ROW, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete row[key];
  return JSON.stringify({ errcode: 0, description: 'success', data: { rows: [row] } });
}

/** The records of a look-up of the sample row's id. */
async function byIds(provider: Provider): Promise<InventoryRecord[]> {
  return (await provider.inventory.byIds?.([ID]))?.records ?? [];
}

const ids = (sandbox: RunningSandbox): string[] =>
  sandbox.states.kingdee.positions().map((p) => p.row.id);

export const kingdeeAdapter: ProviderAdapter = {
  name: 'kingdee',
  badAnswers: {
    fixed: fixedTokenAnswer,
    create: scriptedClient,
    lookup: byIds,
    answer: invSynchronous,
    baseline: { key: ID, quantities: { onHand: String(SAMPLE_ROW.qty) } },
    quantityField: 'qty',
    fieldPath: (field) => `data.rows.0.${field}`,
    rowLabel: 'data.rows.0',
    gatewayStatus: 502,
    fieldCases: [
      ['qty with a thousands separator', { qty: '1,234' }, 'qty', /thousands separator/],
      ['qty "NaN"', { qty: 'NaN' }, 'qty', /not a decimal/],
      ['qty "Infinity"', { qty: 'Infinity' }, 'qty', /not a decimal/],
      ['qty ""', { qty: '' }, 'qty', /empty/],
      ['qty true', { qty: true }, 'qty', /number/],
      ['qty missing', { qty: undefined }, 'qty', /number/],
      ['exp_valid_qty "abc"', { exp_valid_qty: 'abc' }, 'exp_valid_qty', /not a decimal/],
      ['sal_lock_qty as an object', { sal_lock_qty: { value: 1 } }, 'sal_lock_qty', /number/],
      ['id missing', { id: undefined }, 'id', /./],
    ],
    envelopes: {
      via: byIds,
      cases: [
        [
          'rows as a string',
          JSON.stringify({ errcode: 0, description: 'ok', data: { rows: 'x' } }),
          'data.rows',
        ],
        ['no data', JSON.stringify({ errcode: 0, description: 'ok' }), 'data'],
        [
          'errcode as text',
          JSON.stringify({ errcode: 'zero', description: 'ok', data: {} }),
          'errcode',
        ],
        ['an array for a body', '[]', '(root)'],
      ],
    },
    negative: {
      patch: {
        qty: -5,
        exp_valid_qty: '-2.50',
        sal_lock_qty: -1,
        sal_occupy_qty: 0,
        sal_pre_out_qty: '-0.5',
        tf_pre_out_qty: 0,
        other_pre_out_qty: 0,
      },
      quantities: { onHand: '-5', available: '-2.5', reserved: '-1', pendingOutbound: '-0.5' },
    },
  },
  resume: {
    pageSize: 40,
    changed: 150,
    laterFrom: 300,
    async start(now, scope) {
      const state = createKingdeeInventoryState({ size: scope === 'wide' ? 600 : 200, now });
      const sandbox = await startSandbox({ now, kingdee: { state } });
      const positions = state.positions();
      return {
        fullCount: positions.length,
        provider: (options) =>
          sandboxClient(sandbox.url, { now, retry: { retries: 0 }, ...options }),
        change(from, count) {
          for (const p of positions.slice(from, from + count)) state.adjust(p.row.id, 1);
        },
        close: () => sandbox.close(),
      };
    },
  },
  secrets: {
    // Tokens live 2 minutes, but the answer omits `expires`: the client finds out by a refusal.
    sandbox: {
      kingdee: { size: 250, tokenLifetimeMs: 120_000, quirks: { omitTokenExpires: true } },
    },
    secrets: [
      KINGDEE.clientSecret,
      KINGDEE.account.appSecret,
      KINGDEE.documentedClient.clientSecret,
      'wrong-client-secret-9f8e7d6c5b4a',
      'rotated-app-secret-11223344',
    ],
    codes: ['4003', '4006', '4007', '4008', '1030002006', '1000202001', '5003'],
    minHarvested: 100,
    errorNames: ['AuthError', 'SignatureError', 'InvalidRequestError'],
    async session({ sandbox, step, drain, setClockOffset, retry, onEvent, faults }) {
      const kingdee = (options: Partial<KingdeeProviderOptions> = {}): KingdeeProvider =>
        sandboxClient(sandbox.url, { pageSize: 20, retry, onEvent, ...options });
      const all = sandbox.states.kingdee.positions().map((p) => p.row.id);
      // Successes, then every kind of refusal.
      const good = kingdee();
      await step(() => drain(good.inventory.pages()));
      await step(() => good.inventory.byIds(all));
      await step(() => good.inventory.byIds(['12a4']));
      await step(() =>
        kingdee({ clientSecret: 'wrong-client-secret-9f8e7d6c5b4a' }).inventory.byIds(all),
      );
      await step(() => kingdee({ clientId: '999999' }).inventory.byIds(all));
      await step(() => kingdee({ now: () => Date.now() - 600_000 }).inventory.byIds(all));
      await step(() => kingdee({ nonce: () => '1234567890' }).inventory.byIds(all));
      await step(() =>
        kingdee({
          outerInstanceId: undefined,
          appKey: KINGDEE.account.appKey,
          appSecret: 'rotated-app-secret-11223344',
          domain: KINGDEE.account.domain,
        }).inventory.byIds(all),
      );
      await step(() =>
        kingdee({
          domain: 'https://elsewhere.jdy.com',
          outerInstanceId: undefined,
          appKey: 'abc',
          appSecret: KINGDEE.account.appSecret,
        }).inventory.byIds(all),
      );
      // The token expires on the sandbox side: the client is refused, refreshes and repeats.
      setClockOffset(150_000);
      await step(() => good.inventory.byIds(all.slice(0, 5)));
      setClockOffset(0);
      // Faults: some pages recover, some exhaust their retries.
      sandbox.faults.configure(faults({ path: '/jdy/v2/scm/inventory' }, 5));
      for (let run = 0; run < 6; run++) await step(() => drain(kingdee().inventory.pages()));
      sandbox.faults.configure({});
      // Token answers cut in half: the body snippet of the error must not quote appSecret/app-token.
      for (const path of [
        '/jdyconnector/app_management/push_app_authorize',
        '/jdyconnector/app_management/kingdee_auth_token',
      ]) {
        sandbox.faults.configure({
          rules: [{ match: { path }, fault: { type: 'truncate' }, times: 3 }],
        });
        await step(() => kingdee().inventory.byIds(all.slice(0, 3)));
      }
      sandbox.faults.configure({});
    },
  },
  syncUnderFaults: {
    sandbox: { kingdee: { size: 2500 } },
    create: (baseURL, options) => sandboxClient(baseURL, options),
    keys: ids,
    lookup: async (provider, keys) =>
      (await provider.inventory.byIds?.([...keys])) ?? { records: [], missing: [...keys] },
    baseline: {
      rows: (sandbox) => ids(sandbox).length,
      lookupFinds: (_, keys) => keys.length,
      lookupKeys: (keys) => [...keys],
      pages: 50,
      minRows: 2500,
    },
    match: {
      sync: { provider: 'kingdee', path: '/jdy/v2/scm/inventory' },
      page: { path: '/jdy/v2/scm/inventory' },
      lookup: { provider: 'kingdee', path: '/jdy/v2/inv/inv_synchronous' },
    },
    extraFaults: [],
    seeds: { pages: 11, lookup: 12 },
    minLookupFaults: 3,
    // Pages 1–3 are delivered; page 4 fails on all three attempts.
    failAfterPages: 3,
    failCursor: { page: 4, pageSize: 50, seenCount: 2500 },
    namedPage: {
      cursor: { page: 7, pageSize: 50 },
      label: 'inventory.pages page 7',
      faults: [
        [{ type: 'throttle' }, RateLimitedError],
        [{ type: 'reset' }, TransportError],
      ],
    },
    chunk: {
      keys: (sandbox) => ids(sandbox).slice(0, 300),
      after: 'inventory.byIds chunk 1/3',
      rule: {
        match: { path: '/jdy/v2/inv/inv_synchronous' },
        fault: { type: 'status', status: 502 },
        times: 2,
      },
      label: 'inventory.byIds chunk 2/3',
    },
  },
};
