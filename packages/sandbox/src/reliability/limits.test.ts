/**
 * What the sandbox refuses on the wire: bodies over `maxBodyBytes` (in the gateway's envelope,
 * whether the size is announced or streamed), headers over Node's limit (HTTP 431 from Node
 * itself), timestamps outside the window and replayed nonces (property-based); and where it
 * listens: 127.0.0.1 only, unless told otherwise.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app.js';
import { type RunningSandbox, startSandbox } from '../start.js';

const T0 = Date.UTC(2025, 0, 15, 4, 0, 0);
const SEED = 20240101;
const MAX_BODY = 64 * 1024;

interface RawAnswer {
  status: number;
  body: string;
}

/**
 * One HTTP/1.1 request with full control over headers and body framing. A server that answers
 * before reading an oversized body may close the connection while it is still being written: the
 * answer, once it has arrived, is what counts.
 */
function send(
  url: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunked?: boolean;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && !options.chunked) {
      headers['content-length'] = String(Buffer.byteLength(options.body));
    }
    if (options.chunked) headers['transfer-encoding'] = 'chunked';
    let status: number | undefined;
    const chunks: Buffer[] = [];
    const done = (): void =>
      status === undefined
        ? reject(new Error('connection closed before an answer'))
        : resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
    const req = httpRequest(
      new URL(options.path, url),
      { method: options.method ?? 'POST', headers },
      (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', done);
        res.on('error', done);
      },
    );
    req.on('error', (error) => (status === undefined ? reject(error) : done()));
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body && options.chunked) {
      for (let at = 0; at < body.length; at += 8192) req.write(body.subarray(at, at + 8192));
      req.end();
    } else req.end(body);
  });
}

let nonce = 2_000_000_000;

function kingdeeHeaders(
  method: 'GET' | 'POST',
  path: string,
  query: QueryParam[],
  timestamp = String(T0),
  nonceValue = String(nonce++),
): { url: string; headers: Record<string, string> } {
  const signed = signRequest({
    clientId: KINGDEE.clientId,
    clientSecret: KINGDEE.clientSecret,
    method,
    path,
    query,
    nonce: nonceValue,
    timestamp,
  });
  return { url: signed.url, headers: signed.headers };
}

function winitBody(action: string, data: unknown, at = T0): string {
  return signRequestBody({
    action,
    dataString: canonicalData(data),
    appKey: WINIT.appKeys[0],
    token: WINIT.token,
    timestamp: formatWinitTimestamp(at),
  });
}

const PUSH = KINGDEE_PATHS.pushAppAuthorize;
const PUSH_QUERY: QueryParam[] = [['outerInstanceId', KINGDEE.account.outerInstanceId]];

describe('body and header limits over real HTTP', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => T0, maxBodyBytes: MAX_BODY });
  });
  afterAll(() => sandbox.close());

  const kingdeeStillServes = async (): Promise<void> => {
    const signed = kingdeeHeaders('POST', PUSH, PUSH_QUERY);
    const answer = await send(sandbox.url, { path: signed.url, headers: signed.headers });
    expect(JSON.parse(answer.body)).toMatchObject({ errcode: 0 });
  };
  const winitStillServes = async (): Promise<void> => {
    const answer = await send(sandbox.url, {
      path: '/openapi/service',
      body: winitBody(WINIT_ACTIONS.queryWarehouse, ''),
    });
    expect(JSON.parse(answer.body)).toMatchObject({ code: '0' });
  };

  for (const chunked of [false, true]) {
    const framing = chunked ? 'streamed (chunked)' : 'announced (content-length)';
    it(`a Kingdee body over maxBodyBytes, ${framing}, is a 2000001000 parameter error`, async () => {
      const signed = kingdeeHeaders('POST', PUSH, PUSH_QUERY);
      const answer = await send(sandbox.url, {
        path: signed.url,
        headers: signed.headers,
        body: Buffer.alloc(MAX_BODY + 1, 0x7b),
        chunked,
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        errcode: 2000001000,
        description: `参数错误: request body exceeds the ${MAX_BODY}-byte limit`,
      });
      await kingdeeStillServes();
    });

    it(`a Winit body over maxBodyBytes, ${framing}, is a 1001 envelope error`, async () => {
      const answer = await send(sandbox.url, {
        path: '/openapi/service',
        body: Buffer.alloc(MAX_BODY + 1, 0x20),
        chunked,
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        code: '1001',
        msg: `系统参数错误: request body exceeds the ${MAX_BODY}-byte limit`,
        data: '',
      });
      await winitStillServes();
    });
  }

  it('a body of exactly maxBodyBytes is read (and refused for what it is, not for its size)', async () => {
    const answer = await send(sandbox.url, {
      path: '/openapi/service',
      body: Buffer.alloc(MAX_BODY, 0x20),
    });
    expect(JSON.parse(answer.body)).toMatchObject({ code: '1001' });
    expect(JSON.parse(answer.body).msg).toContain('not valid JSON');
  });

  // Over the app limit (1 MB) and over this sandbox's maxBodyBytes only; announced and streamed.
  it.each([
    ['2 MB', 2 * 1024 * 1024, false],
    ['4 × maxBodyBytes', MAX_BODY * 4, false],
    ['4 × maxBodyBytes, chunked', MAX_BODY * 4, true],
  ])('a Kingdee GET carrying a body of %s is refused in the envelope', async (_, size, chunked) => {
    const token = kingdeeHeaders('GET', KINGDEE_PATHS.authToken, [
      ['app_key', KINGDEE.account.appKey],
      ['app_signature', computeAppSignature(KINGDEE.account.appSecret, KINGDEE.account.appKey)],
    ]);
    const issued = JSON.parse(
      (await send(sandbox.url, { method: 'GET', path: token.url, headers: token.headers })).body,
    ) as { data: { 'app-token': string } };
    const signed = kingdeeHeaders('GET', KINGDEE_PATHS.scmInventory, []);
    const answer = await send(sandbox.url, {
      method: 'GET',
      path: signed.url,
      headers: {
        ...signed.headers,
        'app-token': issued.data['app-token'],
        'X-GW-Router-Addr': KINGDEE.account.domain,
      },
      body: `{"page":"1","pad":"${'x'.repeat(size)}"}`,
      chunked,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ errcode: 2000001000 });
    expect(JSON.parse(answer.body).description).toContain('larger than');
  });

  it('headers over Node’s limit (16 KiB) get HTTP 431 in the envelope, and the sandbox keeps serving', async () => {
    for (const [path, envelope] of [
      [PUSH, { errcode: 2000001000 }],
      ['/openapi/service', { code: '1001' }],
    ] as const) {
      const answer = await send(sandbox.url, {
        path,
        headers: { 'x-padding': 'a'.repeat(20 * 1024) },
        body: '{}',
      });
      expect(answer.status).toBe(431);
      expect(JSON.parse(answer.body)).toMatchObject(envelope);
    }
    await kingdeeStillServes();
    await winitStillServes();
  });
});

describe('timestamp windows and nonce replay (property-based)', () => {
  const WINDOW = 300_000;
  const SKEW = 600_000;

  it('Kingdee: a timestamp more than 5 minutes off is 4006; within, the request passes', async () => {
    const { app } = createSandboxApp({ now: () => T0 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: WINDOW + 1, max: 10 * 365 * 86_400_000 }),
          fc.integer({ min: -T0 + 1, max: -WINDOW - 1 }),
          fc.integer({ min: -WINDOW, max: WINDOW }),
        ),
        async (skew) => {
          const signed = kingdeeHeaders('POST', PUSH, PUSH_QUERY, String(T0 + skew));
          const response = await app.request(signed.url, {
            method: 'POST',
            headers: signed.headers,
          });
          const body = (await response.json()) as { errcode: number; description: string };
          if (Math.abs(skew) > WINDOW) {
            expect(response.status).toBe(519);
            expect(body.errcode).toBe(4006);
            expect(body.description).toContain(`expected within ±${WINDOW} ms`);
          } else {
            expect(body.errcode).toBe(0);
          }
        },
      ),
      { numRuns: 500, seed: SEED },
    );
  });

  it('Kingdee: a nonce used again within the window is 4007, whatever else changed', async () => {
    let now = T0;
    const { app } = createSandboxApp({ now: () => now });
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[1-9]\d{0,17}$/),
        fc.integer({ min: 0, max: WINDOW }),
        fc.boolean(),
        async (value, later, samePath) => {
          now += WINDOW * 3;
          const first = kingdeeHeaders('POST', PUSH, PUSH_QUERY, String(now), value);
          const accepted = await app.request(first.url, { method: 'POST', headers: first.headers });
          expect(((await accepted.json()) as { errcode: number }).errcode).toBe(0);
          now += later;
          const again = samePath
            ? kingdeeHeaders('POST', PUSH, PUSH_QUERY, String(now), value)
            : kingdeeHeaders(
                'GET',
                KINGDEE_PATHS.authToken,
                [['app_key', 'abc']],
                String(now),
                value,
              );
          const replay = await app.request(again.url, {
            method: samePath ? 'POST' : 'GET',
            headers: again.headers,
          });
          expect(replay.status).toBe(519);
          const body = (await replay.json()) as { errcode: number; description: string };
          expect(body.errcode).toBe(4007);
          expect(body.description).toContain('already used');
        },
      ),
      { numRuns: 500, seed: SEED },
    );
  });

  it('Kingdee: the same request replayed while its timestamp is in the window is 4007, even when stamped ahead', async () => {
    // A timestamp up to the window ahead is accepted (§5.3), so the nonce must be kept until its
    // own timestamp leaves the window, not one window after receipt.
    let now = T0;
    const { app } = createSandboxApp({ now: () => now });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: WINDOW }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (ahead, fraction) => {
          now += WINDOW * 3;
          const signed = kingdeeHeaders('POST', PUSH, PUSH_QUERY, String(now + ahead));
          const send = () => app.request(signed.url, { method: 'POST', headers: signed.headers });
          expect(((await (await send()).json()) as { errcode: number }).errcode).toBe(0);
          now += Math.floor((ahead + WINDOW) * fraction);
          const replay = (await (await send()).json()) as { errcode: number };
          expect(replay.errcode).toBe(4007);
        },
      ),
      { numRuns: 300, seed: SEED, examples: [[WINDOW - 1000, 1]] },
    );
  });

  it('Winit: a timestamp more than 10 minutes off is 1003; within, the request passes', async () => {
    const { app } = createSandboxApp({ now: () => T0, winit: { rateLimit: false } });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: SKEW + 1000, max: 10 * 365 * 86_400_000 }),
          fc.integer({ min: -T0 + 1, max: -SKEW - 1000 }),
          fc.integer({ min: -SKEW, max: SKEW }),
        ),
        async (skew) => {
          const response = await app.request('/openapi/service', {
            method: 'POST',
            body: winitBody(WINIT_ACTIONS.queryWarehouse, '', T0 + skew),
          });
          const body = (await response.json()) as { code: string; msg: string };
          // Winit timestamps have whole seconds: the sent time is floored to the second.
          const sent = Math.floor((T0 + skew) / 1000) * 1000;
          if (Math.abs(sent - T0) > SKEW) {
            expect(body.code).toBe('1003');
            expect(body.msg).toContain('allowed skew ±600 s');
          } else {
            expect(body.code).toBe('0');
          }
        },
      ),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('binding', () => {
  it('listens on 127.0.0.1 only by default: another loopback address is refused', async () => {
    const sandbox = await startSandbox();
    try {
      const url = new URL(sandbox.url);
      expect(url.hostname).toBe('127.0.0.1');
      const reach = (host: string): Promise<string> =>
        new Promise((resolve) => {
          const socket = connect({ host, port: sandbox.port });
          socket.once('connect', () => {
            socket.destroy();
            resolve('connected');
          });
          socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
      expect(await reach('127.0.0.1')).toBe('connected');
      // A server bound to 0.0.0.0 would accept here; one bound to 127.0.0.1 does not.
      expect(await reach('127.0.0.2')).toBe('ECONNREFUSED');
    } finally {
      await sandbox.close();
    }
  });
});
