import {
  AuthError,
  ConfigError,
  DuplicateKeyError,
  InvError,
  ProviderError,
  RateLimitedError,
  TransportError,
  UnsupportedError,
} from '@inv/core';
import {
  KINGDEE_SANDBOX_CREDENTIALS as C,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
} from '@inv/kingdee-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { RowCountMismatchError } from './index.js';
import { createKingdeeProvider } from './provider.js';
import { closeStubs, pass, type Reply, stub } from './test-support/stub-gateway.js';

afterEach(closeStubs);

function provider(baseURL: string, extra: Record<string, unknown> = {}) {
  return createKingdeeProvider({
    clientId: C.clientId,
    clientSecret: C.clientSecret,
    outerInstanceId: C.account.outerInstanceId,
    baseURL,
    rateLimit: { limit: 100_000, intervalMs: 1000 },
    retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });
}

async function failure(promise: Promise<unknown> | undefined): Promise<InvError> {
  const error = await (promise as Promise<unknown>).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvError);
  return error as InvError;
}

describe('options are validated at construction', () => {
  const base = { clientId: '1', clientSecret: 's', outerInstanceId: '1' };
  it.each([
    [{ ...base, clientId: undefined }, 'clientId', 'client_id'],
    [{ ...base, clientSecret: '' }, 'clientSecret', 'client_secret'],
    [{ ...base, baseURL: 'not a url' }, 'baseURL', 'absolute'],
    [{ ...base, batchSize: 0 }, 'batchSize', 'at least 1'],
    [{ ...base, batchSize: 101 }, 'batchSize', 'at most 100'],
    [{ ...base, pageSize: 500 }, 'pageSize', 'at most 100'],
    [{ ...base, timeZone: 'Mars/Base' }, 'timeZone', 'IANA'],
    [{ ...base, arrayFormat: 'xml' }, 'arrayFormat', 'brackets'],
    [{ clientId: '1', clientSecret: 's' }, 'outerInstanceId', 'appKey + appSecret + domain'],
    [{ clientId: '1', clientSecret: 's', appKey: 'k' }, 'appSecret', 'together'],
    [{ ...base, maxResponseBytes: 0 }, 'maxResponseBytes', 'positive number of bytes'],
    [{ ...base, retry: { retries: -1 } }, 'retry.retries', '0 or more'],
    [{ ...base, rateLimit: { strategy: 'fixed' } }, 'rateLimit.strategy', 'sliding-window'],
  ])('%# refuses %o naming %s', (options, option, fix) => {
    let error: unknown;
    try {
      createKingdeeProvider(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).option).toBe(option);
    expect((error as Error).message).toContain(fix);
    expect((error as Error).message).not.toContain('"s"');
  });

  it('declares its capabilities and limits', () => {
    const p = provider('https://api.kingdee.com', { batchSize: 50 });
    expect([...p.capabilities]).toEqual([
      'inventory.byIds',
      'inventory.bySkus',
      'inventory.list',
      'inventory.changes',
    ]);
    expect(p.limits).toEqual({
      maxBatchSize: 50,
      maxPageSize: 100,
      rateLimit: { limit: 100_000, intervalMs: 1000 },
    });
  });
});

describe('transport options', () => {
  it('passes maxResponseBytes to the transport: a larger answer is a ResponseTooLargeError', async () => {
    const gateway = await stub((_req, url) =>
      url.pathname.endsWith('inv_synchronous')
        ? { body: { errcode: 0, data: { rows: [], pad: 'x'.repeat(4096) } } }
        : pass,
    );
    const p = provider(gateway.url, { maxResponseBytes: 1024 });
    const error = await failure(p.inventory.byIds?.(['1']));
    expect(error).toMatchObject({
      code: 'INV_RESPONSE_TOO_LARGE',
      limitBytes: 1024,
      retryable: false,
    });
  });
});

describe('token flow', () => {
  it('accepts the {code:200} envelope, assumes 24 h without expires, and runs one flow for concurrent calls', async () => {
    const gateway = await stub((_req, url) => {
      if (url.pathname.endsWith('push_app_authorize')) {
        return {
          body: {
            code: 200,
            msg: 'ok',
            data: [{ appKey: 'abc', appSecret: 'abc123', domain: 'https://tf.jdy.com', status: 1 }],
          },
        };
      }
      if (url.pathname.endsWith('inv_synchronous'))
        return { body: { errcode: 0, data: { rows: [] } } };
      return pass;
    });
    let now = 1_700_000_000_000;
    const p = provider(gateway.url, { now: () => now, batchSize: 1 });
    await p.inventory.byIds?.(['1', '2', '3', '4', '5']);
    const tokenCalls = () =>
      gateway.calls.filter((u) => u.pathname.endsWith('kingdee_auth_token')).length;
    expect(tokenCalls()).toBe(1);
    now += 23 * 3600_000;
    await p.inventory.byIds?.(['1']);
    expect(tokenCalls()).toBe(1);
    now += 56 * 60_000; // within the 5-minute refresh margin of the assumed 24 h
    await p.inventory.byIds?.(['1']);
    expect(tokenCalls()).toBe(2);
    const session = await p.client.session();
    expect(session).toEqual({
      appToken: 'eyJstub',
      domain: 'https://tf.jdy.com',
      expiresAt: now + 24 * 3600_000,
    });
  });

  it('re-runs push_app_authorize once when the appSecret went stale (1030002006)', async () => {
    let refusals = 1;
    const gateway = await stub((_req, url) => {
      if (url.pathname.endsWith('kingdee_auth_token') && refusals-- > 0) {
        return {
          body: { errcode: 1030002006, description: '授权密钥校验失败，请获取最新密钥加密' },
        };
      }
      if (url.pathname.endsWith('inv_synchronous'))
        return { body: INV_SYNCHRONOUS_RESPONSE_SAMPLE };
      return pass;
    });
    const result = await provider(gateway.url).inventory.byIds?.(['2']);
    expect(result?.records.map((r) => r.key)).toEqual(['2']);
    expect(gateway.calls.map((u) => u.pathname.split('/').at(-1))).toEqual([
      'push_app_authorize',
      'kingdee_auth_token',
      'push_app_authorize',
      'kingdee_auth_token',
      'inv_synchronous',
    ]);
  });

  it('says so when the account has no active authorisation', async () => {
    const gateway = await stub((_req, url) =>
      url.pathname.endsWith('push_app_authorize') ? { body: { errcode: 0, data: [] } } : pass,
    );
    const error = await failure(provider(gateway.url).inventory.byIds?.(['1']));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('no active authorisation');
  });
});

describe('answers are interpreted through one table', () => {
  const business = (reply: Reply) => async () => {
    const gateway = await stub((_req, url) => (url.pathname.startsWith('/jdy/') ? reply : pass));
    return failure(provider(gateway.url).inventory.byIds?.(['1']));
  };

  it('519 with description_cn keeps the provider code and both texts', async () => {
    const error = await business({
      status: 519,
      body: { errcode: 5001, description: 'API_NOT_FOUND', description_cn: 'API不存在' },
    })();
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error.details).toMatchObject({
      errcode: '5001',
      description: 'API_NOT_FOUND',
      descriptionCn: 'API不存在',
      status: 519,
    });
  });

  it('429 with Retry-After is a RateLimitedError after retries', async () => {
    const error = await business({
      status: 429,
      body: { errcode: 429, description: '已被限流' },
      headers: { 'retry-after': '0' },
    })();
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ providerCode: '429', retryAfterMs: 0 });
  });

  it('an unknown non-zero errcode is a ProviderError keeping the description', async () => {
    const error = await business({ body: { errcode: 123456, description: '库存不足' } })();
    expect(error.constructor).toBe(ProviderError);
    expect(error).toMatchObject({ providerCode: '123456', providerMessage: '库存不足' });
  });

  it('an HTML error page is a retryable TransportError', async () => {
    const error = await business({ status: 502, body: '<html>bad gateway</html>' })();
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(true);
  });

  it('the errorTable option overrides an entry', async () => {
    const gateway = await stub((_req, url) =>
      url.pathname.startsWith('/jdy/') ? { body: { errcode: 123456, description: 'x' } } : pass,
    );
    const error = await failure(
      provider(gateway.url, {
        errorTable: { '123456': { kind: 'auth', name: 'CUSTOM' } },
      }).inventory.byIds?.(['1']),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('CUSTOM');
  });
});

describe('rows', () => {
  it('keeps a 19-digit id sent as a JSON number, and normalizes the documented sample', async () => {
    const gateway = await stub((_req, url) => {
      if (!url.pathname.endsWith('inv_synchronous')) return pass;
      const row = JSON.stringify({ ...INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0], id: 'ID' });
      return {
        body: `{"errcode":0,"data":{"rows":[${row.replace('"ID"', '1700000000000000001')}]}}`,
      };
    });
    const result = await provider(gateway.url).inventory.byIds?.(['1700000000000000001']);
    const record = result?.records[0];
    expect(record?.key).toBe('1700000000000000001');
    expect(record?.quantities).toEqual({
      onHand: '1',
      available: '1',
      reserved: '12',
      frozen: null,
      inboundInTransit: '14',
      pendingOutbound: '13',
    });
    expect(record?.batch).toEqual({
      lot: '001',
      productionDate: '2',
      expiryDate: '15',
      shelfLife: { value: '12', unit: 'day' },
    });
    expect(record?.item).toEqual({
      sku: '8440',
      id: '8440',
      name: '8440',
      variant: { id: '0001', code: '0001', name: '辅助属性1' },
    });
    expect(record?.raw.id).toBe('1700000000000000001');
    const ids = gateway.calls.find((u) => u.pathname.endsWith('inv_synchronous'))?.search;
    expect(ids).toBe('?ids=%5B1700000000000000001%5D');
  });

  it('keeps quantities JSON.parse would round: beyond 2^53 and long decimals', async () => {
    const gateway = await stub((_req, url) => {
      if (!url.pathname.endsWith('inv_synchronous')) return pass;
      const row = JSON.stringify({
        ...INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0],
        qty: 'QTY',
        exp_valid_qty: 'AVAILABLE',
        sal_lock_qty: 'LOCKED',
        sal_occupy_qty: 0,
      })
        .replace('"QTY"', '9007199254740993')
        .replace('"AVAILABLE"', '123456789012345.678')
        .replace('"LOCKED"', '0.1000000000000000055511151231257827');
      return { body: `{"errcode":0,"data":{"rows":[${row}]}}` };
    });
    const result = await provider(gateway.url).inventory.byIds?.(['2']);
    expect(result?.records[0]?.quantities).toMatchObject({
      onHand: '9007199254740993',
      available: '123456789012345.678',
      reserved: '0.1000000000000000055511151231257827',
    });
  });

  it('refuses an answer naming errcode twice instead of reading the last one, once', async () => {
    let answered = 0;
    const gateway = await stub((_req, url) => {
      if (!url.pathname.endsWith('inv_synchronous')) return pass;
      answered++;
      return {
        body: '{"errcode":1004,"description":"签名错误","data":{"rows":[]},"errcode":0}',
      };
    });
    const error = await failure(provider(gateway.url).inventory.byIds?.(['1']));
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error).toMatchObject({
      code: 'INV_RESPONSE_SHAPE',
      provider: 'kingdee',
      retryable: false,
      key: 'errcode',
      path: 'errcode',
    });
    expect(answered).toBe(1);
  });

  it('refuses a gateway error (HTTP 519) naming errcode twice', async () => {
    const gateway = await stub((_req, url) =>
      url.pathname.endsWith('inv_synchronous')
        ? { status: 519, body: '{"errcode":5000,"description":"x","errcode":0}' }
        : pass,
    );
    const error = await failure(provider(gateway.url).inventory.byIds?.(['1']));
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error).toMatchObject({ key: 'errcode', retryable: false });
  });

  it('derives available from on hand when asked', async () => {
    const gateway = await stub((_req, url) =>
      url.pathname.endsWith('inv_synchronous') ? { body: INV_SYNCHRONOUS_RESPONSE_SAMPLE } : pass,
    );
    const result = await provider(gateway.url, {
      availableFrom: 'on-hand-minus-committed',
    }).inventory.byIds?.(['2']);
    expect(result?.records[0]?.quantities.available).toBe('-24');
  });

  it('throws RowCountMismatchError when a page holds fewer rows than count announces (§9.2)', async () => {
    const row = { material_id: '1', stock_id: '2', qty: '1', valid_qty: '1' };
    const gateway = await stub((_req, url) => {
      if (!url.pathname.endsWith('scm/inventory')) return pass;
      const page = Number(url.searchParams.get('page'));
      const rows = Array.from({ length: page === 1 ? 100 : 50 }, (_, i) => ({
        ...row,
        batch_no: `${page}-${i}`,
      }));
      return {
        body: { errcode: 0, data: { count: '250', page, page_size: 100, total_page: 3, rows } },
      };
    });
    const pages = provider(gateway.url).inventory.pages?.() as AsyncIterable<unknown>;
    const seen: unknown[] = [];
    const error = await failure(
      (async () => {
        for await (const page of pages) seen.push(page);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(RowCountMismatchError);
    expect(error).toMatchObject({ expected: 100, received: 50, page: 2 });
    expect(error.message).toContain('50 rows missing');
  });
});
