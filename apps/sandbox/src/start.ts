import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandboxApp, type SandboxAppOptions } from './app.js';
import type { RequestLog } from './context.js';

export interface StartSandboxOptions extends SandboxAppOptions {
  /** TCP port; 0 (the default here) picks a free one. */
  port?: number | undefined;
  /** Interface to bind. Loopback unless told otherwise: the sandbox accepts well-known test credentials. */
  host?: string | undefined;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:43121`. Both gateways are served under it. */
  url: string;
  port: number;
  log: RequestLog;
  close(): Promise<void>;
}

/** Starts the sandbox over real HTTP, for test suites (`globalSetup`) and the CLI. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const { app, log } = createSandboxApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
