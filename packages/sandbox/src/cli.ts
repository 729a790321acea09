#!/usr/bin/env node
import { SandboxFlagError } from './cli-error.js';
import { sandboxOptionsHelp } from './cli-flags.js';
import {
  parseSandboxArgs,
  sandboxCommandOptions,
  startedText,
  startFailure,
} from './cli-options.js';
import { startSandbox } from './start.js';

const HELP = `inv-sandbox: local stand-in for the Kingdee JDY and Winit gateways

Usage: inv-sandbox [options]        (the same flags as inv sandbox of @inv/cli)

${sandboxOptionsHelp()}`;

async function main(): Promise<void> {
  const values = parseSandboxArgs(process.argv.slice(2));
  if (values.help === true) {
    console.log(HELP);
    return;
  }
  const options = await sandboxCommandOptions(values, process.env);
  const sandbox = await startSandbox({
    ...options,
    logger: values.quiet === true ? undefined : (line) => console.log(line),
  }).catch((error: unknown) => {
    throw startFailure(error, options);
  });
  console.log(startedText(sandbox, options));
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  console.error(
    `inv-sandbox: ${error instanceof SandboxFlagError ? `${message}. Fix: ${error.fix}` : message}`,
  );
  process.exit(1);
});
