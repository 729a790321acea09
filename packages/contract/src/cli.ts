#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { InvError } from '@inv/core';
import { CONTRACT_USAGE, parseContractArgs, resolveVitestBin } from './cli-args.js';

/**
 * `inv-contract`: `vitest run` with the contract flags (`--strict`, `--target`) passed as
 * environment variables. Output and exit code are vitest's own.
 */
function main(): void {
  let args: ReturnType<typeof parseContractArgs>;
  try {
    args = parseContractArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof InvError ? error.message : String(error));
    console.error(CONTRACT_USAGE);
    process.exit(2);
  }
  if (args.help) {
    console.log(CONTRACT_USAGE);
    return;
  }
  const child = spawn(process.execPath, [resolveVitestBin(), 'run', ...args.vitestArgs], {
    stdio: 'inherit',
    env: { ...process.env, ...args.env },
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main();
