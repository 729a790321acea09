import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '@inv/core';
import { CONTRACT_ENV } from './target.js';

/** What `inv-contract` was asked for: environment for the suites, and vitest's own arguments. */
export interface ContractArgs {
  env: Record<string, string>;
  vitestArgs: string[];
  help: boolean;
}

export const CONTRACT_USAGE = `Usage: inv-contract [--strict] [--target=sandbox|live] [--allow-missing] [vitest options]

Runs \`vitest run\` on your contract tests (describeKingdeeContract, describeWinitContract).
  --strict              fail on any schema drift, additive changes included (${CONTRACT_ENV.strict}=1)
  --target=<mode>       sandbox (default) or live (${CONTRACT_ENV.target}); --live is short for --target=live
  --allow-missing       live without credentials skips instead of failing (${CONTRACT_ENV.allowMissing}=1);
                        without it, missing INV_* credentials fail the run, naming the variables
Other options go to vitest, e.g. --config vitest.contract.config.ts.`;

/**
 * Splits `inv-contract` arguments: its own flags become `INV_CONTRACT_*` variables (vitest refuses
 * unknown flags), the rest is passed to vitest.
 */
export function parseContractArgs(argv: readonly string[]): ContractArgs {
  const env: Record<string, string> = {};
  const vitestArgs: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--strict') env[CONTRACT_ENV.strict] = '1';
    else if (arg === '--allow-missing') env[CONTRACT_ENV.allowMissing] = '1';
    else if (arg === '--live') env[CONTRACT_ENV.target] = 'live';
    else if (arg === '--target' || arg.startsWith('--target=')) {
      const value = arg === '--target' ? argv[++i] : arg.slice('--target='.length);
      if (value !== 'sandbox' && value !== 'live') {
        throw new ConfigError('--target', `must be "sandbox" or "live", got "${value ?? ''}"`);
      }
      env[CONTRACT_ENV.target] = value;
    } else if (arg === '--help' || arg === '-h') help = true;
    else vitestArgs.push(arg);
  }
  return { env, vitestArgs, help };
}

/** Path of vitest's CLI script: the project's own vitest first, else the one beside this package. */
export function resolveVitestBin(cwd: string = process.cwd()): string {
  const candidates = [join(cwd, 'package.json'), import.meta.url];
  for (const from of candidates) {
    try {
      const manifest = createRequire(from).resolve('vitest/package.json');
      const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        bin: string | Record<string, string>;
      };
      const script = typeof bin === 'string' ? bin : bin.vitest;
      if (script) return join(dirname(manifest), script);
    } catch {
      // Not installed there: try the next place.
    }
  }
  throw new Error('vitest is not installed: add it to your devDependencies (npm i -D vitest)');
}
