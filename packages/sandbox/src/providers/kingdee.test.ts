import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import {
  buildStringToSign,
  KINGDEE_SANDBOX_CREDENTIALS as CREDS,
  canonicalizeRawQuery,
  computeAppSignature,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  KINGDEE_PATHS,
  signStringToSign,
} from '@inv/kingdee-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp, type SandboxAppOptions } from '../app.js';
import { startSandbox } from '../start.js';
import type { KingdeeSandboxOptions } from './kingdee.js';
import { createKingdeeInventoryState } from './kingdee-data.js';

const T0 = 1_700_000_000_000;
const DOMAIN = CREDS.account.domain;

interface Vector {
  id: string;
  kind: string;
  input: { method: string; path: string; timestamp: string };
  expected: { url: string; url_query: string; headers: Record<string, string> };
  non_official_variants?: Record<
    string,
    {
      url_query: string;
      signature: string;
      accepted_by_raw_model: boolean;
      accepted_by_decoded_model: boolean;
    }
  >;
}
const vectors = (
  JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve('@inv/kingdee-protocol/vectors.json'),
      'utf8',
    ),
  ) as { vectors: Vector[] }
).vectors.filter((v) => v.kind === 'x_api_signature');
const seedMarkdown = readFileSync(
  new URL('../../test/fixtures/kingdee-inv-synchronous-seed.md', import.meta.url),
  'utf8',
);
const seedSample = /#### 响应示例\n\n```json\n([\s\S]*?)\n```/.exec(seedMarkdown)?.[1];

function setup(kingdee: KingdeeSandboxOptions = {}, extra: SandboxAppOptions = {}) {
  const clock = { now: T0 };
  const state =
    kingdee.state ??
    createKingdeeInventoryState({ size: kingdee.size ?? 120, now: () => clock.now });
  const ids = state.positions().map((position) => position.row.id);
  const sandbox = createSandboxApp({
    now: () => clock.now,
    kingdee: { state, ...kingdee },
    ...extra,
  });
  let counter = 1_000_000_000;
  const nextNonce = () => String(counter++);

  /** Signs the raw query text as given (order and encoding untouched). */
  const request = (
    method: string,
    path: string,
    rawQuery = '',
    opts: {
      token?: string;
      domain?: string | null;
      nonce?: string;
      timestamp?: string;
      headers?: Record<string, string | null>;
      body?: string;
      clientId?: string;
      secret?: string;
    } = {},
  ): Promise<Response> => {
    const nonce = opts.nonce ?? nextNonce();
    const timestamp = opts.timestamp ?? String(clock.now);
    const stringToSign = buildStringToSign({
      method,
      path,
      canonicalQuery: canonicalizeRawQuery(rawQuery),
      nonce,
      timestamp,
    });
    const headers: Record<string, string | null> = {
      'X-Api-ClientID': opts.clientId ?? CREDS.clientId,
      'X-Api-Auth-Version': '2.0',
      'X-Api-TimeStamp': timestamp,
      'X-Api-Nonce': nonce,
      'X-Api-SignHeaders': 'X-Api-TimeStamp,X-Api-Nonce',
      'X-Api-Signature': signStringToSign(opts.secret ?? CREDS.clientSecret, stringToSign),
      ...(opts.token === undefined ? {} : { 'app-token': opts.token }),
      ...(opts.domain === null ? {} : { 'X-GW-Router-Addr': opts.domain ?? DOMAIN }),
      ...opts.headers,
    };
    const clean = Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    return Promise.resolve(
      sandbox.app.request(`${path}${rawQuery ? `?${rawQuery}` : ''}`, {
        method,
        headers: clean,
        body: opts.body,
      }),
    );
  };

  const token = async (): Promise<string> => {
    const signature = encodeURIComponent(
      computeAppSignature(CREDS.account.appSecret, CREDS.account.appKey),
    );
    const res = await request(
      'GET',
      KINGDEE_PATHS.authToken,
      `app_key=abc&app_signature=${signature}`,
    );
    const body = (await res.json()) as { data: { 'app-token': string } };
    return body.data['app-token'];
  };

  const inv = async (rawQuery: string, opts: Parameters<typeof request>[3] = {}) =>
    request('GET', KINGDEE_PATHS.invSynchronous, rawQuery, { token: await token(), ...opts });

  return { sandbox, clock, state, ids, request, token, inv };
}

function signedHeaders(method: string, path: string, rawQuery: string, nonce: string) {
  const stringToSign = buildStringToSign({
    method,
    path,
    canonicalQuery: canonicalizeRawQuery(rawQuery),
    nonce,
    timestamp: String(T0),
  });
  return {
    'X-Api-ClientID': CREDS.clientId,
    'X-Api-Auth-Version': '2.0',
    'X-Api-TimeStamp': String(T0),
    'X-Api-Nonce': nonce,
    'X-Api-SignHeaders': 'X-Api-TimeStamp,X-Api-Nonce',
    'X-Api-Signature': signStringToSign(CREDS.clientSecret, stringToSign),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: answers are inspected ad hoc, field by field.
type Answer = { errcode: number; description: string; descriptionCn?: string; data?: any };

async function body(res: Response): Promise<Answer> {
  return res.json() as never;
}

describe('kingdee sandbox: known-answer vectors replay under a frozen clock', () => {
  it.each(vectors.map((v) => [v.id, v] as const))(
    '%s passes signature verification',
    async (_id, vector) => {
      const sandbox = createSandboxApp({ now: () => Number(vector.input.timestamp) });
      const res = await sandbox.app.request(vector.expected.url, {
        method: vector.input.method,
        headers: vector.expected.headers,
      });
      const answer = await body(res);
      if (vector.input.path === '/jdy/v2/scm/inv_occupy') {
        // Not served (§9.3, later): refused before any signature check.
        expect(answer.errcode).toBe(5001);
        return;
      }
      expect(res.status).toBe(200);
      expect([0, 1000202002, 1030002006]).toContain(answer.errcode);
    },
  );

  it('replays the documented 加密规则 example (client 200421) at its own timestamp', async () => {
    const vector = vectors.find((v) => v.id === 'doc-auth-token') as Vector;
    const sandbox = createSandboxApp({ now: () => Number(vector.input.timestamp) });
    const res = await sandbox.app.request(vector.expected.url, {
      headers: vector.expected.headers,
    });
    // The signature is accepted; the example's app_key is not a sandbox account.
    expect(await body(res)).toMatchObject({ errcode: 1030002006 });
  });

  for (const vector of vectors.filter((v) => v.non_official_variants)) {
    for (const [name, variant] of Object.entries(vector.non_official_variants ?? {})) {
      for (const strictDecode of [false, true]) {
        const accepted = strictDecode
          ? variant.accepted_by_decoded_model
          : variant.accepted_by_raw_model;
        it(`${vector.id} ${name}: ${accepted ? 'accepted' : 'refused'} by the ${strictDecode ? 'decoded' : 'raw'} model`, async () => {
          const { sandbox } = setup({ strictDecode });
          const res = await sandbox.app.request(`${vector.input.path}?${variant.url_query}`, {
            headers: { ...vector.expected.headers, 'X-Api-Signature': variant.signature },
          });
          const answer = await body(res);
          if (accepted) expect(answer.errcode).toBe(1000202002);
          else expect([res.status, answer.errcode]).toEqual([519, 4008]);
        });
      }
    }
  }
});

describe('kingdee sandbox: token endpoints', () => {
  it('lists the authorisation of an account and issues an app-token', async () => {
    const { request, clock } = setup();
    const auth = await body(
      await request(
        'POST',
        KINGDEE_PATHS.pushAppAuthorize,
        `outerInstanceId=${CREDS.account.outerInstanceId}`,
      ),
    );
    expect(auth).toMatchObject({
      errcode: 0,
      data: [
        {
          appKey: 'abc',
          appSecret: 'abc123',
          domain: DOMAIN,
          status: 1,
          outerInstanceId: CREDS.account.outerInstanceId,
        },
      ],
    });
    const signature = encodeURIComponent(computeAppSignature('abc123', 'abc'));
    // Unsorted query, as the Java SDK sends it (§4).
    const token = await body(
      await request('GET', KINGDEE_PATHS.authToken, `app_signature=${signature}&app_key=abc`),
    );
    expect(token).toMatchObject({ errcode: 0, description: '成功' });
    expect(token.data['app-token']).toMatch(/^eyJ/);
    expect(token.data.expires).toBe(clock.now + 24 * 3600 * 1000);
  });

  it('answers an empty list for an account the app is not authorised for', async () => {
    const { request } = setup();
    const res = await request('POST', KINGDEE_PATHS.pushAppAuthorize, 'outerInstanceId=42');
    expect(await body(res)).toMatchObject({ errcode: 0, data: [] });
  });

  it('refuses a wrong app_signature or unknown app_key with 1030002006', async () => {
    const { request } = setup();
    const wrong = encodeURIComponent(computeAppSignature('stale-secret', 'abc'));
    for (const query of [
      `app_key=abc&app_signature=${wrong}`,
      `app_key=nope&app_signature=${wrong}`,
    ]) {
      const res = await request('GET', KINGDEE_PATHS.authToken, query);
      expect(res.status).toBe(200);
      const answer = await body(res);
      expect(answer.errcode).toBe(1030002006);
      expect(answer.description).toContain('授权密钥校验失败');
    }
  });

  it('can leave expires out of the token answer', async () => {
    const { token, sandbox } = setup({ quirks: { omitTokenExpires: true } });
    expect(await token()).toMatch(/^eyJ/);
    expect(sandbox.log.entries(1)[0]?.verdict).toBe('accepted');
  });
});

describe('kingdee sandbox: inv_synchronous', () => {
  it.each([
    ['ids=[]', 'ids=%5B%5D'],
    ['ids=[],d=true (the documented curl, one value)', 'ids=%5B%5D%2Cd%3Dtrue'],
    ['ids=[]&d=true', 'd=true&ids=%5B%5D'],
    ['ids=[],d=true sent unencoded', 'ids=[],d=true'],
  ])('replays the documented response sample byte for byte for %s', async (_name, query) => {
    const { inv } = setup();
    const res = await inv(query);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT);
    expect(text).toBe(seedSample);
  });

  it('answers known ids in request order, omits unknown ones and answers repeated ids once', async () => {
    const { inv, ids, state } = setup();
    const wanted = [ids[7], '1999999999999999999', ids[3], ids[7], ids[100]] as string[];
    const answer = await body(await inv(`ids=${encodeURIComponent(`[${wanted.join(',')}]`)}`));
    expect(answer.errcode).toBe(0);
    expect(answer.data.rows.map((r: { id: string }) => r.id)).toEqual([ids[7], ids[3], ids[100]]);
    expect(answer.data.rows[0]).toEqual(state.get(ids[7] as string)?.row);
    expect(Object.keys(answer.data.rows[0])).toHaveLength(41);
  });

  it('accepts every array form, with or without Content-Type', async () => {
    const { inv, ids } = setup();
    const [a, b] = ids as [string, string];
    const forms = [
      `ids=${encodeURIComponent(`[${b},${a}]`)}`,
      `ids=${encodeURIComponent(JSON.stringify([b, a]))}`,
      `ids=${encodeURIComponent(`${b},${a}`)}`,
      `ids=${b}&ids=${a}`,
    ];
    for (const form of forms) {
      const answer = await body(await inv(form, { headers: { 'Content-Type': null } }));
      expect(answer.errcode, form).toBe(0);
      expect(
        answer.data.rows.map((r: { id: string }) => r.id),
        form,
      ).toEqual([b, a]);
    }
  });

  it('reads a GET JSON body when the query is empty (§11.5), over real HTTP', async () => {
    const state = createKingdeeInventoryState({ size: 20 });
    const [a, b] = state.positions().map((p) => p.row.id) as [string, string];
    const running = await startSandbox({ now: () => T0, kingdee: { state } });
    try {
      const tokenQuery = `app_key=abc&app_signature=${encodeURIComponent(computeAppSignature('abc123', 'abc'))}`;
      const issued = await fetch(`${running.url}${KINGDEE_PATHS.authToken}?${tokenQuery}`, {
        headers: signedHeaders('GET', KINGDEE_PATHS.authToken, tokenQuery, '1111111111'),
      });
      const token = ((await issued.json()) as { data: { 'app-token': string } }).data['app-token'];
      const send = (nonce: string, bodyText: string) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = httpRequest(
            `${running.url}${KINGDEE_PATHS.invSynchronous}`,
            {
              method: 'GET',
              headers: {
                ...signedHeaders('GET', KINGDEE_PATHS.invSynchronous, '', nonce),
                // Any order and case (§3), a trailing slash on the domain, a form content type.
                'X-Api-SignHeaders': 'x-api-nonce, X-API-TIMESTAMP',
                'app-token': token,
                'X-GW-Router-Addr': `${DOMAIN}/`,
                'Content-Type': 'application/x-www-form-urlencoded',
                'Content-Length': Buffer.byteLength(bodyText),
              },
            },
            (res) => {
              let text = '';
              res.on('data', (chunk) => {
                text += chunk;
              });
              res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
            },
          );
          req.on('error', reject);
          req.end(bodyText);
        });
      const asArray = await send('2222222222', JSON.stringify({ ids: [b, a] }));
      expect(asArray.status).toBe(200);
      expect(JSON.parse(asArray.text).data.rows.map((r: { id: string }) => r.id)).toEqual([b, a]);
      const asText = await send('3333333333', JSON.stringify({ ids: `[${a}]` }));
      expect(JSON.parse(asText.text).data.rows.map((r: { id: string }) => r.id)).toEqual([a]);
      const notJson = await send('4444444444', 'ids=1');
      expect(JSON.parse(notJson.text)).toMatchObject({ errcode: 2000001000 });
    } finally {
      await running.close();
    }
  });

  it.each([
    [
      'more than 100 ids',
      () =>
        `ids=${encodeURIComponent(`[${Array.from({ length: 101 }, (_, i) => 1000 + i).join(',')}]`)}`,
      'at most 100',
    ],
    ['a non-digit id', () => `ids=${encodeURIComponent('[123,abc]')}`, 'ids[1] "abc" is not an id'],
    ['a malformed array', () => `ids=${encodeURIComponent('[123,456')}`, 'malformed array'],
    ['an empty element', () => `ids=${encodeURIComponent('[1,,2]')}`, 'ids[1] is empty'],
    ['invalid percent-encoding', () => 'ids=%ZZ', 'invalid percent-encoding'],
    ['invalid UTF-8', () => 'ids=%FF', 'not valid UTF-8'],
  ])('refuses %s with 2000001000 and the detail', async (_name, query, detail) => {
    const { inv } = setup();
    const res = await inv(query());
    expect(res.status).toBe(200);
    const answer = await body(res);
    expect(answer.errcode).toBe(2000001000);
    expect(answer.description).toContain('参数错误');
    expect(answer.description).toContain(detail);
    expect(answer.data).toBeNull();
  });
});

describe('kingdee sandbox: refusals in the §7 order, each saying why', () => {
  const business = KINGDEE_PATHS.scmInventory;

  it('5001 for an unknown path and 5002 for a wrong method, with HTTP 519', async () => {
    const { request } = setup();
    const unknown = await request('GET', '/jdy/v2/scm/nope');
    expect(unknown.status).toBe(519);
    expect(await body(unknown)).toMatchObject({ errcode: 5001, descriptionCn: expect.any(String) });
    const wrong = await request('POST', business);
    expect(wrong.status).toBe(519);
    expect((await body(wrong)).description).toContain('takes GET, not POST');
  });

  it.each([
    ['auth version missing', { 'X-Api-Auth-Version': null }, 4001, 'X-Api-Auth-Version is missing'],
    ['auth version 1.0', { 'X-Api-Auth-Version': '1.0' }, 4001, 'expected "2.0"'],
    ['client id missing', { 'X-Api-ClientID': null }, 4002, 'X-Api-ClientID is missing'],
    ['client id unknown', { 'X-Api-ClientID': '999' }, 4003, 'not a known client_id'],
    ['timestamp missing', { 'X-Api-TimeStamp': null }, 4006, 'X-Api-TimeStamp is missing'],
    ['timestamp in seconds', { 'X-Api-TimeStamp': '1700000000' }, 4006, 'looks like seconds'],
    ['timestamp stale', { 'X-Api-TimeStamp': String(T0 - 300_001) }, 4006, '±300000 ms'],
    ['sign headers missing', { 'X-Api-SignHeaders': null }, 4007, 'X-Api-SignHeaders is missing'],
    ['sign headers incomplete', { 'X-Api-SignHeaders': 'X-Api-TimeStamp' }, 4007, 'exactly'],
    ['nonce missing', { 'X-Api-Nonce': null }, 4007, 'X-Api-Nonce is missing'],
    ['nonce not digits', { 'X-Api-Nonce': 'abc' }, 4007, 'positive integer'],
    ['signature missing', { 'X-Api-Signature': null }, 4008, 'X-Api-Signature is missing'],
  ])('%s', async (_name, headers, errcode, detail) => {
    const { request } = setup();
    const res = await request('GET', business, 'page=1', { headers });
    expect(res.status).toBe(519);
    const answer = await body(res);
    expect(answer.errcode).toBe(errcode);
    expect(answer.description).toContain(detail);
  });

  it('accepts a timestamp at the edge of a configurable window', async () => {
    const { request, token } = setup({ timestampWindowMs: 1000 });
    const appToken = await token();
    const edge = await request('GET', business, 'page=1', {
      token: appToken,
      timestamp: String(T0 - 1000),
    });
    expect((await body(edge)).errcode).toBe(0);
    const out = await request('GET', business, 'page=1', {
      token: appToken,
      timestamp: String(T0 - 1001),
    });
    expect((await body(out)).errcode).toBe(4006);
  });

  it('refuses a replayed nonce, unless allowed', async () => {
    const { request, token } = setup();
    const appToken = await token();
    expect(
      (
        await body(
          await request('GET', business, 'page=1', { token: appToken, nonce: '5555555555' }),
        )
      ).errcode,
    ).toBe(0);
    const replay = await body(
      await request('GET', business, 'page=2', { token: appToken, nonce: '5555555555' }),
    );
    expect(replay).toMatchObject({
      errcode: 4007,
      description: expect.stringContaining('already used'),
    });
    const relaxed = setup({ allowNonceReplay: true });
    const relaxedToken = await relaxed.token();
    for (let i = 0; i < 2; i++) {
      const res = await relaxed.request('GET', business, 'page=1', {
        token: relaxedToken,
        nonce: '5555555555',
      });
      expect((await body(res)).errcode).toBe(0);
    }
  });

  it('refuses a tampered signature and shows the string it built', async () => {
    const { sandbox, token } = setup();
    await token();
    const headers = {
      ...signedHeaders('GET', business, 'page=1&page_size=10', '6666666666'),
      'app-token': 'x',
      'X-GW-Router-Addr': DOMAIN,
    };
    // Signed for page_size=10, sent with page_size=100.
    const res = await sandbox.app.request(`${business}?page_size=100&page=1`, { headers });
    expect(res.status).toBe(519);
    const answer = await body(res);
    expect(answer.errcode).toBe(4008);
    expect(answer.description).toContain('raw query model');
    const built = Buffer.from(
      res.headers.get('X-Kingdee-Mock-String-To-Sign') ?? '',
      'base64',
    ).toString();
    expect(built).toBe(
      'GET\n%2Fjdy%2Fv2%2Fscm%2Finventory\npage=1&page_size=100\nx-api-nonce:6666666666\nx-api-timestamp:1700000000000\n',
    );
    expect(sandbox.log.entries(1)[0]).toMatchObject({ code: '4008', status: 519 });
    expect(JSON.stringify(sandbox.log.entries())).not.toContain(CREDS.clientSecret);
  });

  it('5003 without X-GW-Router-Addr or with another domain', async () => {
    const { request, token } = setup();
    const appToken = await token();
    const missing = await request('GET', business, '', { token: appToken, domain: null });
    expect([missing.status, (await body(missing)).errcode]).toEqual([519, 5003]);
    const other = await request('GET', business, '', {
      token: appToken,
      domain: 'https://c1.jdy.com',
    });
    expect((await body(other)).description).toContain('expected https://tf.jdy.com');
  });

  it('1000202002 for a missing or unknown app-token, 1000202001 once it expired', async () => {
    const { request, token, clock } = setup({ tokenLifetimeMs: 60_000 });
    const missing = await request('GET', business, '');
    expect([missing.status, (await body(missing)).errcode]).toEqual([200, 1000202002]);
    const unknown = await body(await request('GET', business, '', { token: 'eyJnope' }));
    expect(unknown.errcode).toBe(1000202002);
    const appToken = await token();
    expect((await body(await request('GET', business, '', { token: appToken }))).errcode).toBe(0);
    clock.now += 60_000;
    const expired = await body(await request('GET', business, '', { token: appToken }));
    expect(expired.errcode).toBe(1000202001);
    // The observed gateway text first (§7 #10), then why.
    expect(expired.description).toMatch(/^JWT token has expired: app-token expired 0 ms ago/);
  });

  it('keeps maxTokensPerAccount app-tokens per client + account: the oldest is forgotten', async () => {
    const { request, token } = setup({ maxTokensPerAccount: 2 });
    const [first, second, third] = [await token(), await token(), await token()];
    const errcode = async (appToken: string) =>
      (await body(await request('GET', business, '', { token: appToken }))).errcode;
    expect(await errcode(first)).toBe(1000202002);
    expect(await errcode(second)).toBe(0);
    expect(await errcode(third)).toBe(0);
  });

  it('429 with the documented body when the optional rate limit is exceeded', async () => {
    const { request, token } = setup({ rateLimit: { limit: 2, intervalMs: 60_000 } });
    const appToken = await token();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await request('GET', business, '', { token: appToken })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await request('GET', business, '', { token: appToken });
    expect(await limited.json()).toEqual({ errcode: 429, description: '已被限流' });
  });

  it('never answers 5xx on garbage', async () => {
    const { request, token, sandbox } = setup();
    const appToken = await token();
    const garbage = [
      `page=${'9'.repeat(5000)}`,
      'page=-1',
      'page_size=0',
      'page=1&page=2',
      'page_size=1e3',
      `material_ids=${encodeURIComponent('[1,2')}`,
      'modify_start_time=yesterday',
      'include_batch_kf_period=maybe',
      '%E0%A4%A=1',
    ];
    for (const query of garbage) {
      const res = await request('GET', business, query, { token: appToken });
      expect(res.status, query).toBe(200);
      expect((await body(res)).errcode, query).toBe(2000001000);
    }
    // Unknown parameters are ignored, whatever they hold.
    const unknown = await request('GET', business, `${'x'.repeat(3000)}=${'%00'.repeat(1000)}`, {
      token: appToken,
    });
    expect((await body(unknown)).errcode).toBe(0);
    const odd = await sandbox.app.request(`${business}?%%%`, {
      headers: { 'X-Api-Auth-Version': '2.0' },
    });
    expect(odd.status).toBe(519);
  });
});

describe('kingdee sandbox: scm/inventory', () => {
  const path = KINGDEE_PATHS.scmInventory;

  it('pages the whole dataset with count as a string and total_page from page_size', async () => {
    const { request, token, state } = setup({ size: 250 });
    const appToken = await token();
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const answer = await body(
        await request('GET', path, `page=${page}&page_size=100`, { token: appToken }),
      );
      expect(answer.data).toMatchObject({ count: '250', page, page_size: 100, total_page: 3 });
      expect(answer.data.current_page_size).toBe(answer.data.rows.length);
      seen.push(
        ...answer.data.rows.map(
          (r: {
            material_id: string;
            stock_id: string;
            sp_id: string;
            aux_prop_id: string;
            batch_no: string;
          }) => [r.material_id, r.stock_id, r.sp_id, r.aux_prop_id, r.batch_no].join('|'),
        ),
      );
      if (page >= answer.data.total_page) break;
    }
    expect(seen).toHaveLength(state.size);
    expect(new Set(seen).size).toBe(state.size);
  });

  it('defaults to page 1 of 10 rows; quantities are strings', async () => {
    const { request, token } = setup();
    const answer = await body(await request('GET', path, '', { token: await token() }));
    expect(answer.data.rows).toHaveLength(10);
    expect(typeof answer.data.rows[0].qty).toBe('string');
    expect(typeof answer.data.rows[0].valid_qty).toBe('string');
  });

  it('reproduces the page_size overflow quirk (§9.2), or refuses it when disabled', async () => {
    const quirky = setup({ size: 250 });
    const answer = await body(
      await quirky.request('GET', path, 'page=1&page_size=200', { token: await quirky.token() }),
    );
    expect(answer.data).toMatchObject({ count: '250', total_page: 2, current_page_size: 100 });
    const strict = setup({ size: 250, quirks: { pageSizeOverflow: false, countAsString: false } });
    const refused = await body(
      await strict.request('GET', path, 'page=1&page_size=200', { token: await strict.token() }),
    );
    expect(refused).toMatchObject({
      errcode: 2000001000,
      description: expect.stringContaining('page_size 200'),
    });
    const counted = await body(
      await strict.request('GET', path, 'page=1&page_size=5', { token: await strict.token() }),
    );
    expect(counted.data.count).toBe(250);
  });

  it('filters by material and by modify time; adjust() moves a row into the window', async () => {
    const { request, token, state, clock } = setup();
    const appToken = await token();
    const position = state.positions()[5];
    const material = position?.row.material_id as string;
    const byMaterial = await body(
      await request(
        'GET',
        path,
        `material_ids=${encodeURIComponent(`[${material}]`)}&page_size=100`,
        { token: appToken },
      ),
    );
    expect(byMaterial.data.rows.length).toBeGreaterThan(0);
    expect(
      byMaterial.data.rows.every((r: { material_id: string }) => r.material_id === material),
    ).toBe(true);
    const since = '2023-11-15 06:00:00'; // T0 is 2023-11-15 06:13:20 in Asia/Shanghai
    const window = `modify_start_time=${encodeURIComponent(since).replaceAll('%20', '+')}`;
    expect((await body(await request('GET', path, window, { token: appToken }))).data.count).toBe(
      '0',
    );
    clock.now += 1000;
    const change = state.adjust(position?.row.id as string, '-1.5');
    expect(change).toMatchObject({ changeId: 1, delta: '-1.5', at: T0 + 1000 });
    const after = await body(await request('GET', path, window, { token: appToken }));
    expect(after.data.count).toBe('1');
    expect(after.data.rows[0].material_id).toBe(material);
  });
});
