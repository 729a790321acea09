/**
 * Hostile input to the sandbox, generated with fast-check (fixed seed): malformed, unsigned,
 * mis-signed and validly signed-but-invalid requests to both gateways. Whatever arrives, the
 * sandbox never answers 5xx, never hits its internal-failure path, always answers in the provider's
 * own JSON envelope, and keeps serving valid requests afterwards.
 */
import {
  computeAppSignature,
  KINGDEE_SANDBOX_CREDENTIALS as KINGDEE,
  KINGDEE_PATHS,
  type QueryParam,
  signRequest,
} from '@inv/kingdee-protocol';
import {
  canonicalData,
  formatWinitTimestamp,
  signRequestBody,
  WINIT_SANDBOX_CREDENTIALS as WINIT,
  WINIT_ACTIONS,
} from '@inv/winit-protocol';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app.js';

const T0 = Date.UTC(2025, 0, 15, 4, 0, 0);
const SEED = 20240101;
const MAX_BODY = 32 * 1024;
const RUNS = 500;

const lines: string[] = [];
const { app } = createSandboxApp({
  now: () => T0,
  maxBodyBytes: MAX_BODY,
  logger: (line) => lines.push(line),
  kingdee: { size: 50 },
  winit: { rateLimit: false },
});
const request = (path: string, init: RequestInit = {}): Promise<Response> =>
  Promise.resolve(app.request(path, init));

/** Lines of the sandbox's internal-failure paths: a route threw on some input. */
const internalFailures = (): string[] =>
  lines.filter((line) => /internal (error|failure)|sandbox failure/.test(line));

const SQL_AND_HTML = [
  "' OR '1'='1' --",
  '1; DROP TABLE inventory; --',
  '" UNION SELECT client_secret FROM apps --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '{{7*7}} #{7*7} <%= 7*7 %>',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '%00%0d%0a',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '１２３',
  '١٢٣',
];

const hostileText = fc.oneof(
  fc.constantFrom(...SQL_AND_HTML),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);

const digits = fc.stringMatching(/^[1-9]\d{0,18}$/);
const idList = (min: number, max: number) =>
  fc.array(fc.oneof({ weight: 5, arbitrary: digits }, { weight: 1, arbitrary: hostileText }), {
    minLength: min,
    maxLength: max,
  });
const arrayText = fc.oneof(
  idList(0, 120).map((ids) => `[${ids.join(',')}]`),
  idList(0, 5).map((ids) => JSON.stringify(ids)),
  fc.nat({ max: 200 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`),
  fc.constantFrom('[', ']', '[,]', '[1,,2]', '["1"', '[1] [2]', '[]', ''),
  hostileText,
);

/** Headers that are valid to send (a fetch `Headers` refuses CR, LF, NUL and non-Latin-1). */
const headerValue = fc.string({ maxLength: 60 }).map((text) => text.replace(/[\r\n\0]/g, ' '));
const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,24}$/)
  .filter((name) => name.toLowerCase() !== 'x-sandbox-fault');

/** A body of the given kind: text, random bytes (invalid UTF-8 included), deep JSON or oversized. */
const hostileBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
    Uint8Array.from([0xff, 0xfe, 0x7b, 0x00]),
    '\uFEFF{}',
  ),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 1, max: 100_000 })
    .map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: MAX_BODY + 1, max: MAX_BODY * 2 }).map((size) => 'x'.repeat(size)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
);

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

// ---------------------------------------------------------------------------------- Kingdee

let nonce = 1_000_000_000;
const nextNonce = (): string => String(nonce++);

interface KingdeeSigned {
  url: string;
  headers: Record<string, string>;
}

function signKingdee(
  method: 'GET' | 'POST',
  path: string,
  query: QueryParam[],
  session?: { appToken: string; domain: string },
): KingdeeSigned {
  const signed = signRequest({
    clientId: KINGDEE.clientId,
    clientSecret: KINGDEE.clientSecret,
    method,
    path,
    query,
    nonce: nextNonce(),
    timestamp: String(T0),
    appToken: session?.appToken,
    domain: session?.domain,
  });
  return { url: signed.url, headers: signed.headers };
}

/** The Kingdee envelope: JSON with a numeric errcode and a text description, status 200/519/429. */
async function expectKingdeeEnvelope(response: Response): Promise<{ errcode: number }> {
  expect([200, 429, 519]).toContain(response.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { errcode: unknown; description: unknown };
  expect(typeof body.errcode).toBe('number');
  expect(typeof body.description).toBe('string');
  if (response.status !== 200) expect(body.errcode).not.toBe(0);
  return body as { errcode: number };
}

let session: { appToken: string; domain: string };

async function kingdeeToken(): Promise<{ appToken: string; domain: string }> {
  const { appKey, appSecret, domain, outerInstanceId } = KINGDEE.account;
  const push = signKingdee('POST', KINGDEE_PATHS.pushAppAuthorize, [
    ['outerInstanceId', outerInstanceId],
  ]);
  expect((await request(push.url, { method: 'POST', headers: push.headers })).status).toBe(200);
  const token = signKingdee('GET', KINGDEE_PATHS.authToken, [
    ['app_key', appKey],
    ['app_signature', computeAppSignature(appSecret, appKey)],
  ]);
  const answer = (await (await request(token.url, { headers: token.headers })).json()) as {
    data: { 'app-token': string };
  };
  return { appToken: answer.data['app-token'], domain };
}

async function kingdeeStillServes(): Promise<void> {
  const valid = signKingdee(
    'GET',
    KINGDEE_PATHS.scmInventory,
    [
      ['page', '1'],
      ['page_size', '10'],
    ],
    session,
  );
  const answer = (await (await request(valid.url, { headers: valid.headers })).json()) as {
    errcode: number;
    data: { rows: unknown[] };
  };
  expect(answer.errcode).toBe(0);
  expect(answer.data.rows).toHaveLength(10);
}

describe('kingdee gateway under hostile input', () => {
  beforeAll(async () => {
    session = await kingdeeToken();
    lines.length = 0;
  });

  it('validly signed business calls with hostile parameters get the envelope', async () => {
    const key = fc.constantFrom(
      'ids',
      'page',
      'page_size',
      'material_ids',
      'material_numbers',
      'stock_ids',
      'stock_numbers',
      'sp_ids',
      'aux_prop_ids',
      'modify_start_time',
      'modify_end_time',
      'create_start_time',
      'include_batch_kf_period',
      'd',
    );
    const param = fc.tuple(
      fc.oneof({ weight: 6, arbitrary: key }, { weight: 1, arbitrary: hostileText }),
      fc.oneof(arrayText, hostileText, digits),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(KINGDEE_PATHS.invSynchronous, KINGDEE_PATHS.scmInventory),
        fc.array(param, { maxLength: 6 }),
        async (path, query) => {
          const signed = signKingdee('GET', path, query as QueryParam[], session);
          await expectKingdeeEnvelope(await request(signed.url, { headers: signed.headers }));
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(internalFailures()).toEqual([]);
    await kingdeeStillServes();
  });

  it('more than 100 ids, or ids that are not digits, are parameter errors naming the rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(digits, { minLength: 101, maxLength: 300 }).map((ids) => ({
            ids,
            rule: /at most 100/,
          })),
          fc
            .tuple(
              fc.array(digits, { maxLength: 50 }),
              fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^\d+$/.test(s)),
            )
            .filter(([, bad]) => !/[\s,[\]"]/.test(bad) && bad.trim() !== '')
            .map(([ids, bad]) => ({ ids: [...ids, bad], rule: /is not an id/ })),
        ),
        async ({ ids, rule }) => {
          const signed = signKingdee(
            'GET',
            KINGDEE_PATHS.invSynchronous,
            [['ids', `[${ids.join(',')}]`]],
            session,
          );
          const response = await request(signed.url, { headers: signed.headers });
          expect(response.status).toBe(200);
          const body = (await response.json()) as { errcode: number; description: string };
          expect(body.errcode).toBe(2000001000);
          expect(body.description).toMatch(rule);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    await kingdeeStillServes();
  });

  it('missing, duplicated, replaced and extra headers get the envelope', async () => {
    const signedNames = Object.keys(
      signKingdee('GET', KINGDEE_PATHS.invSynchronous, [['ids', '[1]']], session).headers,
    );
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('drop' as const), name: fc.constantFrom(...signedNames) }),
      fc.record({
        op: fc.constant('duplicate' as const),
        name: fc.constantFrom(...signedNames),
        value: headerValue,
      }),
      fc.record({
        op: fc.constant('replace' as const),
        name: fc.constantFrom(...signedNames),
        value: fc.oneof(headerValue, fc.constantFrom(...SQL_AND_HTML.slice(0, 7))),
      }),
      fc.record({ op: fc.constant('add' as const), name: headerName, value: headerValue }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(KINGDEE_PATHS)),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        async (path, mutations) => {
          const method = path === KINGDEE_PATHS.pushAppAuthorize ? 'POST' : 'GET';
          const signed = signKingdee(method, path, [['ids', '[1]']], session);
          const headers = new Headers(signed.headers);
          for (const m of mutations) {
            if (m.op === 'drop') headers.delete(m.name);
            else if (m.op === 'replace') headers.set(m.name, m.value);
            else headers.append(m.name, m.value);
          }
          await expectKingdeeEnvelope(await request(signed.url, { method, headers }));
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(internalFailures()).toEqual([]);
    await kingdeeStillServes();
  });

  it('unsigned junk (any method, path, raw query, body, invalid UTF-8, huge) gets the envelope', async () => {
    const rawQuery = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom('%', '%%', '%ZZ', '%C3%28', '%FF%FE', 'ids=%E0%80%AF', '&&&==', '?', '#'),
      fc
        .array(fc.tuple(hostileText, arrayText), { maxLength: 4 })
        .map((pairs) =>
          pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
        ),
    );
    const path = fc.oneof(
      fc.constantFrom(...Object.values(KINGDEE_PATHS)),
      // No dot segments: a URL parser resolves `/jdy/..` to `/` before any server sees it.
      fc.stringMatching(/^[a-z0-9_/-]{0,30}$/).map((tail) => `/jdy/${tail}`),
      fc.stringMatching(/^[a-z0-9_/-]{0,30}$/).map((tail) => `/jdyconnector/${tail}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        path,
        rawQuery,
        hostileBody,
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
        async (method, target, query, body, extra) => {
          const headers = new Headers(extra);
          const init: RequestInit = { method, headers };
          if (method !== 'GET') init.body = body as NonNullable<RequestInit['body']>;
          const url = `http://sandbox.test${target}?${query.replace(/#/g, '%23')}`;
          await expectKingdeeEnvelope(await request(url, init));
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(internalFailures()).toEqual([]);
    await kingdeeStillServes();
  });
});

// ------------------------------------------------------------------------------------ Winit

const WINIT_APP_KEY = WINIT.appKeys[0];

/** A validly signed Winit body for `action` and `data`, or an unsigned one when data cannot be. */
function winitBody(action: string, data: unknown, appMode = false): string {
  let dataString: string;
  try {
    dataString = canonicalData(data);
  } catch {
    const fields = {
      action,
      app_key: WINIT_APP_KEY,
      format: 'json',
      platform: '',
      sign_method: 'md5',
      timestamp: formatWinitTimestamp(T0),
      version: '1.0',
    };
    return JSON.stringify({ ...fields, data, language: 'zh_CN', sign: '0'.repeat(32) });
  }
  return signRequestBody({
    action,
    dataString,
    appKey: WINIT_APP_KEY,
    token: WINIT.token,
    timestamp: formatWinitTimestamp(T0),
    ...(appMode ? { clientId: WINIT.clientId, clientSecret: WINIT.clientSecret } : {}),
  });
}

/** The Winit envelope: HTTP 200, JSON `{code: text, msg: text, data}`, `data: ""` on refusal. */
async function expectWinitEnvelope(response: Response): Promise<{ code: string; msg: string }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { code: unknown; msg: unknown; data: unknown };
  expect(typeof body.code).toBe('string');
  expect(typeof body.msg).toBe('string');
  if (body.code !== '0') expect(body.data).toBe('');
  return body as { code: string; msg: string };
}

const post = (
  body: NonNullable<RequestInit['body']>,
  headers?: RequestInit['headers'],
): Promise<Response> => request('/openapi/service', { method: 'POST', body, headers });

async function winitStillServes(): Promise<void> {
  const answer = (await (
    await post(winitBody(WINIT_ACTIONS.queryWarehouse, ''), {
      'content-type': 'application/json',
    })
  ).json()) as { code: string; data: unknown[] };
  expect(answer.code).toBe('0');
  expect(answer.data.length).toBeGreaterThan(0);
}

describe('winit gateway under hostile input', () => {
  beforeAll(() => {
    lines.length = 0;
  });

  it('validly signed requests with hostile data get the envelope', async () => {
    const merchandise = fc.oneof(
      fc.record(
        {
          merchandiseCode: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 })),
          specification: fc.oneof(hostileText, fc.constant(null), fc.integer()),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const data = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record(
        {
          warehouseCode: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 1 })),
          merchandises: fc.oneof(
            fc.array(merchandise, { maxLength: 8 }),
            fc.jsonValue({ maxDepth: 2 }),
          ),
          inventoryAttribute: fc.jsonValue({ maxDepth: 2 }),
          aggregateInvManagerTypes: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          warehouseCodes: fc.oneof(hostileText, fc.jsonValue({ maxDepth: 1 })),
          serviceType: fc.oneof(fc.constantFrom('2B', '2C', ''), hostileText),
          merchandiseGrade: fc.oneof(fc.constantFrom('GOOD', 'DEFECTIVE'), hostileText),
          startTime: fc.oneof(hostileText, fc.constant('2024-02-30 25:61:61')),
          endTime: hostileText,
          pageVo: fc.oneof(
            fc.record(
              {
                pageNo: fc.oneof(fc.integer(), hostileText),
                pageSize: fc.oneof(fc.integer(), hostileText),
              },
              { requiredKeys: [] },
            ),
            fc.jsonValue({ maxDepth: 2 }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...Object.values(WINIT_ACTIONS)), hostileText),
        data,
        fc.boolean(),
        async (action, value, appMode) => {
          await expectWinitEnvelope(await post(winitBody(action, value, appMode)));
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(internalFailures()).toEqual([]);
    await winitStillServes();
  });

  it('501 or more merchandises, or none, are refused as 2001 naming merchandises', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 501, max: 900 }), fc.constant(0)),
        async (count) => {
          const merchandises = Array.from({ length: count }, (_, i) => ({
            merchandiseCode: `SKU${i}`,
          }));
          const answer = await expectWinitEnvelope(
            await post(
              winitBody(WINIT_ACTIONS.batchQuery, { warehouseCode: 'US0001', merchandises }),
            ),
          );
          expect(answer.code).toBe('2001');
          expect(answer.msg).toContain('merchandises');
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    await winitStillServes();
  });

  it('envelope fields missing, mistyped, duplicated or hostile get the envelope', async () => {
    const field = fc.constantFrom(
      'action',
      'app_key',
      'format',
      'platform',
      'sign_method',
      'timestamp',
      'version',
      'language',
      'sign',
      'client_id',
      'client_sign',
      'data',
    );
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('drop' as const), field }),
      fc.record({
        op: fc.constant('set' as const),
        field,
        value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText),
      }),
      fc.record({
        op: fc.constant('duplicate' as const),
        field,
        value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), hostileText),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(WINIT_ACTIONS)),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (action, mutations) => {
          const envelope = JSON.parse(
            winitBody(action, {
              warehouseCode: 'US0001',
              merchandises: [{ merchandiseCode: 'SKU0001' }],
            }),
          ) as Record<string, unknown>;
          const duplicates: string[] = [];
          for (const m of mutations) {
            if (m.op === 'drop') delete envelope[m.field];
            else if (m.op === 'set') envelope[m.field] = m.value;
            else duplicates.push(`${JSON.stringify(m.field)}:${JSON.stringify(m.value)}`);
          }
          const text = JSON.stringify(envelope);
          // Duplicate keys can only be written as text: JSON.parse keeps the last one.
          const body = duplicates.length
            ? `{${[...duplicates, text.slice(1, -1)].filter(Boolean).join(',')}}`
            : text;
          await expectWinitEnvelope(await post(body));
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(internalFailures()).toEqual([]);
    await winitStillServes();
  });

  it('junk (any method, bytes, invalid UTF-8, deep nesting, huge, any headers) gets the envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        hostileBody,
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
        fc.constantFrom(
          undefined,
          'application/json',
          'application/x-www-form-urlencoded',
          'text/plain; charset=latin1',
          'multipart/form-data; boundary=x',
        ),
        async (method, body, extra, contentType) => {
          const headers = new Headers(extra);
          if (contentType) headers.set('content-type', contentType);
          const init: RequestInit = { method, headers };
          if (method !== 'GET') init.body = body as NonNullable<RequestInit['body']>;
          const answer = await expectWinitEnvelope(await request('/openapi/service', init));
          expect(answer.code).not.toBe('0');
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(internalFailures()).toEqual([]);
    await winitStillServes();
  });
});

describe('admin routes: hostile bodies, hosts and origins', () => {
  const admin = createSandboxApp({
    now: () => T0,
    kingdee: { size: 5 },
    winit: { rateLimit: false, skuCount: 5 },
  });
  const JSON_TYPE = { 'content-type': 'application/json' };
  const kingdeeIds = admin.states.kingdee.positions().map((position) => position.row.id);

  /** Numbers as JSON text: exponents, long digit runs, beyond 2^53, in and out of bounds. */
  const numberText = fc.oneof(
    fc
      .tuple(
        fc.constantFrom('', '-'),
        fc.stringMatching(/^[1-9]\d{0,2}(\.\d{1,3})?$/),
        fc.constantFrom('e', 'E', 'e+', 'e-'),
        fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(160_000, 999_999_999)),
      )
      .map(([sign, mantissa, e, exponent]) => `${sign}${mantissa}${e}${exponent}`),
    fc.stringMatching(/^-?[1-9]\d{15,40}$/),
    fc.stringMatching(/^0\.\d{16,40}$/),
    fc
      .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 999 }))
      .map(([whole, thousandths]) => `${whole}.${String(thousandths).padStart(3, '0')}`),
  );
  const delta = fc.oneof(
    numberText,
    numberText.map((text) => JSON.stringify(text)),
  );
  /** Nested arrays and objects up to 20,000 deep, as text (JSON.stringify would recurse). */
  const deepValue = fc
    .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}`,
    );

  const send = (path: string, method: string, body: string) =>
    Promise.resolve(admin.app.request(path, { method, headers: JSON_TYPE, body }));

  /** Everything the admin routes serve is still valid, finite JSON. */
  const stillServes = async (): Promise<void> => {
    const res = await admin.app.request('/_sandbox/dataset');
    expect(res.status).toBe(200);
    const exported = (await res.json()) as { kingdee: { rows: { qty: unknown }[] } };
    for (const row of exported.kingdee.rows) expect(Number.isFinite(Number(row.qty))).toBe(true);
  };

  it('stock changes with exponent strings and inexact numbers are 200 or 400 naming delta, never stored unservable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kingdeeIds), delta, async (id, value) => {
        const res = await send(
          '/_sandbox/stock',
          'POST',
          `{"provider":"kingdee","id":"${id}","delta":${value}}`,
        );
        const answer = (await res.json()) as { issues?: string[]; message?: string };
        if (res.status === 400) {
          expect(`${answer.issues?.join('\n')} ${answer.message}`).toMatch(/delta|beyond/);
        } else expect(res.status).toBe(200);
        const qty = admin.states.kingdee.get(id)?.row.qty;
        expect(Number.isSafeInteger(Math.round(Number(qty) * 1000))).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await admin.app.request('/_sandbox/reset', { method: 'POST' });
    await stillServes();
  });

  it('datasets with deep or large extra members are 200 or 400 naming the path, and stay servable', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          deepValue,
          fc.string({ maxLength: 100 }).map((text) => JSON.stringify(text)),
        ),
        fc.oneof(numberText, fc.constant('1')),
        async (extra, usableQty) => {
          const body = `{"format":"inv-sandbox-dataset","version":1,"winit":{"rows":[{"warehouseCode":"US0001","merchandiseCode":"X","usableQty":${usableQty},"extra":{"v":${extra}}}]}}`;
          const res = await send('/_sandbox/dataset', 'PUT', body);
          if (res.status === 400) {
            const { issues } = (await res.json()) as { issues: string[] };
            expect(issues.join('\n')).toMatch(/^winit\.rows\.0\.(extra|usableQty)/m);
          } else expect(res.status).toBe(200);
          await stillServes();
        },
      ),
      { numRuns: 200, seed: SEED },
    );
    await admin.app.request('/_sandbox/reset', { method: 'POST' });
  });

  it('hosts and origins: only loopback hosts from the own origin get in, every refusal says why', async () => {
    const loopback = fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'LocalHost');
    const foreign = fc.oneof(
      fc.domain(),
      fc.ipV4().filter((ip) => ip !== '127.0.0.1'),
      fc.constantFrom('127.0.0.1.nip.io', 'localhost.evil.example', '0.0.0.0', '[::]', 'a b', ''),
    );
    const port = fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ allowed: fc.constant(true), name: loopback, port }),
          fc.record({ allowed: fc.constant(false), name: foreign, port }),
        ),
        fc.constantFrom('none', 'own', 'foreign', 'null'),
        fc.constantFrom(undefined, 'same-origin', 'same-site', 'cross-site', 'none'),
        fc.constantFrom('GET /_sandbox/dataset', 'PUT /_sandbox/faults', 'POST /_sandbox/reset'),
        async (host, originKind, site, route) => {
          const hostHeader = host.port === undefined ? host.name : `${host.name}:${host.port}`;
          const origin = {
            none: undefined,
            own: `http://${hostHeader}`,
            foreign: 'http://evil.example',
            null: 'null',
          }[originKind];
          const [method = 'GET', path = '/'] = route.split(' ');
          const headers: Record<string, string> = { host: hostHeader, ...JSON_TYPE };
          if (origin !== undefined) headers.origin = origin;
          if (site !== undefined) headers['sec-fetch-site'] = site;
          const res = await admin.app.request(path, {
            method,
            headers,
            ...(method === 'PUT' ? { body: '{"rules":[]}' } : {}),
          });
          const crossOrigin =
            originKind === 'foreign' ||
            originKind === 'null' ||
            (originKind === 'none' && site === 'cross-site');
          if (host.allowed && !crossOrigin) {
            expect(res.status).toBe(200);
            return;
          }
          expect(res.status).toBe(403);
          const answer = (await res.json()) as Record<string, string>;
          expect(answer.error).toBe(host.allowed ? 'cross_origin_refused' : 'host_not_allowed');
          expect(answer.fix).toBeTruthy();
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
    expect(admin.faults.current().rules).toEqual([]);
  });
});
