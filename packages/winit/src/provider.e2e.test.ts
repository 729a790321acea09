import {
  AuthError,
  InvalidRequestError,
  type InventoryRecord,
  RateLimitedError,
  SignatureError,
  sumDecimals,
  UnsupportedError,
} from '@inv/core';
import {
  createWinitSandboxState,
  inStockQtyOf,
  type RunningSandbox,
  startSandbox,
} from '@inv/sandbox';
import {
  buildRequestBody,
  canonicalData,
  computeSign,
  formatWinitTimestamp,
  WINIT_ACTIONS,
  WINIT_SANDBOX_CREDENTIALS,
} from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WinitProviderOptions } from './options.js';
import { createWinitProvider } from './provider.js';

/**
 * The real client against the sandbox over real HTTP on 127.0.0.1: signing, chunking, paging,
 * typed errors and rate limiting end to end.
 */

const { token, clientId, clientSecret } = WINIT_SANDBOX_CREDENTIALS;
const APP_KEY = 'demo@example.com';
// The same seed and size the sandbox uses by default: the expected totals are computed from it.
const expected = createWinitSandboxState();

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const provider = (options: Partial<WinitProviderOptions> = {}) =>
  createWinitProvider({ appKey: APP_KEY, token, baseURL: sandbox.url, ...options });

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('winit client ↔ sandbox (real HTTP)', () => {
  it('batch-queries more than 500 SKUs in chunks and reports the unknown ones', async () => {
    const skus = [
      ...Array.from({ length: 600 }, (_, i) => `SKU${String(i + 1).padStart(4, '0')}`),
      'GHOST-1',
    ];
    const before = sandbox.log.entries().length;
    const result = await provider({ warehouseCode: 'US0001' }).inventory.bySkus?.(skus);
    const calls = sandbox.log
      .entries()
      .slice(0, sandbox.log.entries().length - before)
      .filter((entry) => entry.route === WINIT_ACTIONS.batchQuery);
    expect(calls).toHaveLength(2);
    expect(calls.every((entry) => entry.verdict === 'accepted')).toBe(true);
    const inUs = expected.rows().filter((row) => row.warehouseCode === 'US0001');
    expect(result?.records).toHaveLength(inUs.length);
    expect(result?.missing).toEqual(['GHOST-1']);
    expect(sumDecimals(result?.records.map((r) => r.quantities.onHand ?? '0') ?? [])).toBe(
      String(inUs.reduce((sum, row) => sum + inStockQtyOf(row), 0)),
    );
  });

  it('pages through all inventory (every warehouse × serviceType × grade) with exact totals', async () => {
    const winit = provider({ pageSize: 200 });
    const records: InventoryRecord[] = [];
    let pages = 0;
    let last: unknown;
    for await (const page of winit.inventory.pages?.() ?? []) {
      pages++;
      records.push(...page.items);
      last = page.next;
    }
    expect(last).toBeNull();
    expect(records).toHaveLength(expected.rows().length);
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
    expect(sumDecimals(records.map((r) => r.quantities.onHand ?? '0'))).toBe(
      String(expected.rows().reduce((sum, row) => sum + inStockQtyOf(row), 0)),
    );
    expect(records.every((r) => r.version !== null && /^\d{21}$/.test(r.version))).toBe(true);
    expect(pages).toBeGreaterThan(16);
  });

  it('resumes a sync from a cursor in app mode', async () => {
    const winit = provider({
      clientId,
      clientSecret,
      platform: 'DEMOAPP',
      warehouseCodes: ['DE0001'],
      pageSize: 50,
    });
    const iterator = winit.inventory.pages?.()[Symbol.asyncIterator]();
    const first = await iterator?.next();
    await iterator?.return?.();
    const cursor = first?.value?.next;
    expect(cursor).toMatchObject({
      warehouseCode: 'DE0001',
      serviceType: '2C',
      grade: 'GOOD',
      pageNo: 2,
    });
    const rest: InventoryRecord[] = [];
    for await (const record of winit.inventory.list?.({ cursor }) ?? []) rest.push(record);
    const all = expected.rows().filter((row) => row.warehouseCode === 'DE0001');
    expect((first?.value?.items.length ?? 0) + rest.length).toBe(all.length);
  });

  it('lists warehouses', async () => {
    const warehouses = await provider().warehouses();
    expect(warehouses.map((w) => w.code)).toEqual(['US0001', 'DE0001', 'UK0001', 'AU0001']);
  });

  it('reads an incremental change window after a sandbox adjustment', async () => {
    const state = createWinitSandboxState();
    const changed = state.rows()[10];
    if (!changed) throw new Error('dataset too small');
    const at = Date.now();
    state.adjust(changed, { usableQty: 12_345 }, at);
    const local = await startSandbox({ port: 0, winit: { state } });
    try {
      const winit = createWinitProvider({
        appKey: APP_KEY,
        token,
        baseURL: local.url,
        warehouseCodes: [changed.warehouseCode],
        serviceTypes: [changed.serviceType],
        grades: [changed.merchandiseGrade],
      });
      const items: InventoryRecord[] = [];
      for await (const page of winit.inventory.changes?.({
        since: new Date(at - 60_000),
        // Windows are whole seconds, end excluded: include the second of the change.
        until: new Date(at + 1000),
      }) ?? [])
        items.push(...page.items);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        item: { sku: changed.merchandiseCode },
        quantities: { available: '12345' },
      });
    } finally {
      await local.close();
    }
  });
});

describe('documented refusals surface as typed errors', () => {
  it('a wrong token (tampered signature) → 1004 SignatureError, no secret in the error', async () => {
    const error = await failure(provider({ token: 'F'.repeat(32) }).warehouses());
    expect(error).toBeInstanceOf(SignatureError);
    expect(error).toMatchObject({ providerCode: '1004' });
    expect((error as Error).message).toMatch(/签名验证失败: sign does not match/);
    expect(JSON.stringify(error)).not.toContain('F'.repeat(32));
  });

  it('a body altered after signing → 1004 with the masked string-to-sign header', async () => {
    const fields = {
      action: WINIT_ACTIONS.pageInv,
      app_key: APP_KEY,
      format: 'json',
      platform: '',
      sign_method: 'md5',
      timestamp: formatWinitTimestamp(Date.now()),
      version: '1.0',
    };
    const data = canonicalData({ warehouseCodes: 'US0001' });
    const body = buildRequestBody(
      { ...fields, language: 'zh_CN', sign: computeSign(fields, data, token) },
      data,
    ).replace('US0001', 'DE0001');
    const res = await fetch(`${sandbox.url}/openapi/service`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({ code: '1004', data: '' });
    const header = Buffer.from(
      res.headers.get('x-winit-mock-string-to-sign') ?? '',
      'base64',
    ).toString('utf8');
    expect(header).toContain('data{"warehouseCodes":"DE0001"}');
    expect(header.startsWith('{token}action')).toBe(true);
  });

  it('a stale timestamp → 1003 AuthError', async () => {
    const error = await failure(provider({ now: () => Date.now() - 3_600_000 }).warehouses());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ providerCode: '1003' });
    expect((error as Error).message).toMatch(/时间戳无效或已过期/);
  });

  it('an unknown action → 1007 UnsupportedError', async () => {
    const error = await failure(provider().client.call('winit.inventory.nope', ''));
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error).toMatchObject({ providerCode: '1007' });
  });

  it.each([0, 501])('%i merchandises → 2001 InvalidRequestError', async (count) => {
    const data = {
      warehouseCode: 'US0001',
      merchandises: Array.from({ length: count }, (_, i) => ({ merchandiseCode: `SKU${i}` })),
    };
    const error = await failure(provider().client.call(WINIT_ACTIONS.batchQuery, data));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ providerCode: '2001' });
    expect((error as InvalidRequestError).providerMessage).toMatch(
      count === 0 ? /at least 1 merchandise/ : /at most 500 merchandises/,
    );
  });
});

describe('transient failures are retried', () => {
  it.each([
    { type: 'throttle' },
    { type: 'provider-error' },
    { type: 'truncate' },
    { type: 'non-json' },
    { type: 'status', status: 503 },
  ] as const)('recovers from one %j fault', async (fault) => {
    const faulty = await startSandbox({
      port: 0,
      faults: { rules: [{ match: { provider: 'winit' }, fault, times: 1 }] },
    });
    try {
      const winit = createWinitProvider({
        appKey: APP_KEY,
        token,
        baseURL: faulty.url,
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      });
      const warehouses = await winit.warehouses();
      expect(warehouses).toHaveLength(4);
    } finally {
      await faulty.close();
    }
  });
});

describe('rate limiting end to end', () => {
  const burst = async (
    limit: number,
    sandboxUrl: string,
    appKey: string,
    strategy?: 'sliding-window' | 'token-bucket',
  ) => {
    const winit = createWinitProvider({
      appKey,
      token,
      baseURL: sandboxUrl,
      rateLimit: { limit, intervalMs: 1000, strategy },
      retry: { retries: 0 },
    });
    return Promise.allSettled(Array.from({ length: 10 }, () => winit.warehouses()));
  };

  it.each(['sliding-window', 'token-bucket'] as const)(
    'a client configured with the sandbox limit (%s) never gets 1006',
    async (strategy) => {
      const limited = await startSandbox({
        port: 0,
        winit: { rateLimit: { limit: 5, windowMs: 1000 } },
      });
      try {
        const results = await burst(5, limited.url, APP_KEY, strategy);
        expect(results.map((r) => r.status)).toEqual(Array(10).fill('fulfilled'));
        expect(limited.log.entries().filter((e) => e.code === '1006')).toEqual([]);
      } finally {
        await limited.close();
      }
    },
  );

  it('a client that ignores the limit is throttled with a retryable RateLimitedError', async () => {
    const limited = await startSandbox({
      port: 0,
      winit: { rateLimit: { limit: 5, windowMs: 1000 } },
    });
    try {
      const results = await burst(100, limited.url, 'rebecca');
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toBeInstanceOf(RateLimitedError);
      expect(errors[0]).toMatchObject({ providerCode: '1006', retryable: true });
    } finally {
      await limited.close();
    }
  });
});
