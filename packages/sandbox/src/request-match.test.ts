import { WINIT_ACTIONS } from '@inv/winit-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';
import { containsSubset } from './request-match.js';
import { kingdeeCredentialsSchema, type SignedSandboxRequest } from './request-signer.js';
import { type RunningSandbox, startSandbox } from './start.js';
import { kingdeeAuthTokenRequest, winitBatchQueryRequest } from './test-support/signed-requests.js';

const T0 = Date.UTC(2024, 5, 1, 4, 0, 0);
const batch = (merchandiseCode: string, token?: string) =>
  winitBatchQueryRequest(merchandiseCode, T0, token);
const admin = (path: string, method: string, body?: unknown): RequestInit & { path: string } => ({
  path,
  method,
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe('containsSubset', () => {
  it('matches objects by the keys given, arrays by the elements given, scalars by text', () => {
    const data = {
      warehouseCode: 'US0001',
      merchandises: [{ merchandiseCode: 'A' }, { merchandiseCode: 'B' }],
    };
    expect(containsSubset(data, { merchandises: [{ merchandiseCode: 'B' }] })).toBe(true);
    expect(containsSubset(data, { merchandises: [{ merchandiseCode: 'C' }] })).toBe(false);
    expect(containsSubset(data, { warehouseCode: 'US0002' })).toBe(false);
    expect(containsSubset({ page: '1' }, { page: 1 })).toBe(true);
    expect(containsSubset(undefined, { page: 1 })).toBe(false);
    expect(containsSubset({ a: null }, { a: null })).toBe(true);
  });
});

describe('verification API (app.request)', () => {
  const send = async (
    app: ReturnType<typeof createSandboxApp>['app'],
    signed: SignedSandboxRequest,
  ) =>
    app.request(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });

  it('finds and counts requests by action, verdict and a subset of Winit data', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    await send(sandbox.app, batch('A'));
    await send(sandbox.app, batch('B'));
    await send(sandbox.app, batch('B', 'not-the-token'));
    const { app } = sandbox;
    const count = async (match: unknown) => {
      const { path, ...init } = admin('/_sandbox/requests/count', 'POST', match);
      return ((await (await app.request(path, init)).json()) as { count: number }).count;
    };
    expect(await count({ action: WINIT_ACTIONS.batchQuery })).toBe(3);
    expect(await count({ action: WINIT_ACTIONS.batchQuery, verdict: 'accepted' })).toBe(2);
    expect(await count({ provider: 'winit', verdict: 'refused' })).toBe(1);
    expect(
      await count({ params: { merchandises: [{ merchandiseCode: 'B' }] }, verdict: 'accepted' }),
    ).toBe(1);
    expect(await count({ since: T0 + 1 })).toBe(0);
    const { path, ...init } = admin('/_sandbox/requests/find', 'POST', {
      params: { merchandises: [{ merchandiseCode: 'A' }] },
    });
    const found = (await (await app.request(path, init)).json()) as {
      requests: { route: string; params: unknown }[];
    };
    expect(found.requests).toHaveLength(1);
    expect(found.requests[0]).toMatchObject({
      route: WINIT_ACTIONS.batchQuery,
      status: 200,
      verdict: 'accepted',
    });
    expect(sandbox.requests.count({ action: WINIT_ACTIONS.batchQuery, verdict: 'accepted' })).toBe(
      2,
    );
    const cleared = admin('/_sandbox/requests', 'DELETE');
    expect((await app.request(cleared.path, { method: 'DELETE' })).status).toBe(200);
    expect(sandbox.requests.count()).toBe(0);
  });

  it('matches Kingdee query parameters and never logs app_signature', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const credentials = kingdeeCredentialsSchema.parse({});
    const signed = kingdeeAuthTokenRequest(T0);
    await sandbox.app.request(signed.url, { headers: signed.headers });
    const [entry] = sandbox.requests.find({
      provider: 'kingdee',
      params: { app_key: credentials.appKey },
    });
    expect(entry).toMatchObject({ verdict: 'accepted', params: { app_key: credentials.appKey } });
    expect(JSON.stringify(sandbox.log.entries())).not.toContain('app_signature');
  });

  it('refuses a bad match with 400 naming the field, and throws in process', async () => {
    const { app, requests } = createSandboxApp({ now: () => T0 });
    const { path, ...init } = admin('/_sandbox/requests/find', 'POST', {
      verdict: 'maybe',
      colour: 1,
    });
    const res = await app.request(path, init);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: string[] };
    expect(body.issues.join('\n')).toMatch(/verdict/);
    expect(body.issues.join('\n')).toMatch(/colour/);
    expect(() => requests.find({ status: 42 })).toThrow(/status/);
  });
});

describe('verification API (real HTTP)', () => {
  let sandbox: RunningSandbox | undefined;
  afterAll(() => sandbox?.close());

  it('the client sent exactly 3 batch queries, none refused', async () => {
    sandbox = await startSandbox({ port: 0, now: () => T0 });
    for (const code of ['A', 'B', 'C']) {
      const signed = batch(code);
      const res = await fetch(`${sandbox.url}${signed.url}`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      expect(res.status).toBe(200);
    }
    const count = (match: unknown) =>
      fetch(`${sandbox?.url}/_sandbox/requests/count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(match),
      }).then(async (res) => ((await res.json()) as { count: number }).count);
    expect(await count({ action: WINIT_ACTIONS.batchQuery })).toBe(3);
    expect(await count({ action: WINIT_ACTIONS.batchQuery, verdict: 'refused' })).toBe(0);
    expect(sandbox.requests.count({ action: WINIT_ACTIONS.batchQuery, verdict: 'accepted' })).toBe(
      3,
    );
  });
});
