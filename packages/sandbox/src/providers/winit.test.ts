import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  buildRequestBody,
  canonicalData,
  computeSign,
  formatWinitTimestamp,
  type SignedFields,
  WINIT_SAMPLE_EPOCH_MS,
  WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT,
  WINIT_SAMPLE_RESPONSE_TEXT,
  WINIT_SANDBOX_CREDENTIALS,
} from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app.js';
import { WINIT_STRING_TO_SIGN_HEADER, type WinitSandboxOptions } from './winit.js';
import { createWinitSandboxState } from './winit-data.js';

const { token, clientId, clientSecret } = WINIT_SANDBOX_CREDENTIALS;
/** 2024-01-01 12:00:00 in UTC+8, the vectors' timestamp. */
const VECTOR_NOW = Date.UTC(2024, 0, 1, 4, 0, 0);

interface Vector {
  id: string;
  expected: { request_body: string };
}
const vectors = (
  JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve('@inv/winit-protocol/vectors.json'),
      'utf8',
    ),
  ) as { vectors: Vector[] }
).vectors;
const vector = (id: string): Vector => {
  const found = vectors.find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found;
};

// One dataset for every test that does not mutate it: generation is deterministic anyway.
const sharedState = createWinitSandboxState();

function sandbox(winit: WinitSandboxOptions = {}, now = VECTOR_NOW) {
  return createSandboxApp({ now: () => now, winit: { state: sharedState, ...winit } });
}

interface SignOptions {
  action?: string;
  appKey?: string;
  timestamp?: string;
  secret?: string;
  app?: boolean;
  /** Overrides of the body after signing (tampering). */
  override?: Record<string, unknown>;
}

/** A request body signed the way the protocol says, optionally tampered afterwards. */
function signedBody(data: unknown, options: SignOptions = {}): string {
  const fields: SignedFields = {
    action: options.action ?? 'winit.inventory.type.pageInv',
    app_key: options.appKey ?? 'demo@example.com',
    format: 'json',
    platform: '',
    sign_method: 'md5',
    timestamp: options.timestamp ?? formatWinitTimestamp(VECTOR_NOW),
    version: '1.0',
  };
  const dataString = canonicalData(data);
  const body = buildRequestBody(
    {
      ...fields,
      language: 'zh_CN',
      sign: computeSign(fields, dataString, options.secret ?? token),
      client_id: options.app ? clientId : undefined,
      client_sign: options.app ? computeSign(fields, dataString, clientSecret) : undefined,
    },
    dataString,
  );
  return options.override ? JSON.stringify({ ...JSON.parse(body), ...options.override }) : body;
}

async function post(
  app: ReturnType<typeof sandbox>['app'],
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' },
) {
  const res = await app.request('/openapi/service', { method: 'POST', body, headers });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field in each test
  return { res, text, json: JSON.parse(text) as { code: string; msg: string; data: any } };
}

describe('documented examples (§11.4)', () => {
  it.each([
    ['seed-example-pageinv-attributes', WINIT_SAMPLE_RESPONSE_TEXT],
    ['seed-example-pageinv-aggregate', WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT],
  ])('replays %s with its documented response, byte for byte', async (id, expected) => {
    const { app } = sandbox({}, WINIT_SAMPLE_EPOCH_MS);
    const { res, text } = await post(app, vector(id).expected.request_body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(text).toBe(expected);
  });

  it('replays with the skew check off instead of a frozen clock', async () => {
    const { app } = createSandboxApp({ winit: { state: sharedState, timestampWindowMs: false } });
    const { text } = await post(
      app,
      vector('seed-example-pageinv-attributes').expected.request_body,
    );
    expect(text).toBe(WINIT_SAMPLE_RESPONSE_TEXT);
  });

  it('refuses the 2021 examples as stale with the default skew', async () => {
    const { app } = createSandboxApp({ winit: { state: sharedState } });
    const { json } = await post(
      app,
      vector('seed-example-pageinv-attributes').expected.request_body,
    );
    expect(json.code).toBe('1003');
    expect(json.msg).toMatch(/^时间戳无效或已过期: .*behind.*allowed skew ±600 s/);
  });
});

describe('known-answer vectors as requests', () => {
  it('accepts the app-mode pageInv vector and the empty-data vectors', async () => {
    const { app } = sandbox();
    for (const id of ['pageinv-app-mode', 'null-dropping', 'batch-query-nested']) {
      const { json } = await post(app, vector(id).expected.request_body);
      expect(json, id).toMatchObject({ code: '0', msg: '操作成功' });
    }
    const { json } = await post(app, vector('querywarehouse-empty-data').expected.request_body);
    expect(json.code).toBe('0');
    expect(json.data.map((w: { warehouseCode: string }) => w.warehouseCode)).toEqual([
      'US0001',
      'DE0001',
      'UK0001',
      'AU0001',
    ]);
    expect(json.data[0]).toEqual({
      warehouseID: '1000001',
      warehouseCode: 'US0001',
      warehouseName: expect.any(String),
      warehouseAddress: expect.any(String),
    });
  });

  it('treats absent, null, "" and blank data alike (§5)', async () => {
    const { app } = sandbox();
    const body = JSON.parse(vector('querywarehouse-empty-data').expected.request_body);
    const { data: _data, ...withoutData } = body;
    for (const variant of [withoutData, { ...body, data: null }, { ...body, data: '  ' }]) {
      const { json } = await post(app, JSON.stringify(variant));
      expect(json.code).toBe('0');
    }
  });

  it('verifies the UTF-8 vector, then refuses its action as unknown (1007)', async () => {
    const { app } = sandbox();
    const { json } = await post(app, vector('utf8-key-order').expected.request_body);
    expect(json).toEqual({
      code: '1007',
      msg: expect.stringMatching(
        /^接口不存在: action "queryProductInventoryList4Page" is not served/,
      ),
      data: '',
    });
  });

  it('parses a JSON body sent with a form content type, or none (§1)', async () => {
    const { app } = sandbox();
    const body = vector('querywarehouse-empty-data').expected.request_body;
    const form = await post(app, body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.json.code).toBe('0');
    const none = await post(app, body, {});
    expect(none.json.code).toBe('0');
  });
});

describe('refusals, in the §7 order, each saying why', () => {
  const refusal = async (
    body: string,
    options: WinitSandboxOptions = {},
  ): Promise<{ code: string; msg: string; header: string | null }> => {
    const { app } = sandbox(options);
    const { res, json } = await post(app, body);
    expect(res.status).toBe(200);
    expect(json.data).toBe('');
    return { code: json.code, msg: json.msg, header: res.headers.get(WINIT_STRING_TO_SIGN_HEADER) };
  };
  const valid = signedBody({ pageVo: { pageNo: 1, pageSize: 10 } });

  it.each([
    ['{not json', /^系统参数错误: body is not valid JSON .*: expected one JSON object/],
    ['[1,2]', /^系统参数错误: body is an array: expected a JSON object/],
    ['null', /^系统参数错误: body is null: expected a JSON object/],
    ['"text"', /^系统参数错误: body is a string: expected a JSON object/],
  ])('1001 for body %s', async (body, msg) => {
    const result = await refusal(body);
    expect(result.code).toBe('1001');
    expect(result.msg).toMatch(msg);
  });

  it.each([
    [{ sign: undefined }, /^系统参数错误: sign is missing/],
    [{ action: '' }, /^系统参数错误: action is blank/],
    [{ app_key: 42 }, /^系统参数错误: app_key is a number: expected a string/],
    [{ timestamp: null }, /^系统参数错误: timestamp is missing/],
    [{ format: 'xml' }, /^系统参数错误: format "xml" is not supported: expected "json"/],
    [{ sign_method: 'sha1' }, /^系统参数错误: sign_method "sha1" is not supported: expected "md5"/],
    [{ version: '2.0' }, /^系统参数错误: version "2.0" is not supported: expected "1.0"/],
    [{ platform: 7 }, /^系统参数错误: platform is a number: expected a string/],
  ])('1001 for envelope %j', async (override, msg) => {
    const result = await refusal(signedBody({}, { override }));
    expect(result).toMatchObject({ code: '1001' });
    expect(result.msg).toMatch(msg);
  });

  it('1002 for an unknown app_key or client_id, before the timestamp check', async () => {
    const unknown = await refusal(
      signedBody({}, { appKey: 'nobody@example.com', timestamp: '2000-01-01 00:00:00' }),
    );
    expect(unknown.code).toBe('1002');
    expect(unknown.msg).toBe(
      '用户不存在: app_key "nobody@example.com" is not a sandbox account: expected one of demo@example.com, rebecca',
    );
    const client = await refusal(signedBody({}, { app: true, override: { client_id: 'OTHER' } }));
    expect(client.code).toBe('1002');
    expect(client.msg).toMatch(/client_id "OTHER" is not a sandbox app/);
  });

  it('1003 for a malformed, impossible or stale timestamp', async () => {
    for (const timestamp of ['2024/01/01 12:00:00', '2024-02-30 12:00:00', '2024-01-01 12:00']) {
      const result = await refusal(signedBody({}, { timestamp }));
      expect(result.code).toBe('1003');
      expect(result.msg).toMatch(/is not a real date-time: expected yyyy-MM-dd HH:mm:ss/);
    }
    const stale = await refusal(signedBody({}, { timestamp: '2024-01-01 11:49:59' }));
    expect(stale.msg).toBe(
      '时间戳无效或已过期: timestamp "2024-01-01 11:49:59" is 601 s behind the sandbox clock 2024-01-01 12:00:00 (UTC+8): expected within the allowed skew ±600 s',
    );
    const ahead = await refusal(signedBody({}, { timestamp: '2024-01-01 12:10:01' }));
    expect(ahead.msg).toMatch(/is 601 s ahead of the sandbox clock/);
  });

  it('reads the timestamp in UTC+8, not UTC (§9)', async () => {
    // The same wall-clock text read as UTC would be 8 h off and refused.
    const { app } = sandbox();
    const { json } = await post(app, signedBody({}, { timestamp: '2024-01-01 12:00:00' }));
    expect(json.code).toBe('0');
    const utc = await refusal(signedBody({}, { timestamp: '2024-01-01 04:00:00' }));
    expect(utc.code).toBe('1003');
  });

  it('1004 with the masked string-to-sign when the data was tampered after signing', async () => {
    const result = await refusal(
      signedBody({ pageVo: { pageNo: 1 } }, { override: { data: { pageVo: { pageNo: 2 } } } }),
    );
    expect(result.code).toBe('1004');
    expect(result.msg).toMatch(/^签名验证失败: sign does not match/);
    const shown = Buffer.from(result.header ?? '', 'base64').toString('utf8');
    expect(shown).toBe(
      '{token}actionwinit.inventory.type.pageInvapp_keydemo@example.comdata{"pageVo":{"pageNo":2}}formatjsonplatformsign_methodmd5timestamp2024-01-01 12:00:00version1.0{token}',
    );
    expect(shown).not.toContain(token);
  });

  it('1004 for a wrong token, a lowercase or a short sign', async () => {
    expect((await refusal(signedBody({}, { secret: 'F'.repeat(32) }))).code).toBe('1004');
    const body = JSON.parse(valid);
    const lower = await refusal(JSON.stringify({ ...body, sign: body.sign.toLowerCase() }));
    expect(lower).toMatchObject({ code: '1004' });
    expect(lower.msg).toMatch(/hex must be UPPERCASE/);
    const short = await refusal(JSON.stringify({ ...body, sign: 'ABC' }));
    expect(short.msg).toMatch(/sign has 3 characters: expected 32 uppercase hex digits \(MD5\)/);
  });

  it('strictDataBytes: refuses non-canonical raw data text that the default mode accepts', async () => {
    const body = JSON.parse(signedBody({ pageVo: { pageNo: 1, pageSize: 10 } }));
    // Same parsed data, keys out of order and spaced: signs the same canon(data).
    const raw = JSON.stringify({ ...body, data: 'DATA' }).replace(
      '"DATA"',
      '{ "pageVo": {"pageSize":10, "pageNo":1} }',
    );
    const { app } = sandbox();
    expect((await post(app, raw)).json.code).toBe('0');
    const strict = await refusal(raw, { strictDataBytes: true });
    expect(strict.code).toBe('1004');
    expect(strict.msg).toMatch(
      /data text .* is not the canonical DATA byte for byte \(strictDataBytes\): expected "\{\\"pageVo\\":\{\\"pageNo\\":1,\\"pageSize\\":10\}\}"/,
    );
    const { app: strictApp } = sandbox({ strictDataBytes: true });
    expect((await post(strictApp, JSON.stringify(body))).json.code).toBe('0');
  });

  it('1005 when app mode is required or the client_sign is wrong', async () => {
    const required = await refusal(valid, { requireClientSign: true });
    expect(required).toMatchObject({ code: '1005' });
    expect(required.msg).toMatch(/client_id is required: this sandbox requires app mode/);
    const app = signedBody({}, { app: true });
    const { app: strict } = sandbox({ requireClientSign: true });
    expect((await post(strict, app)).json.code).toBe('0');
    const wrong = await refusal(
      JSON.stringify({ ...JSON.parse(app), client_sign: '0'.repeat(32) }),
    );
    expect(wrong.code).toBe('1005');
    const shown = Buffer.from(wrong.header ?? '', 'base64').toString('utf8');
    expect(shown.startsWith('{client_secret}action')).toBe(true);
    expect(shown).not.toContain(clientSecret);
    const missing = await refusal(
      signedBody({}, { app: true, override: { client_sign: undefined } }),
    );
    expect(missing.msg).toMatch(/client_sign is required with client_id/);
  });

  it('1006 beyond the sliding-window limit per app_key, counting only authenticated requests', async () => {
    let now = VECTOR_NOW;
    const { app } = createSandboxApp({
      now: () => now,
      winit: { state: sharedState, rateLimit: { limit: 3, intervalMs: 1000 } },
    });
    const bad = JSON.stringify({ ...JSON.parse(valid), sign: '0'.repeat(32) });
    for (let i = 0; i < 5; i++) expect((await post(app, bad)).json.code).toBe('1004');
    for (let i = 0; i < 3; i++) expect((await post(app, valid)).json.code).toBe('0');
    const limited = await post(app, valid);
    expect(limited.json).toEqual({
      code: '1006',
      msg: '请求过于频繁: app_key "demo@example.com" sent 3 requests in the last 1000 ms: expected at most 3 per 1000 ms (sliding window)',
      data: '',
    });
    // Another account has its own budget.
    expect((await post(app, signedBody({}, { appKey: 'rebecca' }))).json.code).toBe('0');
    now += 1001;
    expect((await post(app, valid)).json.code).toBe('0');
  });

  it('1007 for an unknown action, after authentication', async () => {
    const result = await refusal(signedBody('', { action: 'winit.nope' }));
    expect(result.code).toBe('1007');
    expect(result.msg).toMatch(/^接口不存在: action "winit.nope" is not served: expected one of /);
  });

  const batch = (data: unknown) => signedBody(data, { action: 'winit.inventory.type.batch.query' });
  const merchandises = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ merchandiseCode: `SKU${i}` }));

  it.each([
    [
      { warehouseCode: 'US0001', merchandises: [] },
      /merchandises must hold at least 1 merchandise \(1 to 500\) \(got 0\)/,
    ],
    [
      { warehouseCode: 'US0001', merchandises: merchandises(501) },
      /merchandises must hold at most 500 merchandises \(1 to 500\) \(got 501\)/,
    ],
    [{ merchandises: merchandises(1) }, /warehouseCode is required/],
    [
      { warehouseCode: 'US0001', merchandises: [{ specification: 'red' }] },
      /merchandises\[0\]\.merchandiseCode is required/,
    ],
    [
      {
        warehouseCode: 'US0001',
        merchandises: merchandises(1),
        inventoryAttribute: { merchandiseGrade: 'BAD' },
      },
      /inventoryAttribute\.merchandiseGrade must be GOOD, DEFECTIVE or empty/,
    ],
    [
      {
        warehouseCode: 'US0001',
        merchandises: merchandises(1),
        aggregateInvManagerTypes: ['COLOR'],
      },
      /aggregateInvManagerTypes\[0\] must be SKU_CODE_THIRD, BATCH or MERCHANDISE_GRADE/,
    ],
    ['', /data is empty data: expected an object \{warehouseCode, merchandises\[1\.\.500\]\}/],
  ])('2001 for batch.query data %#', async (data, msg) => {
    const result = await refusal(batch(data));
    expect(result.code).toBe('2001');
    expect(result.msg).toMatch(/^参数校验失败: /);
    expect(result.msg).toMatch(msg);
  });

  it.each([
    [{ pageVo: { pageSize: 201 } }, /pageVo\.pageSize must be at most 200/],
    [{ pageVo: { pageNo: 0 } }, /pageVo\.pageNo must be 1 or more/],
    [{ serviceType: '3C' }, /serviceType must be 2B, 2C or empty/],
    [{ startTime: '2024-01-01' }, /startTime must be yyyy-MM-dd HH:mm:ss/],
    [
      { startTime: '2024-01-02 00:00:00', endTime: '2024-01-01 00:00:00' },
      /must not be after endTime/,
    ],
    [[1, 2], /data is an array: expected an object or ""/],
  ])('2001 for pageInv data %j', async (data, msg) => {
    const result = await refusal(signedBody(data));
    expect(result.code).toBe('2001');
    expect(result.msg).toMatch(msg);
  });
});

describe('garbage never crashes the gateway', () => {
  it('answers every hostile body with a Winit envelope, never a 5xx', async () => {
    const { app } = sandbox();
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const bodies = [
      '',
      '\u0000\u0001',
      '{"action":',
      `{"action":"x","data":${deep}}`,
      signedBody({}).replace('"data":{}', `"data":${deep}`),
      signedBody({ pageVo: { pageNo: 1e300, pageSize: 10 } }),
      signedBody({ merchandiseCode: 'x'.repeat(100_000) }),
      signedBody({ pageVo: { pageNo: '１' } }),
      '{"__proto__":{"polluted":true},"action":"a"}',
    ];
    for (const body of bodies) {
      const { res, json } = await post(app, body);
      expect(res.status).toBe(200);
      expect(json.code).not.toBe('9999');
      expect(typeof json.msg).toBe('string');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the canonicaliser follows, naming data', async () => {
    const { app } = sandbox();
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const { json } = await post(app, signedBody({}, { override: { data: deep } }));
    expect(json).toMatchObject({
      code: '1001',
      msg: '系统参数错误: data cannot be canonicalised: data is nested deeper than 64 levels',
    });
  });

  it('applies its own maxBodyBytes even when a fault rule read the body first', async () => {
    const body = signedBody({ pageVo: { pageNo: 1, pageSize: 10 }, note: 'x'.repeat(600) });
    for (const faults of [
      undefined,
      { rules: [{ match: { action: 'queryWarehouse' }, fault: { type: 'throttle' as const } }] },
    ]) {
      const app = createSandboxApp({
        now: () => VECTOR_NOW,
        winit: { state: sharedState, maxBodyBytes: 500 },
        faults,
      }).app;
      const { json } = await post(app, body);
      expect(json).toMatchObject({ code: '1001' });
      expect(json.msg).toContain('500-byte limit');
    }
  });

  it('answers a GET with a Winit envelope', async () => {
    const { app } = sandbox();
    const res = await app.request('/openapi/service');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      code: '1001',
      msg: '系统参数错误: method GET is not accepted: expected POST (one JSON body)',
      data: '',
    });
  });

  it('logs a verdict per request without secrets', async () => {
    const { app, log } = sandbox();
    await post(app, signedBody({}, { secret: 'F'.repeat(32) }));
    await post(app, signedBody({}, { app: true }));
    const [accepted, refused] = log.entries();
    expect(accepted).toMatchObject({
      provider: 'winit',
      route: 'winit.inventory.type.pageInv',
      verdict: 'accepted',
    });
    expect(refused).toMatchObject({
      code: '1004',
      verdict: expect.stringMatching(/^refused: 签名验证失败/),
    });
    expect(JSON.stringify(log.entries())).not.toContain(token);
    expect(JSON.stringify(log.entries())).not.toContain(clientSecret);
  });
});

describe('answers from the seeded dataset', () => {
  const pageInv = async (data: Record<string, unknown>) => {
    const { app } = sandbox();
    const { json } = await post(app, signedBody(data));
    expect(json.code).toBe('0');
    return json.data as {
      pageParams: { pageNo: number; pageSize: number; totalCount: number };
      list: Record<string, unknown>[];
    };
  };

  it('pages with a true totalCount, and an empty list past the end', async () => {
    const first = await pageInv({ warehouseCodes: 'US0001', pageVo: { pageNo: 1, pageSize: 200 } });
    const total = first.pageParams.totalCount;
    expect(total).toBeGreaterThan(200);
    const pages = Math.ceil(total / 200);
    const last = await pageInv({
      warehouseCodes: 'US0001',
      pageVo: { pageNo: pages, pageSize: 200 },
    });
    expect(last.list).toHaveLength(total - (pages - 1) * 200);
    const past = await pageInv({
      warehouseCodes: 'US0001',
      pageVo: { pageNo: pages + 1, pageSize: 200 },
    });
    expect(past).toEqual({
      pageParams: { pageNo: pages + 1, pageSize: 200, totalCount: total },
      list: [],
    });
    // Defaults: pageNo 1, pageSize 10, serviceType 2C, grade GOOD.
    const defaults = await pageInv({ warehouseCodes: 'US0001' });
    expect(defaults.pageParams).toEqual({ pageNo: 1, pageSize: 10, totalCount: total });
    expect(
      defaults.list.every((row) => row.serviceType === '2C' && row.merchandiseGrade === 'GOOD'),
    ).toBe(true);
  });

  it('reproduces mixed string/number quantities and 21-digit versions deterministically', async () => {
    const { list } = await pageInv({ pageVo: { pageNo: 1, pageSize: 200 } });
    const types = new Set(list.flatMap((row) => [typeof row.usableQty, typeof row.inStockQty]));
    expect(types).toEqual(new Set(['string', 'number']));
    expect(list.every((row) => /^\d{21}$/.test(String(row.version)))).toBe(true);
    const again = await pageInv({ pageVo: { pageNo: 1, pageSize: 200 } });
    expect(JSON.stringify(again.list)).toBe(JSON.stringify(list));
    for (const row of list) {
      expect(Number(row.inStockQty)).toBe(
        Number(row.usableQty) + Number(row.frozenQty) + Number(row.prohibitUsableQty),
      );
    }
  });

  it('aggregates grades away on request', async () => {
    const plain = await pageInv({ warehouseCodes: 'US0001', pageVo: { pageSize: 1 } });
    const aggregated = await pageInv({
      warehouseCodes: 'US0001',
      aggregateInvManagerTypes: ['MERCHANDISE_GRADE'],
      pageVo: { pageSize: 200 },
    });
    expect(aggregated.pageParams.totalCount).toBeGreaterThanOrEqual(plain.pageParams.totalCount);
    expect(aggregated.list.some((row) => 'merchandiseGrade' in row)).toBe(false);
  });

  it('batch.query: one row per classification found, unknown SKUs omitted', async () => {
    const { app } = sandbox();
    const { json } = await post(
      app,
      signedBody(
        {
          warehouseCode: 'US0001',
          merchandises: [
            { merchandiseCode: 'SKU0001' },
            { merchandiseCode: 'NOPE' },
            { merchandiseCode: 'SKU0007', specification: 'red' },
          ],
        },
        { action: 'winit.inventory.type.batch.query' },
      ),
    );
    expect(json.code).toBe('0');
    const codes = new Set(
      json.data.list.map((row: { merchandiseCode: string }) => row.merchandiseCode),
    );
    expect(codes).toEqual(new Set(['SKU0001', 'SKU0007']));
    expect(
      json.data.list
        .filter((row: { merchandiseCode: string }) => row.merchandiseCode === 'SKU0007')
        .every((row: { specification: string }) => row.specification === 'red'),
    ).toBe(true);
    const n = json.data.list.length;
    expect(json.data.pageParams).toEqual({ pageNo: 1, pageSize: n, totalCount: n });
  });

  it('adjust() bumps the version and change time, visible in a change window', async () => {
    const state = createWinitSandboxState();
    const before = state
      .rows()
      .find(
        (row) =>
          row.merchandiseCode === 'SKU0001' &&
          row.serviceType === '2C' &&
          row.merchandiseGrade === 'GOOD',
      );
    if (!before) throw new Error('SKU0001 is always generated in 2C/GOOD');
    expect(state.get(before)).toBe(before);
    const at = Date.UTC(2024, 5, 1, 4, 0, 0);
    const after = state.adjust(before, { usableQty: 7 }, at);
    expect(after.version > before.version).toBe(true);
    expect(after.version).toMatch(/^20240601120000000\d{4}$/);
    expect(state.get(before)).toBe(after);
    const { app } = createSandboxApp({ now: () => at, winit: { state } });
    const { json } = await post(
      app,
      signedBody(
        {
          startTime: '2024-06-01 11:00:00',
          endTime: '2024-06-01 13:00:00',
          pageVo: { pageSize: 200 },
        },
        { timestamp: formatWinitTimestamp(at) },
      ),
    );
    expect(json.data.list).toHaveLength(1);
    expect(json.data.list[0]).toMatchObject({
      merchandiseCode: 'SKU0001',
      warehouseCode: before.warehouseCode,
      version: after.version,
    });
    expect(Number(json.data.list[0].usableQty)).toBe(7);
  });

  it('answers a repeated query from the current dataset: a change is seen at once', async () => {
    const state = createWinitSandboxState();
    const { app } = createSandboxApp({ now: () => VECTOR_NOW, winit: { state } });
    const data = { warehouseCode: 'US0001', merchandises: [{ merchandiseCode: 'SKU0001' }] };
    const ask = async () => {
      const response = await app.request('/openapi/service', {
        method: 'POST',
        body: signedBody(data, { action: 'winit.inventory.type.batch.query' }),
      });
      return response.text();
    };
    const first = await ask();
    expect(await ask()).toBe(first);
    const row = state
      .rows()
      .find((r) => r.merchandiseCode === 'SKU0001' && r.warehouseCode === 'US0001');
    if (!row) throw new Error('SKU0001 is always generated in US0001');
    const changed = state.adjust(row, { usableQty: row.usableQty + 5 }, VECTOR_NOW);
    const after = await ask();
    expect(after).not.toBe(first);
    expect(after).toContain(`"version":"${changed.version}"`);
    state.reset();
    expect(await ask()).toBe(first);
  });

  it('pages a query again after the dataset changed: new rows count, on every page', async () => {
    const state = createWinitSandboxState();
    const { app } = createSandboxApp({ now: () => VECTOR_NOW, winit: { state } });
    const page = async (pageNo: number) => {
      const { json } = await post(
        app,
        signedBody({ warehouseCodes: 'US0001', pageVo: { pageNo, pageSize: 200 } }),
      );
      return json.data as { pageParams: { totalCount: number }; list: unknown[] };
    };
    const before = (await page(1)).pageParams.totalCount;
    await page(2);
    state.adjust({ warehouseCode: 'US0001', merchandiseCode: 'AAA-NEW' }, { usableQty: 3 }, 0);
    const after = await page(2);
    expect(after.pageParams.totalCount).toBe(before + 1);
    // The new code sorts first, so every later page starts one row later.
    expect((await page(1)).list[0]).toMatchObject({ merchandiseCode: 'AAA-NEW' });
  });

  it('adjust() moves the version forward even when the clock does not', () => {
    const state = createWinitSandboxState({ skuCount: 3 });
    const key = { warehouseCode: 'US0001', merchandiseCode: 'NEW1' };
    const first = state.adjust(key, { usableQty: 1 }, WINIT_SAMPLE_EPOCH_MS);
    const second = state.adjust(key, { usableQty: 2 }, WINIT_SAMPLE_EPOCH_MS - 1000);
    expect(second.version > first.version).toBe(true);
    expect(() => state.adjust(key, { usableQty: -1 }, WINIT_SAMPLE_EPOCH_MS)).toThrow(RangeError);
  });
});
