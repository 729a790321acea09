#!/usr/bin/env node
import { defaultFactories } from './default-providers.js';
import { EXIT } from './exit-codes.js';
import { runCli } from './main.js';

const controller = new AbortController();
let signals = 0;
const interrupt = (): void => {
  signals++;
  // A second Ctrl-C does not wait for clean-up.
  if (signals > 1) process.exit(EXIT.interrupted);
  controller.abort();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

// `inv stock … | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  },
  {
    factories: defaultFactories,
    startSandbox: async (options) => (await import('@inv/sandbox')).startSandbox(options),
  },
);
process.exitCode = controller.signal.aborted && code !== EXIT.ok ? EXIT.interrupted : code;
