/**
 * Hostile input to the Kingdee gateway, generated with fast-check (fixed seed): malformed,
 * unsigned, mis-signed and validly signed-but-invalid requests, and the classes #18 found (long
 * arrays, exponent strings, duplicate keys, deep values, thousands of tokens). Whatever arrives,
 * the sandbox never answers 5xx, never hits its internal-failure path, always answers in the
 * Kingdee envelope, keeps its state within its bounds, and keeps serving valid requests.
 * At least 10,000 cases in all, in-process (`app.request()`) but for the GET bodies.
 */
import {
  computeAppSignature,
  KINGDEE_SANDBOX_CREDENTIALS as KINGDEE,
  KINGDEE_PATHS,
  type QueryParam,
  signRequest,
} from '@inv/kingdee-protocol';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../start.js';
import {
  arrayText,
  countCases,
  deepText,
  digits,
  duplicateKeys,
  expectBounded,
  exponentText,
  fuzzSandbox,
  headerName,
  headerValue,
  hostileBody,
  hostileText,
  longArray,
  METHODS,
  SEED,
  SQL_AND_HTML,
  T0,
} from '../test-support/fuzz.js';
import { getWithBody, kingdeeTokenOver } from '../test-support/kingdee-http.js';

const sandbox = fuzzSandbox({ kingdee: { size: 50 }, winit: { rateLimit: false } });
const { runs, total } = countCases();

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
async function expectKingdeeEnvelope(
  response: Response,
): Promise<{ errcode: number; description: string }> {
  expect([200, 429, 519]).toContain(response.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { errcode: unknown; description: unknown };
  expect(typeof body.errcode).toBe('number');
  expect(typeof body.description).toBe('string');
  if (response.status !== 200) expect(body.errcode).not.toBe(0);
  expectBounded(sandbox.held());
  return body as { errcode: number; description: string };
}

let session: { appToken: string; domain: string };

async function kingdeeToken(): Promise<{ appToken: string; domain: string }> {
  const { appKey, appSecret, domain, outerInstanceId } = KINGDEE.account;
  const push = signKingdee('POST', KINGDEE_PATHS.pushAppAuthorize, [
    ['outerInstanceId', outerInstanceId],
  ]);
  expect((await sandbox.request(push.url, { method: 'POST', headers: push.headers })).status).toBe(
    200,
  );
  const token = signKingdee('GET', KINGDEE_PATHS.authToken, [
    ['app_key', appKey],
    ['app_signature', computeAppSignature(appSecret, appKey)],
  ]);
  const answer = (await (await sandbox.request(token.url, { headers: token.headers })).json()) as {
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
  const answer = (await (await sandbox.request(valid.url, { headers: valid.headers })).json()) as {
    errcode: number;
    data: { rows: unknown[] };
  };
  expect(answer.errcode).toBe(0);
  expect(answer.data.rows).toHaveLength(10);
}

describe('kingdee gateway under hostile input', () => {
  beforeAll(async () => {
    session = await kingdeeToken();
    sandbox.lines.length = 0;
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
          await expectKingdeeEnvelope(
            await sandbox.request(signed.url, { headers: signed.headers }),
          );
        },
      ),
      { numRuns: runs(2500), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await kingdeeStillServes();
  }, 60_000);

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
          const response = await sandbox.request(signed.url, { headers: signed.headers });
          expect(response.status).toBe(200);
          const body = (await response.json()) as { errcode: number; description: string };
          expect(body.errcode).toBe(2000001000);
          expect(body.description).toMatch(rule);
        },
      ),
      { numRuns: runs(500), seed: SEED },
    );
    await kingdeeStillServes();
  }, 60_000);

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
          await expectKingdeeEnvelope(await sandbox.request(signed.url, { method, headers }));
        },
      ),
      { numRuns: runs(2500), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await kingdeeStillServes();
  }, 60_000);

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
          await expectKingdeeEnvelope(await sandbox.request(url, init));
        },
      ),
      { numRuns: runs(2500), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await kingdeeStillServes();
  }, 60_000);

  it('long arrays, exponent strings, duplicate keys and deep values in signed queries get the envelope', async () => {
    const repeated = fc
      .tuple(fc.constantFrom('ids', 'material_ids', 'stock_numbers', 'sp_ids'), longArray(1500))
      .map(([key, values]): QueryParam[] => values.map((value) => [key, value]));
    const oneValue = fc
      .tuple(fc.constantFrom('ids', 'material_ids', 'aux_prop_ids'), longArray(3000))
      .map(([key, values]): QueryParam[] => [[key, `[${values.join(',')}]`]]);
    const exponents = fc
      .tuple(fc.constantFrom('ids', 'page', 'page_size', 'material_ids'), exponentText)
      .map(([key, value]): QueryParam[] => [[key, key.endsWith('s') ? `[${value}]` : value]]);
    const duplicated = fc
      .tuple(fc.constantFrom('page', 'page_size', 'ids', 'modify_start_time'), digits, digits)
      .map(([key, a, b]): QueryParam[] => [
        [key, a],
        [key, b],
      ]);
    const deep = fc
      .tuple(fc.constantFrom('ids', 'material_ids'), deepText(2000))
      .map(([key, value]): QueryParam[] => [[key, value]]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(KINGDEE_PATHS.invSynchronous, KINGDEE_PATHS.scmInventory),
        fc.oneof(repeated, oneValue, exponents, duplicated, deep),
        async (path, query) => {
          const signed = signKingdee('GET', path, query, session);
          const { errcode, description } = await expectKingdeeEnvelope(
            await sandbox.request(signed.url, { headers: signed.headers }),
          );
          const repeatedIds = query.filter(([key]) => key === 'ids').length;
          if (path === KINGDEE_PATHS.invSynchronous && repeatedIds > 100) {
            expect(errcode).toBe(2000001000);
            expect(description).toContain('ids is given more than 100 values');
          }
        },
      ),
      { numRuns: runs(2000), seed: SEED },
    );
    expect(sandbox.internalFailures()).toEqual([]);
    await kingdeeStillServes();
  }, 60_000);

  it('GET bodies with long arrays, exponents, duplicate keys and deep values get the envelope, over HTTP', async () => {
    const running = await startSandbox({ now: () => T0, kingdee: { size: 20 } });
    try {
      const issued = await kingdeeTokenOver(running.url, T0);
      const body = fc.oneof(
        fc
          .tuple(fc.constantFrom('ids', 'material_ids'), longArray(20_000))
          .map(([key, values]) => JSON.stringify({ [key]: values })),
        exponentText.map((value) => `{"ids":[${value}],"page":${value}}`),
        fc.tuple(digits, digits).map(([a, b]) => duplicateKeys('ids', `["${a}"]`, `["${b}"]`)),
        deepText(20_000).map((value) => `{"ids":${value}}`),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(KINGDEE_PATHS.invSynchronous, KINGDEE_PATHS.scmInventory),
          body,
          async (path, text) => {
            const signed = signKingdee('GET', path, [], issued);
            const answer = await getWithBody(`${running.url}${path}`, signed.headers, text);
            expect(answer.status).toBe(200);
            const parsed = JSON.parse(answer.text) as { errcode: unknown };
            expect(typeof parsed.errcode).toBe('number');
            expectBounded(running.held());
          },
        ),
        { numRuns: runs(150), seed: SEED },
      );
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
    } finally {
      await running.close();
    }
  }, 120_000);

  it('thousands of app-tokens stay within maxTokensPerAccount', async () => {
    const bounded = fuzzSandbox({ kingdee: { size: 5, maxTokensPerAccount: 50 } });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (count) => {
        for (let i = 0; i < count; i++) {
          const signed = signKingdee('GET', KINGDEE_PATHS.authToken, [
            ['app_key', KINGDEE.account.appKey],
            [
              'app_signature',
              computeAppSignature(KINGDEE.account.appSecret, KINGDEE.account.appKey),
            ],
          ]);
          const answer = await bounded.request(signed.url, { headers: signed.headers });
          expect(((await answer.json()) as { errcode: number }).errcode).toBe(0);
        }
        expectBounded(bounded.held(), { appTokens: 50 });
      }),
      { numRuns: runs(400), seed: SEED },
    );
    expect(bounded.held()['kingdee.appTokens']).toBe(50);
  }, 60_000);

  it('ran at least 10,000 generated cases against the Kingdee gateway (#18)', () => {
    expect(total()).toBeGreaterThanOrEqual(10_000);
  });
});
