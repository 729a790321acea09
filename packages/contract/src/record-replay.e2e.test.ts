/**
 * Record and replay over real HTTP on 127.0.0.1: a second sandbox with its own ("real")
 * credentials plays the real gateways. Both clients run through a recording sandbox, then through
 * a replaying one with the upstream stopped, signing with the sandbox's credentials: they must
 * return identical records, and the recording file must hold none of the upstream's secrets.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createKingdeeProvider } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS as KINGDEE } from '@inv/kingdee-protocol';
import { createSandboxApp, type RunningSandbox, startSandbox } from '@inv/sandbox';
import { createWinitProvider } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS as WINIT } from '@inv/winit-protocol';
import { afterAll, describe, expect, it } from 'vitest';

const REAL = {
  kingdee: {
    clientId: '700700',
    clientSecret: 'real-client-secret-5e4d3c2b1a',
    outerInstanceId: '918273645546372819',
    appKey: 'RealAppKey77',
    appSecret: 'real-app-secret-99887766',
  },
  winit: {
    appKey: 'real@merchant.example',
    token: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
    clientId: 'REALCLIENTID',
    clientSecret: 'REALCLIENTSECRET+/==',
  },
};
const FAST = { limit: 1_000_000, intervalMs: 1000 };
const RETRY = { retries: 0, baseDelayMs: 1, maxDelayMs: 5 };

/** Values seen on the wire or in upstream answers: signatures, nonces, tokens. */
const wireSecrets = new Set<string>();

async function harvest(request: Request, response: Response): Promise<void> {
  for (const name of ['x-api-signature', 'x-api-nonce', 'app-token']) {
    const value = request.headers.get(name);
    if (value) wireSecrets.add(value);
  }
  const appSignature = new URL(request.url).searchParams.get('app_signature');
  if (appSignature) wireSecrets.add(appSignature);
  if (request.method === 'POST' && new URL(request.url).pathname === '/openapi/service') {
    const body = JSON.parse(await request.text()) as Record<string, unknown>;
    for (const field of ['sign', 'client_sign']) {
      if (typeof body[field] === 'string') wireSecrets.add(body[field]);
    }
  }
  const text = await response.text();
  for (const match of text.matchAll(/"(app-token|access_token|appSecret)":"([^"]+)"/g)) {
    if (match[2]) wireSecrets.add(match[2]);
  }
}

/** The upstream: a sandbox knowing only the "real" credentials, harvesting what crosses the wire. */
async function startUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const sandbox = createSandboxApp({
    kingdee: {
      clients: { [REAL.kingdee.clientId]: REAL.kingdee.clientSecret },
      accounts: [
        {
          outerInstanceId: REAL.kingdee.outerInstanceId,
          appKey: REAL.kingdee.appKey,
          appSecret: REAL.kingdee.appSecret,
          domain: KINGDEE.account.domain,
        },
      ],
    },
    winit: {
      accounts: [{ appKey: REAL.winit.appKey, token: REAL.winit.token }],
      clients: { [REAL.winit.clientId]: REAL.winit.clientSecret },
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        // Without Node's request (env) the app reads the clone, and the original stays readable.
        fetch: async (request) => {
          const response = await sandbox.app.fetch(request.clone());
          await harvest(request, response.clone());
          return response;
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const kingdee = (url: string, real: boolean) =>
  createKingdeeProvider({
    clientId: real ? REAL.kingdee.clientId : KINGDEE.clientId,
    clientSecret: real ? REAL.kingdee.clientSecret : KINGDEE.clientSecret,
    outerInstanceId: real ? REAL.kingdee.outerInstanceId : KINGDEE.account.outerInstanceId,
    baseURL: url,
    pageSize: 40,
    rateLimit: FAST,
    retry: RETRY,
  });
const winit = (url: string, real: boolean) =>
  createWinitProvider({
    appKey: real ? REAL.winit.appKey : 'demo@example.com',
    token: real ? REAL.winit.token : WINIT.token,
    clientId: real ? REAL.winit.clientId : WINIT.clientId,
    clientSecret: real ? REAL.winit.clientSecret : WINIT.clientSecret,
    baseURL: url,
    warehouseCodes: ['DE0001'],
    warehouseCode: 'DE0001',
    pageSize: 50,
    rateLimit: FAST,
    retry: RETRY,
  });

/** Everything both clients read: every Kingdee and Winit page. */
async function session(url: string, real: boolean): Promise<unknown[]> {
  const pages: unknown[] = [];
  for await (const page of kingdee(url, real).inventory.pages?.() ?? []) pages.push(page);
  for await (const page of winit(url, real).inventory.pages?.() ?? []) pages.push(page);
  return pages;
}

describe('record, then replay with the upstream stopped', () => {
  const opened: { close(): Promise<void> }[] = [];
  let dir = '';
  afterAll(async () => {
    await Promise.allSettled(opened.map((s) => s.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('returns identical records and writes no secret of the upstream', async () => {
    dir = await mkdtemp(join(tmpdir(), 'inv-record-'));
    const file = join(dir, 'recording.jsonl');
    const upstream = await startUpstream();
    opened.push(upstream);
    const recording: RunningSandbox = await startSandbox({
      record: { file, upstream: { kingdee: upstream.url, winit: upstream.url } },
    });
    opened.push(recording);
    const recorded = await session(recording.url, true);
    expect(recorded.length).toBeGreaterThan(2);
    await upstream.close();
    await recording.close();

    const replaying = await startSandbox({ replay: { file } });
    opened.push(replaying);
    const replayed = await session(replaying.url, false);
    expect(replayed).toEqual(recorded);
    expect(replaying.log.entries().some((e) => e.verdict.startsWith('replayed'))).toBe(true);

    // A request never recorded is refused in the gateway's envelope, naming the closest one.
    const unrecorded = await winit(replaying.url, false)
      .inventory.bySkus?.(['NEVER-RECORDED-SKU'])
      .then(
        () => undefined,
        (error: unknown) => error as Error,
      );
    expect(unrecorded?.message).toMatch(/has no recording/);

    const text = await readFile(file, 'utf8');
    const secrets = [
      REAL.kingdee.clientSecret,
      REAL.kingdee.appSecret,
      REAL.winit.token,
      REAL.winit.clientSecret,
      ...wireSecrets,
    ];
    expect(wireSecrets.size).toBeGreaterThan(4);
    for (const secret of secrets) {
      for (const form of new Set([
        secret,
        encodeURIComponent(secret),
        JSON.stringify(secret).slice(1, -1),
        Buffer.from(secret).toString('base64'),
        secret.toLowerCase(),
      ])) {
        expect(text.includes(form), `recording holds ${form}`).toBe(false);
      }
    }
  });
});
