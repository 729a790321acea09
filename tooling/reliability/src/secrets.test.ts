/**
 * No secret leaks. A realistic session against the sandbox over real HTTP on 127.0.0.1 (syncs,
 * auth failures, signature failures, stale clocks, replayed nonces, expired tokens, injected faults)
 * runs while every output is captured: the sandbox logger lines, its request log and
 * `/_sandbox/requests`, every thrown error (message, stack, JSON, inspection, cause chain) and every
 * transport event. Then all of it is searched for every secret value, including the ones that only
 * exist on the wire (app-tokens, signatures).
 */
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { serve } from '@hono/node-server';
import { InvError, type TransportEvent } from '@inv/core';
import { createKingdeeProvider, type KingdeeProviderOptions } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS as KINGDEE } from '@inv/kingdee-protocol';
import { createSandboxApp, type FaultConfig, type SandboxApp } from '@inv/sandbox';
import { createWinitProvider, type WinitProviderOptions } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS as WINIT } from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WRONG_CLIENT_SECRET = 'wrong-client-secret-9f8e7d6c5b4a';
const ROTATED_APP_SECRET = 'rotated-app-secret-11223344';
const WRONG_WINIT_TOKEN = 'FEDCBA9876543210FEDCBA9876543210';
const WRONG_WINIT_CLIENT_SECRET = 'WRONGCLIENTSECRET==';

/** Everything the session printed, logged, threw or emitted, as text. */
const outputs: string[] = [];
/** The sandbox logger's lines (the request log itself keeps only the last 500). */
const lines: string[] = [];
/** Secret values: configured ones, plus those seen on the wire (tokens, signatures). */
const secrets = new Set<string>([
  KINGDEE.clientSecret,
  KINGDEE.account.appSecret,
  KINGDEE.documentedClient.clientSecret,
  WRONG_CLIENT_SECRET,
  ROTATED_APP_SECRET,
  WINIT.token,
  WINIT.clientSecret,
  WRONG_WINIT_TOKEN,
  WRONG_WINIT_CLIENT_SECRET,
]);
const errors: unknown[] = [];
const events: TransportEvent[] = [];

/** Records the credentials a request and its answer carry (the sandbox sees them all). */
async function harvest(request: Request, response: Response): Promise<void> {
  const url = new URL(request.url);
  const signature = request.headers.get('x-api-signature');
  if (signature) secrets.add(signature);
  const appToken = request.headers.get('app-token');
  if (appToken) secrets.add(appToken);
  const appSignature = url.searchParams.get('app_signature');
  if (appSignature) secrets.add(appSignature);
  if (request.method === 'POST' && url.pathname === '/openapi/service') {
    try {
      const body = JSON.parse(await request.text()) as Record<string, unknown>;
      for (const field of ['sign', 'client_sign']) {
        if (typeof body[field] === 'string') secrets.add(body[field]);
      }
    } catch {
      // Not JSON: nothing to harvest.
    }
  }
  // Read as text, not JSON: a truncated answer still carries whole values worth hiding.
  const text = await response.text();
  for (const match of text.matchAll(/"(app-token|access_token|appSecret)":"([^"]+)"/g)) {
    if (match[2]) secrets.add(match[2]);
  }
}

interface Served extends SandboxApp {
  url: string;
  close(): Promise<void>;
}

let offsetMs = 0;
const sandboxNow = (): number => Date.now() + offsetMs;

async function serveSandbox(): Promise<Served> {
  const sandbox = createSandboxApp({
    now: sandboxNow,
    logger: (line) => lines.push(line),
    // Tokens live 2 minutes, but the answer omits `expires`: the client finds out by a refusal.
    kingdee: { size: 250, tokenLifetimeMs: 120_000, quirks: { omitTokenExpires: true } },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: async (request, env) => {
          const response = await sandbox.app.fetch(request.clone(), env);
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
    ...sandbox,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Runs one step of the session, keeping what it threw. */
async function step(run: () => Promise<unknown> | undefined): Promise<void> {
  try {
    await run();
  } catch (error) {
    errors.push(error);
  }
}

async function drain(pages: AsyncIterable<unknown> | undefined): Promise<number> {
  let count = 0;
  for await (const _ of pages ?? []) count++;
  return count;
}

/** Every text form of an error and of each cause below it. */
function renderError(error: unknown, depth = 0): string[] {
  if (depth > 10 || error === undefined || error === null) return [];
  if (!(error instanceof Error)) return [inspect(error, { depth: null })];
  const out = [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: null, showHidden: true }),
  ];
  if (error instanceof InvError) out.push(JSON.stringify(error.toJSON()));
  return [...out, ...renderError(error.cause, depth + 1)];
}

const RETRY = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };
const FAST = { limit: 1_000_000, intervalMs: 1000 };
const FAULTS: FaultConfig = {
  seed: 5,
  rules: [
    { type: 'status', status: 503 },
    { type: 'status', status: 429, retryAfter: 0 },
    { type: 'throttle' },
    { type: 'provider-error' },
    { type: 'reset' },
    { type: 'truncate' },
    { type: 'non-json' },
  ].map((fault) => ({
    match: { path: '/jdy/v2/scm/inventory' },
    fault: fault as never,
    rate: 0.08,
  })),
};

describe('a realistic session, truncated token answers included, never leaks a secret', () => {
  let sandbox: Served;
  const kingdee = (options: Partial<KingdeeProviderOptions> = {}) =>
    createKingdeeProvider({
      clientId: KINGDEE.clientId,
      clientSecret: KINGDEE.clientSecret,
      outerInstanceId: KINGDEE.account.outerInstanceId,
      baseURL: sandbox.url,
      pageSize: 20,
      rateLimit: FAST,
      retry: RETRY,
      onEvent: (event) => events.push(event),
      ...options,
    });
  const winit = (options: Partial<WinitProviderOptions> = {}) =>
    createWinitProvider({
      appKey: 'demo@example.com',
      token: WINIT.token,
      clientId: WINIT.clientId,
      clientSecret: WINIT.clientSecret,
      baseURL: sandbox.url,
      warehouseCodes: ['DE0001'],
      warehouseCode: 'DE0001',
      pageSize: 50,
      rateLimit: FAST,
      retry: RETRY,
      onEvent: (event) => events.push(event),
      ...options,
    });

  beforeAll(async () => {
    sandbox = await serveSandbox();
    const ids = sandbox.states.kingdee.positions().map((p) => p.row.id);
    const skus = [...new Set(sandbox.states.winit.rows().map((r) => r.merchandiseCode))];

    // Kingdee: successes, then every kind of refusal.
    const good = kingdee();
    await step(() => drain(good.inventory.pages?.()));
    await step(() => good.inventory.byIds?.(ids));
    await step(() => good.inventory.byIds?.(['12a4']));
    await step(() => kingdee({ clientSecret: WRONG_CLIENT_SECRET }).inventory.byIds?.(ids));
    await step(() => kingdee({ clientId: '999999' }).inventory.byIds?.(ids));
    await step(() => kingdee({ now: () => Date.now() - 600_000 }).inventory.byIds?.(ids));
    await step(() => kingdee({ nonce: () => '1234567890' }).inventory.byIds?.(ids));
    await step(() =>
      kingdee({
        outerInstanceId: undefined,
        appKey: KINGDEE.account.appKey,
        appSecret: ROTATED_APP_SECRET,
        domain: KINGDEE.account.domain,
      }).inventory.byIds?.(ids),
    );
    await step(() =>
      kingdee({
        domain: 'https://elsewhere.jdy.com',
        outerInstanceId: undefined,
        appKey: 'abc',
        appSecret: KINGDEE.account.appSecret,
      }).inventory.byIds?.(ids),
    );
    // The token expires on the sandbox side: the client is refused, refreshes and repeats.
    offsetMs = 150_000;
    await step(() => good.inventory.byIds?.(ids.slice(0, 5)));
    offsetMs = 0;
    // Faults: some pages recover, some exhaust their retries.
    sandbox.faults.configure(FAULTS);
    for (let run = 0; run < 6; run++) await step(() => drain(kingdee().inventory.pages?.()));
    sandbox.faults.configure({});

    // Token answers cut in half: the body snippet of the error must not quote appSecret/app-token.
    for (const path of [
      '/jdyconnector/app_management/push_app_authorize',
      '/jdyconnector/app_management/kingdee_auth_token',
    ]) {
      sandbox.faults.configure({
        rules: [{ match: { path }, fault: { type: 'truncate' }, times: 3 }],
      });
      await step(() => kingdee().inventory.byIds?.(ids.slice(0, 3)));
    }
    sandbox.faults.configure({});

    // Winit: successes in app mode, then every kind of refusal.
    const w = winit();
    await step(() => drain(w.inventory.pages?.()));
    await step(() => w.inventory.bySkus?.(skus));
    await step(() => w.warehouses());
    await step(() => winit({ token: WRONG_WINIT_TOKEN }).inventory.bySkus?.(skus));
    await step(() =>
      winit({ clientSecret: WRONG_WINIT_CLIENT_SECRET }).inventory.bySkus?.(skus.slice(0, 3)),
    );
    await step(() => winit({ appKey: 'nobody@example.com' }).warehouses());
    await step(() => winit({ now: () => Date.now() - 3_600_000 }).warehouses());
    await step(() =>
      winit({
        token: WRONG_WINIT_TOKEN,
        clientId: undefined,
        clientSecret: undefined,
      }).warehouses(),
    );
    sandbox.faults.configure({
      seed: 9,
      rules: FAULTS.rules?.map((rule) => ({ ...rule, match: { provider: 'winit' as const } })),
    });
    for (let run = 0; run < 6; run++) await step(() => drain(winit().inventory.pages?.()));
    sandbox.faults.configure({});

    outputs.push(...lines);
    for (const error of errors) outputs.push(...renderError(error));
    for (const event of events) outputs.push(inspect(event, { depth: null, showHidden: true }));
    outputs.push(JSON.stringify(sandbox.log.entries()));
    const requests = await fetch(`${sandbox.url}/_sandbox/requests?limit=500`);
    outputs.push(await requests.text());
  }, 60_000);
  afterAll(() => sandbox.close());

  it('ran the session it claims: successes, refusals of each kind, faults and retries', () => {
    const codes = new Set(lines.map((line) => /\((\d+)\) [\d.]+ms$/.exec(line)?.[1]));
    for (const code of ['4003', '4006', '4007', '4008', '1030002006', '1000202001', '5003']) {
      expect(codes).toContain(code);
    }
    for (const code of ['1002', '1003', '1004', '1005']) expect(codes).toContain(code);
    const names = new Set(errors.map((error) => (error as Error).name));
    for (const name of ['AuthError', 'SignatureError', 'InvalidRequestError']) {
      expect(names).toContain(name);
    }
    expect(events.some((event) => event.type === 'retry')).toBe(true);
    expect(lines.some((line) => line.includes('fault injected'))).toBe(true);
    // Tokens and signatures were harvested from the wire: the search below covers them.
    expect(secrets.size).toBeGreaterThan(100);
  });

  it('no output holds any secret value, raw or URL-encoded', () => {
    const leaks: string[] = [];
    for (const secret of secrets) {
      const forms = new Set([secret, encodeURIComponent(secret)]);
      for (const output of outputs) {
        for (const form of forms) {
          if (output.includes(form)) leaks.push(`${secret} in: ${output.slice(0, 300)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
