import { existsSync } from 'node:fs';
import { ConfigError } from '@inv/core';
import { describe, expect, it } from 'vitest';
import { parseContractArgs, resolveVitestBin } from './cli-args.js';

describe('inv-contract arguments', () => {
  it('turns its own flags into INV_CONTRACT_* and passes the rest to vitest', () => {
    expect(
      parseContractArgs(['--strict', '--config', 'c.ts', '--target=live', '-t', 'drift']),
    ).toEqual({
      env: { INV_CONTRACT_STRICT: '1', INV_CONTRACT_TARGET: 'live' },
      vitestArgs: ['--config', 'c.ts', '-t', 'drift'],
      help: false,
    });
    expect(parseContractArgs(['--live']).env).toEqual({ INV_CONTRACT_TARGET: 'live' });
    expect(parseContractArgs(['--target', 'sandbox']).env).toEqual({
      INV_CONTRACT_TARGET: 'sandbox',
    });
    expect(parseContractArgs(['--live', '--allow-missing']).env).toEqual({
      INV_CONTRACT_TARGET: 'live',
      INV_CONTRACT_ALLOW_MISSING: '1',
    });
    expect(parseContractArgs(['-h']).help).toBe(true);
  });

  it('refuses an unknown target, naming the flag', () => {
    expect(() => parseContractArgs(['--target=prod'])).toThrow(ConfigError);
    expect(() => parseContractArgs(['--target'])).toThrow(
      /`--target`: must be "sandbox" or "live"/,
    );
  });

  it("finds vitest's CLI script", () => {
    const bin = resolveVitestBin();
    expect(bin).toMatch(/vitest[/\\]vitest\.mjs$/);
    expect(existsSync(bin)).toBe(true);
  });
});
