import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { hostOfAddress } from './admin-guard.js';
import { createSandboxApp, type SandboxAppOptions } from './app.js';
import { renderBanner } from './banner.js';
import { answerClientError } from './client-error.js';
import type { RequestLog } from './context.js';
import type { DatasetStates } from './dataset.js';
import type { FaultController } from './faults.js';
import type { StubController } from './gateway/stubs.js';
import type { PushController } from './push/dispatcher.js';
import type { RequestQueries } from './request-match.js';

export interface StartSandboxOptions extends SandboxAppOptions {
  /** TCP port; 0 (the default here) picks a free one. */
  port?: number | undefined;
  /** Interface to bind. Loopback unless told otherwise: the sandbox accepts well-known test credentials. */
  host?: string | undefined;
}

/** Credentials of both gateways, as their packages export them. */
export interface SandboxCredentials {
  kingdee: typeof KINGDEE_SANDBOX_CREDENTIALS;
  winit: typeof WINIT_SANDBOX_CREDENTIALS;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:43121`. Both gateways are served under it. */
  url: string;
  port: number;
  log: RequestLog;
  /** The verification API: `requests.count({ action: 'queryInventory', verdict: 'accepted' })`. */
  requests: RequestQueries;
  /** Fault rules in force; `faults.configure(…)` changes them without going through HTTP. */
  faults: FaultController;
  /** Stub rules in force; `stubs.configure([...])` replaces them without going through HTTP. */
  stubs: StubController;
  /** The data both gateways answer from (what `/_sandbox/dataset` and `/_sandbox/stock` act on). */
  states: DatasetStates;
  /** Kingdee push subscriptions and deliveries (`push.idle()` waits for deliveries to settle). */
  push: PushController;
  /** The test credentials this sandbox accepts (public test values; they open nothing else). */
  credentials: SandboxCredentials;
  /** How much state the gateways hold, by name (see `SandboxApp.held`). */
  held(): Record<string, number>;
  /**
   * Human-readable summary: gateway base URLs, docs URL, test credentials (all public test values),
   * and `export NAME=value` lines with ids, SKUs and warehouses of the data it serves.
   */
  banner(): string;
  close(): Promise<void>;
}

/** Starts the sandbox over real HTTP, for test suites (`globalSetup`) and the CLI. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  // The address the sandbox was explicitly bound to is a Host its admin routes answer for.
  const { app, log, requests, faults, stubs, states, held, push } = createSandboxApp({
    ...options,
    allowedHosts: [...(options.allowedHosts ?? []), hostOfAddress(host)],
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  // Requests Node cannot parse are answered in the gateway's envelope, not with a bare 400.
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostOfAddress(host)}:${port}`;
  return {
    url,
    port,
    log,
    requests,
    faults,
    stubs,
    states,
    held,
    push,
    credentials: { kingdee: KINGDEE_SANDBOX_CREDENTIALS, winit: WINIT_SANDBOX_CREDENTIALS },
    banner: () => renderBanner(url, states),
    close: () =>
      new Promise<void>((resolve, reject) => {
        push.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
