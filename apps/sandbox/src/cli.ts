#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { createSandboxApp } from './app.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag('port') ?? process.env.INV_SANDBOX_PORT ?? 4010);
const hostname = flag('host') ?? process.env.INV_SANDBOX_HOST ?? '127.0.0.1';
const { app } = createSandboxApp({ logger: (line) => console.log(line) });
const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`inv sandbox listening on http://${hostname}:${info.port}`);
  console.log(`  health: http://${hostname}:${info.port}/health`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
