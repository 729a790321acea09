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
import { InvError, type RetryOptions, type TransportEvent } from '@inv/core';
import {
  createSandboxApp,
  type Fault,
  type FaultConfig,
  type FaultRule,
  type SandboxApp,
  type SandboxAppOptions,
} from '@inv/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A sandbox served on 127.0.0.1 whose every exchange is harvested for secrets. */
export interface SecretsSandbox extends SandboxApp {
  url: string;
  close(): Promise<void>;
}

/** What a session may use. */
export interface SessionContext {
  sandbox: SecretsSandbox;
  /** Runs one step of the session, keeping what it threw. */
  step(run: () => Promise<unknown> | undefined): Promise<void>;
  /** Reads every page of a sync. */
  drain(pages: AsyncIterable<unknown> | undefined): Promise<number>;
  /** Moves the sandbox clock (ms ahead of the real one). */
  setClockOffset(ms: number): void;
  /** Retries: few and fast. */
  retry: RetryOptions;
  /** Every transport event goes here. */
  onEvent(event: TransportEvent): void;
  /** Injected faults on the requests `match` selects (~8% each, seeded). */
  faults(match: FaultRule['match'], seed: number): FaultConfig;
}

/** What {@link describeSecrets} needs to know about a provider. */
export interface SecretsAdapter {
  name: string;
  /** Sandbox options of the session (the provider's state and quirks). */
  sandbox: Omit<SandboxAppOptions, 'now' | 'logger'>;
  /** Secret values configured or sent by the session (wrong ones included). */
  secrets: readonly string[];
  /** The session: successes, every kind of refusal, injected faults. */
  session(context: SessionContext): Promise<void>;
  /** Gateway codes the sandbox must have answered (the session ran what it claims). */
  codes: readonly string[];
  /** Names of errors the session must have thrown. */
  errorNames: readonly string[];
  /** Secret values the session must at least have put on the wire (signatures, tokens). */
  minHarvested: number;
}

/** Records the credentials a request and its answer carry (the sandbox sees them all). */
async function harvest(secrets: Set<string>, request: Request, response: Response): Promise<void> {
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

async function serveSandbox(
  options: SandboxAppOptions,
  secrets: Set<string>,
): Promise<SecretsSandbox> {
  const sandbox = createSandboxApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: async (request, env) => {
          const response = await sandbox.app.fetch(request.clone(), env);
          await harvest(secrets, request, response.clone());
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

const FAULT_KINDS: readonly Fault[] = [
  { type: 'status', status: 503 },
  { type: 'status', status: 429, retryAfter: 0 },
  { type: 'throttle' },
  { type: 'provider-error' },
  { type: 'reset' },
  { type: 'truncate' },
  { type: 'non-json' },
];

/** The secrets scenario, run against `adapter`'s client and the sandbox. */
export function describeSecrets(adapter: SecretsAdapter): void {
  describe(`${adapter.name}: a realistic session, truncated token answers included, never leaks a secret`, () => {
    /** Everything the session printed, logged, threw or emitted, as text. */
    const outputs: string[] = [];
    /** The sandbox logger's lines (the request log itself keeps only the last 500). */
    const lines: string[] = [];
    /** Secret values: configured ones, plus those seen on the wire (tokens, signatures). */
    const secrets = new Set<string>(adapter.secrets);
    const errors: unknown[] = [];
    const events: TransportEvent[] = [];
    let offsetMs = 0;
    let sandbox: SecretsSandbox;

    beforeAll(async () => {
      sandbox = await serveSandbox(
        {
          ...adapter.sandbox,
          now: () => Date.now() + offsetMs,
          logger: (line) => lines.push(line),
        },
        secrets,
      );
      await adapter.session({
        sandbox,
        async step(run) {
          try {
            await run();
          } catch (error) {
            errors.push(error);
          }
        },
        async drain(pages) {
          let count = 0;
          for await (const _ of pages ?? []) count++;
          return count;
        },
        setClockOffset(ms) {
          offsetMs = ms;
        },
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
        onEvent: (event) => events.push(event),
        faults: (match, seed) => ({
          seed,
          rules: FAULT_KINDS.map((fault) => ({ match, fault, rate: 0.08 })),
        }),
      });
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
      for (const code of adapter.codes) expect(codes).toContain(code);
      const names = new Set(errors.map((error) => (error as Error).name));
      for (const name of adapter.errorNames) expect(names).toContain(name);
      expect(events.some((event) => event.type === 'retry')).toBe(true);
      expect(lines.some((line) => line.includes('fault injected'))).toBe(true);
      // Tokens and signatures were harvested from the wire: the search below covers them.
      expect(secrets.size - adapter.secrets.length).toBeGreaterThanOrEqual(adapter.minHarvested);
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
}
