import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  ConfigError,
  InvalidRequestError,
  type InventoryRecord,
  ProviderError,
  SignatureError,
} from '@inv/core';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createWinitClient } from './client.js';
import { createWinitProvider } from './provider.js';
import { type FakeGateway, startFakeGateway } from './test-support/fake-gateway.js';

const credentials = {
  appKey: 'demo@example.com',
  token: WINIT_SANDBOX_CREDENTIALS.token,
};

const ok = (data: unknown) => ({ code: '0', msg: '操作成功', data });

const gateways: FakeGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.close()));
});
const fake = async (answer: Parameters<typeof startFakeGateway>[0]) => {
  const gateway = await startFakeGateway(answer);
  gateways.push(gateway);
  return { baseURL: gateway.url, sent: gateway.sent };
};

describe('options validation', () => {
  it.each([
    [{ token: 'x' }, 'appKey'],
    [{ appKey: ' ', token: 'x' }, 'appKey'],
    [{ appKey: 'a' }, 'token'],
    [{ ...credentials, clientId: 'C' }, 'clientSecret'],
    [{ ...credentials, baseURL: 'not a url' }, 'baseURL'],
    [{ ...credentials, baseURL: 'ftp://example.com' }, 'baseURL'],
    [{ ...credentials, batchSize: 0 }, 'batchSize'],
    [{ ...credentials, batchSize: 501 }, 'batchSize'],
    [{ ...credentials, pageSize: 201 }, 'pageSize'],
    [{ ...credentials, pageSize: 0 }, 'pageSize'],
    [{ ...credentials, environment: 'staging' }, 'environment'],
    [{ ...credentials, rateLimit: { limit: 0 } }, 'rateLimit.limit'],
    [{ ...credentials, rateLimit: { strategy: 'fixed' } }, 'rateLimit.strategy'],
    [{ ...credentials, maxResponseBytes: 1.5 }, 'maxResponseBytes'],
    [{ ...credentials, retry: { retries: -1 } }, 'retry.retries'],
  ])('refuses %j naming %s', (options, option) => {
    let error: unknown;
    try {
      createWinitProvider(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).option).toBe(option);
    expect((error as ConfigError).message).not.toContain(credentials.token);
  });

  it('accepts the documented defaults and declares its limits', () => {
    const provider = createWinitProvider(credentials);
    expect(provider.id).toBe('winit');
    expect(provider.client.baseURL).toBe('https://openapi.winit.com.cn');
    expect(createWinitProvider({ ...credentials, environment: 'sandbox' }).client.baseURL).toBe(
      'https://sandboxopenapi.winit.com.cn',
    );
    expect(
      createWinitProvider({ ...credentials, baseURL: 'http://127.0.0.1:9/openapi/service' }).client
        .baseURL,
    ).toBe('http://127.0.0.1:9');
    expect(provider.limits).toEqual({
      maxBatchSize: 500,
      maxPageSize: 200,
      rateLimit: { limit: 1000, intervalMs: 60_000 },
    });
    expect([...provider.capabilities].sort()).toEqual([
      'inventory.bySkus',
      'inventory.changes',
      'inventory.list',
    ]);
  });
});

describe('createWinitClient', () => {
  it('sends the known-answer vector bytes (app mode, UTC+8 timestamp from the clock)', async () => {
    const vectors = JSON.parse(
      readFileSync(
        createRequire(import.meta.url).resolve('@inv/winit-protocol/vectors.json'),
        'utf8',
      ),
    ) as {
      vectors: { id: string; input: { data: unknown }; expected: { request_body: string } }[];
    };
    const vector = vectors.vectors.find((v) => v.id === 'pageinv-app-mode');
    const { baseURL, sent } = await fake(() => ok({ pageParams: {}, list: [] }));
    const client = createWinitClient({
      ...credentials,
      clientId: 'FAKECLIENTID',
      clientSecret: 'FAKECLIENTSECRET==',
      platform: 'DEMOAPP',
      baseURL,
      // 2024-01-01 04:00:00Z is 12:00:00 in UTC+8.
      now: () => new Date('2024-01-01T04:00:00.000Z'),
    });
    await client.call('winit.inventory.type.pageInv', vector?.input.data);
    expect(sent[0]?.text).toBe(vector?.expected.request_body);
    expect(sent[0]?.url).toBe('/openapi/service');
    expect(sent[0]?.headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it('passes maxResponseBytes to the transport: a larger answer is a ResponseTooLargeError', async () => {
    const { baseURL } = await fake(() => ok({ pageParams: {}, list: ['x'.repeat(4096)] }));
    const client = createWinitClient({ ...credentials, baseURL, maxResponseBytes: 1024 });
    await expect(client.call('winit.inventory.type.pageInv', {})).rejects.toMatchObject({
      code: 'INV_RESPONSE_TOO_LARGE',
      limitBytes: 1024,
    });
  });

  it('decides success on String(code) === "0", never on msg', async () => {
    const { baseURL } = await fake((_sent, i) =>
      i === 0 ? { code: 0, msg: null, data: [1] } : { code: '1', msg: '操作成功', data: '' },
    );
    const client = createWinitClient({ ...credentials, baseURL });
    await expect(client.call('queryWarehouse', '')).resolves.toEqual([1]);
    const error = await client.call('queryWarehouse', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ providerCode: '1', providerMessage: '操作成功' });
  });

  it('maps error codes, keeping code and msg and never leaking the token', async () => {
    const { baseURL } = await fake(() => ({ code: '1004', msg: '签名验证失败', data: '' }));
    const client = createWinitClient({ ...credentials, baseURL });
    const error = await client.call('queryWarehouse', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureError);
    expect(error).toMatchObject({ providerCode: '1004' });
    expect(JSON.stringify(error)).not.toContain(credentials.token);
  });

  it('retries a throttled request (1006) and re-signs it with a fresh timestamp', async () => {
    let clock = Date.UTC(2024, 0, 1, 4, 0, 0);
    const { baseURL, sent } = await fake((_sent, i) => {
      clock += 5000;
      return i === 0 ? { code: '1006', msg: '请求过于频繁', data: '' } : ok([]);
    });
    const client = createWinitClient({
      ...credentials,
      appKey: 'retry@example.com',
      baseURL,
      retry: { baseDelayMs: 0, maxDelayMs: 0 },
      now: () => clock,
    });
    await expect(client.call('queryWarehouse', '')).resolves.toEqual([]);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.body.timestamp).toBe('2024-01-01 12:00:00');
    expect(sent[1]?.body.timestamp).toBe('2024-01-01 12:00:05');
    expect(sent[1]?.body.sign).not.toBe(sent[0]?.body.sign);
  });

  it('treats HTTP 429 as a retryable throttle', async () => {
    const { baseURL, sent } = await fake((_sent, i) =>
      i === 0 ? { status: 429, text: 'busy' } : ok([]),
    );
    const client = createWinitClient({
      ...credentials,
      appKey: 'http429@example.com',
      baseURL,
      retry: { baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.call('queryWarehouse', '')).resolves.toEqual([]);
    expect(sent).toHaveLength(2);
  });
});

/** Rows of a fake warehouse: `count` SKUs, one GOOD 2C row each. */
function rowsFor(codes: readonly string[]): Record<string, unknown>[] {
  return codes.map((code, i) => ({
    warehouseCode: 'US0001',
    merchandiseCode: code,
    merchandiseGrade: 'GOOD',
    serviceType: '2C',
    inStockQty: i % 2 === 0 ? String(i) : i,
    usableQty: i,
    frozenQty: '0',
    version: `2024010112000000${String(i).padStart(5, '0')}`,
  }));
}

describe('inventory.bySkus (batch.query)', () => {
  it('chunks at batchSize, merges results and reports missing SKUs', async () => {
    const known = new Set(Array.from({ length: 1100 }, (_, i) => `SKU${i}`));
    const { baseURL, sent } = await fake((s) => {
      const data = s.body.data as { merchandises: { merchandiseCode: string }[] };
      const found = data.merchandises.map((m) => m.merchandiseCode).filter((c) => known.has(c));
      return ok({
        pageParams: { pageNo: 1, pageSize: found.length, totalCount: found.length },
        list: rowsFor(found),
      });
    });
    const provider = createWinitProvider({
      ...credentials,
      baseURL,
      warehouseCode: 'US0001',
    });
    const skus = [...Array.from({ length: 1150 }, (_, i) => `SKU${i}`), 'SKU1'];
    const result = await provider.inventory.bySkus?.(skus);
    expect(
      sent.map((s) => (s.body.data as { merchandises: unknown[] }).merchandises.length),
    ).toEqual([500, 500, 150]);
    expect(sent.every((s) => s.body.action === 'winit.inventory.type.batch.query')).toBe(true);
    expect(result?.records).toHaveLength(1100);
    expect(result?.missing).toEqual(Array.from({ length: 50 }, (_, i) => `SKU${1100 + i}`));
  });

  it('needs a warehouse and refuses before sending', async () => {
    const { baseURL, sent } = await fake(() => ok({}));
    const provider = createWinitProvider({ ...credentials, baseURL });
    await expect(provider.inventory.bySkus?.(['A'])).rejects.toMatchObject({
      option: 'warehouseCode',
    });
    await expect(
      provider.byMerchandises([{ merchandiseCode: '' }], { warehouseCode: 'US0001' }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(sent).toHaveLength(0);
  });

  it('matches code + specification, null and "" alike', async () => {
    const { baseURL } = await fake(() =>
      ok({
        list: [
          { merchandiseCode: 'A', specification: 'red', warehouseCode: 'US0001' },
          { merchandiseCode: 'B', specification: '', warehouseCode: 'US0001' },
        ],
      }),
    );
    const provider = createWinitProvider({ ...credentials, baseURL });
    const result = await provider.byMerchandises(
      [
        { merchandiseCode: 'A', specification: 'red' },
        { merchandiseCode: 'A', specification: 'blue' },
        { merchandiseCode: 'B', specification: null },
      ],
      { warehouseCode: 'US0001' },
    );
    expect(result.missingMerchandises).toEqual([{ merchandiseCode: 'A', specification: 'blue' }]);
    expect(result.records.map((r) => r.item.variant?.code ?? null)).toEqual(['red', null]);
  });
});

describe('inventory.pages (pageInv)', () => {
  const segmentRows = (data: Record<string, unknown>): Record<string, unknown>[] => {
    // 5 rows in 2C/GOOD, 2 in 2B/DEFECTIVE, none elsewhere.
    const count =
      data.serviceType === '2C' && data.merchandiseGrade === 'GOOD'
        ? 5
        : data.serviceType === '2B' && data.merchandiseGrade === 'DEFECTIVE'
          ? 2
          : 0;
    return Array.from({ length: count }, (_, i) => ({
      warehouseCode: data.warehouseCodes,
      merchandiseCode: `SKU${i}`,
      serviceType: data.serviceType,
      merchandiseGrade: data.merchandiseGrade,
      inStockQty: i,
    }));
  };
  const gateway = () =>
    fake((s) => {
      if (s.body.action === 'queryWarehouse') {
        return ok([
          { warehouseID: 2, warehouseCode: 'DE0001', warehouseName: 'DE' },
          { warehouseId: '1', warehouseCode: 'US0001', warehouseName: 'US' },
        ]);
      }
      const data = s.body.data as Record<string, unknown> & {
        pageVo: { pageNo: number; pageSize: number };
      };
      const rows = segmentRows(data);
      const { pageNo, pageSize } = data.pageVo;
      return ok({
        pageParams: { pageNo, pageSize, totalCount: rows.length },
        list: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize),
      });
    });

  it('walks every serviceType × grade with exact paging and a resumable cursor', async () => {
    const { baseURL, sent } = await gateway();
    const provider = createWinitProvider({
      ...credentials,
      baseURL,
      warehouseCodes: ['US0001'],
      pageSize: 2,
    });
    const pages = [];
    for await (const page of provider.inventory.pages?.() ?? []) pages.push(page);
    const items = pages.flatMap((p) => p.items);
    expect(items).toHaveLength(7);
    // 2C/GOOD: 3 pages; 2C/DEFECTIVE: 1 empty; 2B/GOOD: 1 empty; 2B/DEFECTIVE: 1 page.
    expect(sent).toHaveLength(6);
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages.every((p) => p.total === undefined)).toBe(true);
    expect(pages[0]?.next).toMatchObject({ serviceType: '2C', grade: 'GOOD', pageNo: 2 });

    const resumed: InventoryRecord[] = [];
    for await (const page of provider.inventory.pages?.({ cursor: pages[1]?.next ?? undefined }) ??
      [])
      resumed.push(...page.items);
    expect(resumed.map((r) => r.key)).toEqual(items.slice(4).map((r) => r.key));
  });

  it('lists warehouses from queryWarehouse when none are configured', async () => {
    const { baseURL, sent } = await gateway();
    const provider = createWinitProvider({ ...credentials, baseURL });
    const items: InventoryRecord[] = [];
    for await (const item of provider.inventory.list?.() ?? []) items.push(item);
    expect(items).toHaveLength(14);
    expect(sent[0]?.body).toMatchObject({ action: 'queryWarehouse', data: '' });
    expect(
      new Set(sent.slice(1).map((s) => (s.body.data as { warehouseCodes: string }).warehouseCodes)),
    ).toEqual(new Set(['DE0001', 'US0001']));
    expect(await provider.warehouses()).toMatchObject([
      { id: '2', code: 'DE0001' },
      { id: '1', code: 'US0001' },
    ]);
  });

  it('sends the change window in UTC+8 for inventory.changes', async () => {
    const { baseURL, sent } = await gateway();
    const provider = createWinitProvider({
      ...credentials,
      baseURL,
      warehouseCodes: ['US0001'],
      serviceTypes: ['2C'],
      grades: ['GOOD'],
    });
    const pages = [];
    for await (const page of provider.inventory.changes?.({
      since: new Date('2024-01-01T00:00:00Z'),
      until: new Date('2024-01-01T04:00:00Z'),
    }) ?? [])
      pages.push(page);
    expect(sent[0]?.body.data).toMatchObject({
      startTime: '2024-01-01 08:00:00',
      endTime: '2024-01-01 12:00:00',
    });
    expect(pages[0]?.items).toHaveLength(5);
    expect(pages[0]?.total).toBe(5);
  });

  it('refuses a foreign cursor naming the option', async () => {
    const { baseURL } = await gateway();
    const provider = createWinitProvider({ ...credentials, baseURL });
    const iterator = provider.inventory.pages?.({ cursor: { page: 3 } })[Symbol.asyncIterator]();
    await expect(iterator?.next()).rejects.toMatchObject({ option: 'cursor' });
  });
});
