/**
 * @inv/kingdee against the sandbox over real HTTP on 127.0.0.1: the documented answers of the
 * sandbox must become the matching typed errors in the client, and the happy paths must deliver
 * every row exactly once.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthError,
  InvalidRequestError,
  InvError,
  type InventoryRecord,
  SignatureError,
  TokenExpiredError,
} from '@inv/core';
import { KINGDEE_SANDBOX_CREDENTIALS as CREDS } from '@inv/kingdee-protocol';
import {
  createKingdeeInventoryState,
  type KingdeeInventoryState,
  type KingdeeSandboxOptions,
  type RunningSandbox,
  startSandbox,
} from '@inv/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KingdeeProviderOptions } from './options.js';
import { createKingdeeProvider } from './provider.js';

const T0 = 1_700_000_000_000;
const clock = { now: T0 };

interface Harness {
  sandbox: RunningSandbox;
  state: KingdeeInventoryState;
  client(options?: Partial<KingdeeProviderOptions>): ReturnType<typeof createKingdeeProvider>;
  requests(path: string): number;
}

async function start(kingdee: KingdeeSandboxOptions = {}): Promise<Harness> {
  const state = kingdee.state ?? createKingdeeInventoryState({ size: 640, now: () => clock.now });
  const sandbox = await startSandbox({ now: () => clock.now, kingdee: { state, ...kingdee } });
  return {
    sandbox,
    state,
    client: (options = {}) =>
      createKingdeeProvider({
        clientId: CREDS.clientId,
        clientSecret: CREDS.clientSecret,
        outerInstanceId: CREDS.account.outerInstanceId,
        baseURL: sandbox.url,
        now: () => clock.now,
        rateLimit: { limit: 100_000, intervalMs: 1000 },
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
        ...options,
      }),
    requests: (path) =>
      sandbox.log
        .entries()
        .filter((entry) => entry.route === path && entry.verdict.startsWith('accepted')).length,
  };
}

async function collect<T>(iterable: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<InvError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvError);
  return error as InvError;
}

describe('kingdee client ↔ sandbox over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => h.sandbox.close());
  beforeEach(() => {
    clock.now = T0;
    h.sandbox.log.clear();
  });

  it('fetches more than 100 ids in chunks of 100, in request order, reporting the missing', async () => {
    const ids = h.state.positions().map((p) => p.row.id);
    const wanted = [...ids.slice(0, 250).reverse(), '1999999999999999991', '1999999999999999992'];
    const provider = h.client();
    const result = await provider.inventory.byIds?.(wanted);
    expect(result?.missing).toEqual(['1999999999999999991', '1999999999999999992']);
    expect(result?.records.map((r) => r.key)).toEqual(wanted.slice(0, 250));
    expect(h.requests('/jdy/v2/inv/inv_synchronous')).toBe(3);
    const record = result?.records[0] as InventoryRecord;
    const row = h.state.get(record.key)?.row;
    expect(record.quantities.onHand).toBe(String(row?.qty));
    expect(record.quantities.available).toBe(String(row?.exp_valid_qty));
    expect(record.item.sku).toBe(row?.material_number);
    expect(record.raw).toEqual(row);
  });

  it('pages through the whole list with exact totals and resumes from a cursor', async () => {
    const provider = h.client();
    const pages = await collect(provider.inventory.pages?.() ?? []);
    const keys = pages.flatMap((page) => page.items.map((r) => r.key));
    expect(pages).toHaveLength(7);
    expect(pages.every((page) => page.total === 640)).toBe(true);
    expect(keys).toHaveLength(640);
    expect(new Set(keys).size).toBe(640);
    expect(pages.at(-1)?.next).toBeNull();
    expect(pages[0]?.next).toEqual({ page: 2, pageSize: 100, seenCount: 640 });
    const rest = await collect(provider.inventory.pages?.({ cursor: pages[5]?.next ?? {} }) ?? []);
    expect(rest.flatMap((page) => page.items.map((r) => r.key))).toEqual(keys.slice(600));
    const flat = await collect(provider.inventory.list?.({ pageSize: 64 }) ?? []);
    expect(flat.map((r) => r.key)).toEqual(keys);
  });

  it('syncs changes by modify time in Asia/Shanghai', async () => {
    const provider = h.client();
    const since = new Date(clock.now);
    clock.now += 5000;
    const [a, b] = h.state.positions().slice(10, 12);
    h.state.adjust(a?.row.id as string, '2.5');
    h.state.adjust(b?.row.id as string, -1);
    clock.now += 1000;
    const pages = await collect(provider.inventory.changes?.({ since }) ?? []);
    const changed = pages.flatMap((page) => page.items);
    expect(changed).toHaveLength(2);
    expect(changed.map((r) => r.item.id)).toEqual([a?.row.material_id, b?.row.material_id]);
    expect(changed[0]?.quantities.onHand).toBe(String(h.state.get(a?.row.id as string)?.row.qty));
  });

  it('a tampered signature (wrong client_secret) is 4008 → SignatureError, secret not exposed', async () => {
    const secret = 'ffffffffffffffffffffffffffffffff';
    const error = await failure(
      h.client({ clientSecret: secret }).inventory.byIds?.(['1']) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(SignatureError);
    expect(error.details).toMatchObject({ errcode: '4008', status: 519 });
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(h.sandbox.log.entries(1)[0]).toMatchObject({ code: '4008', status: 519 });
  });

  it('a stale timestamp is 4006 → AuthError naming the clock', async () => {
    const error = await failure(
      h.client({ now: () => clock.now - 301_000 }).inventory.byIds?.(['1']) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ providerCode: '4006' });
    expect(error.message).toContain('clock');
  });

  it('a replayed nonce is 4007 → AuthError', async () => {
    const error = await failure(
      h.client({ nonce: () => '1234567890' }).inventory.byIds?.(['1']) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ providerCode: '4007' });
    expect(error.details?.description).toContain('already used');
  });

  it('a retry after a lost answer is signed again with a fresh nonce, so it is not a replay', async () => {
    // A proxy that forwards the first inv_synchronous call, then drops the connection instead of
    // answering (core's `fetch` option does not reach ofetch, so the loss is staged on the wire).
    const nonces: string[] = [];
    let dropped = false;
    const proxy = createServer((incoming, outgoing) => {
      const target = new URL(incoming.url ?? '/', h.sandbox.url);
      const upstream = httpRequest(
        target,
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          const lose = !dropped && target.pathname.endsWith('inv_synchronous');
          if (target.pathname.endsWith('inv_synchronous')) {
            nonces.push(String(incoming.headers['x-api-nonce']));
          }
          if (lose) {
            dropped = true;
            answer.resume();
            outgoing.socket?.destroy();
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const provider = h.client({ baseURL: `http://127.0.0.1:${port}` });
      const id = h.state.positions()[0]?.row.id as string;
      const result = await provider.inventory.byIds?.([id]);
      expect(result?.records.map((r) => r.key)).toEqual([id]);
      expect(nonces).toHaveLength(2);
      expect(nonces[0]).not.toBe(nonces[1]);
      // The sandbox accepted both: the retry was not taken for a replay.
      expect(h.requests('/jdy/v2/inv/inv_synchronous')).toBe(2);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('malformed ids are 2000001000 → InvalidRequestError with the detail', async () => {
    const provider = h.client();
    const error = await failure(provider.inventory.byIds?.(['12a4']) as Promise<unknown>);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ providerCode: '2000001000' });
    expect(error.message).toContain('ids[0] "12a4" is not an id');
    // Ids that would break the array form are refused before sending.
    const local = await failure(provider.inventory.byIds?.(['1,2']) as Promise<unknown>);
    expect(local).toBeInstanceOf(InvalidRequestError);
    expect(h.sandbox.log.entries()).toHaveLength(3); // push, token, the 12a4 call
  });

  it('a wrong appSecret (configured directly) is 1030002006 → AuthError', async () => {
    const error = await failure(
      h
        .client({
          outerInstanceId: undefined,
          appKey: 'abc',
          appSecret: 'rotated',
          domain: CREDS.account.domain,
        })
        .inventory.byIds?.(['1']) as Promise<unknown>,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ providerCode: '1030002006' });
  });
});

describe('kingdee client ↔ sandbox: expired tokens', () => {
  beforeEach(() => {
    clock.now = T0;
  });

  it('refreshes once on 1000202001 and repeats the call', async () => {
    // Without `expires` the client assumes 24 h; the sandbox token lives one minute.
    const h = await start({ tokenLifetimeMs: 60_000, quirks: { omitTokenExpires: true } });
    try {
      const provider = h.client();
      const id = h.state.positions()[0]?.row.id as string;
      await provider.inventory.byIds?.([id]);
      clock.now += 120_000;
      const result = await provider.inventory.byIds?.([id]);
      expect(result?.records).toHaveLength(1);
      const codes = h.sandbox.log
        .entries()
        .map((e) => e.code ?? e.route)
        .reverse();
      expect(codes).toEqual([
        '/jdyconnector/app_management/push_app_authorize',
        '/jdyconnector/app_management/kingdee_auth_token',
        '/jdy/v2/inv/inv_synchronous',
        '1000202001',
        '/jdyconnector/app_management/push_app_authorize',
        '/jdyconnector/app_management/kingdee_auth_token',
        '/jdy/v2/inv/inv_synchronous',
      ]);
    } finally {
      await h.sandbox.close();
    }
  });

  it('surfaces TokenExpiredError when the fresh token is expired too, with one refresh in flight', async () => {
    const h = await start({ tokenLifetimeMs: 0, quirks: { omitTokenExpires: true } });
    try {
      const provider = h.client({ batchSize: 1, concurrency: 4 });
      const ids = h.state
        .positions()
        .slice(0, 4)
        .map((p) => p.row.id);
      const error = await failure(provider.inventory.byIds?.(ids) as Promise<unknown>);
      expect(error).toBeInstanceOf(TokenExpiredError);
      expect(error).toMatchObject({ providerCode: '1000202001' });
      // Four chunks started together, but every token was fetched by one shared flow at a time.
      const tokens = h.sandbox.log.entries().filter((e) => e.route.endsWith('kingdee_auth_token'));
      expect(tokens.length).toBeLessThanOrEqual(2);
    } finally {
      await h.sandbox.close();
    }
  });
});
