import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import {
  buildStringToSign,
  KINGDEE_SANDBOX_CREDENTIALS as CREDS,
  canonicalizeRawQuery,
  computeAppSignature,
  INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT,
  KINGDEE_PATHS,
  signStringToSign,
} from '@inv/kingdee';
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
      new URL('../../../../../shared/protocols/kingdee-vectors.json', import.meta.url),
      'utf8',
    ),
  ) as { vectors: Vector[] }
).vectors.filter((v) => v.kind === 'x_api_signature');
const seedMarkdown = readFileSync(
  new URL('../../../../../shared/seeds/kingdee-inv-synchronous.md', import.meta.url),
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
    return sandbox.app.request(`${path}${rawQuery ? `?${rawQuery}` : ''}`, {
      method,
      headers: clean,
      body: opts.body,
    });
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

async function body(
  res: Response,
): Promise<{ errcode: number; description: string; descriptionCn?: string; data?: any }> {
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

  it('accepts every array form, without Content-Type, and a JSON body on GET', async () => {
    const { inv, request, token, ids } = setup();
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
