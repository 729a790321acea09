/**
 * Hostile input to the Winit gateway, generated with fast-check (fixed seed): malformed, unsigned,
 * mis-signed and validly signed-but-invalid requests, and the classes #18 found (long arrays,
 * exponent strings, duplicate keys, deep `extra` members, unique large `data` members). Whatever
 * arrives, the sandbox never answers 5xx, never hits its internal-failure path, always answers in
 * the Winit envelope, keeps its state within its bounds, and keeps serving valid requests.
 * At least 10,000 cases in all, in-process (`app.request()`).
 */
import {
  canonicalData,
  formatWinitTimestamp,
  signRequestBody,
  WINIT_SANDBOX_CREDENTIALS as WINIT,
  WINIT_ACTIONS,
} from '@inv/winit-protocol';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  countCases,
  deepText,
  duplicateKeys,
  expectBounded,
  exponentText,
  type FuzzSandbox,
  fuzzSandbox,
  headerName,
  headerValue,
  hostileBody,
  hostileText,
  longArray,
  METHODS,
  SEED,
  T0,
  uniqueLargeText,
} from '../test-support/fuzz.js';

const sandbox = fuzzSandbox({ kingdee: { size: 50 }, winit: { rateLimit: false } });
const { runs, total } = countCases();

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
async function expectWinitEnvelope(
  response: Response,
  held: () => Record<string, number> = sandbox.held,
  answerCacheBytes?: number,
): Promise<{ code: string; msg: string }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { code: unknown; msg: unknown; data: unknown };
  expect(typeof body.code).toBe('string');
  expect(typeof body.msg).toBe('string');
  if (body.code !== '0') expect(body.data).toBe('');
  expectBounded(held(), { answerCacheBytes });
  return body as { code: string; msg: string };
}

const post = (
  body: NonNullable<RequestInit['body']>,
  headers?: RequestInit['headers'],
  target: FuzzSandbox = sandbox,
): Promise<Response> => target.request('/openapi/service', { method: 'POST', body, headers });

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
    sandbox.lines.length = 0;
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
      { numRuns: runs(2500), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await winitStillServes();
  }, 60_000);

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
      { numRuns: runs(500), seed: SEED },
    );
    await winitStillServes();
  }, 60_000);

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
      { numRuns: runs(2500), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await winitStillServes();
  }, 60_000);

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
          const answer = await expectWinitEnvelope(await sandbox.request('/openapi/service', init));
          expect(answer.code).not.toBe('0');
        },
      ),
      { numRuns: runs(2500), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await winitStillServes();
  }, 60_000);

  it('long arrays, exponents, duplicate keys and deep extra members in signed data get the envelope', async () => {
    const pageVo = '{"pageNo":1,"pageSize":10}';
    const dataText = fc.oneof(
      longArray(3000).map((codes) =>
        JSON.stringify({
          warehouseCode: 'US0001',
          merchandises: codes.map((merchandiseCode) => ({ merchandiseCode })),
        }),
      ),
      longArray(3000).map((codes) => JSON.stringify({ warehouseCodes: codes.join(',') })),
      exponentText.map((value) => `{"pageVo":{"pageNo":${value},"pageSize":${value}}}`),
      exponentText.map((value) => `{"pageVo":${pageVo},"startTime":${JSON.stringify(value)}}`),
      fc
        .tuple(fc.constantFrom('pageVo', 'serviceType', 'warehouseCode'), fc.boolean())
        .map(([key, swap]) =>
          duplicateKeys(key, swap ? '"2B"' : pageVo, swap ? pageVo : '"2C"', '"x":1'),
        ),
      deepText(20_000).map((value) => `{"pageVo":${pageVo},"extra":${value}}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(WINIT_ACTIONS.pageInv, WINIT_ACTIONS.batchQuery),
        dataText,
        async (action, text) => {
          await expectWinitEnvelope(await post(winitBodyWithRawData(action, text)));
        },
      ),
      { numRuns: runs(2000), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await winitStillServes();
  }, 60_000);

  it('unique large data members keep the answer cache within answerCacheBytes', async () => {
    const bound = 2 * 1024 * 1024;
    const large = fuzzSandbox({
      maxBodyBytes: 1024 * 1024,
      winit: { rateLimit: false, skuCount: 20, answerCacheBytes: bound },
    });
    await fc.assert(
      fc.asyncProperty(uniqueLargeText(10_000, 300_000), async (note) => {
        const body = winitBody(WINIT_ACTIONS.pageInv, { note, pageVo: { pageNo: 1 } });
        const answer = await expectWinitEnvelope(
          await post(body, undefined, large),
          large.held,
          bound,
        );
        expect(answer.code).toBe('0');
        // Every key is at least 10,000 characters: counting keys caps the entries too.
        expect(large.held()['winit.answerCacheEntries']).toBeLessThanOrEqual(bound / 20_000);
      }),
      { numRuns: runs(300), seed: SEED },
    );
    expect(large.held()['winit.answerCacheEntries']).toBeGreaterThan(0);
    expect(large.internalFailures()).toEqual([]);
  }, 120_000);

  it('ran at least 10,000 generated cases against the Winit gateway (#18)', () => {
    expect(total()).toBeGreaterThanOrEqual(10_000);
  });
});

/**
 * A body whose `data` member is `dataText` exactly as written (duplicate keys, exponents, depth
 * kept), signed over what it parses to when that canonicalises, else unsigned.
 */
function winitBodyWithRawData(action: string, dataText: string): string {
  let data: unknown = '';
  try {
    const parsed: unknown = JSON.parse(dataText);
    canonicalData(parsed);
    data = parsed;
  } catch {
    // Not signable (too deep, not finite): the envelope is signed over "" and carries the text.
  }
  const envelope = JSON.parse(winitBody(action, data)) as Record<string, unknown>;
  return JSON.stringify({ ...envelope, data: '\u0000DATA' }).replace(
    '"\\u0000DATA"',
    () => dataText,
  );
}
