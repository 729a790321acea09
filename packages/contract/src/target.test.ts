import { ConfigError } from '@inv/core';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from './target.js';

const kingdeeEnv = {
  INV_KINGDEE_CLIENT_ID: '205022',
  INV_KINGDEE_CLIENT_SECRET: 'secret-value',
  INV_KINGDEE_OUTER_INSTANCE_ID: '1234',
};

describe('resolveTarget', () => {
  it('defaults to the sandbox, not strict, whatever credentials are set', () => {
    expect(resolveTarget('kingdee', { env: kingdeeEnv, argv: [] })).toEqual({
      provider: 'kingdee',
      mode: 'sandbox',
      strict: false,
    });
  });

  it('reads live Kingdee settings from INV_KINGDEE_*', () => {
    const target = resolveTarget('kingdee', {
      env: {
        ...kingdeeEnv,
        INV_CONTRACT_TARGET: 'live',
        INV_KINGDEE_BASE_URL: 'https://api.kingdee.com',
        INV_KINGDEE_IDS: ' 1700000000000000001, 1700000000000000002\n1700000000000000003 ',
        INV_KINGDEE_SKUS: 'SKU-1,SKU-2',
      },
      argv: [],
    });
    expect(target).toEqual({
      provider: 'kingdee',
      mode: 'live',
      strict: false,
      settings: {
        clientId: '205022',
        clientSecret: 'secret-value',
        outerInstanceId: '1234',
        appKey: undefined,
        appSecret: undefined,
        domain: undefined,
        baseURL: 'https://api.kingdee.com',
        ids: ['1700000000000000001', '1700000000000000002', '1700000000000000003'],
        skus: ['SKU-1', 'SKU-2'],
      },
    });
  });

  it('accepts direct account credentials instead of the outerInstanceId', () => {
    const target = resolveTarget('kingdee', {
      target: 'live',
      env: {
        INV_KINGDEE_CLIENT_ID: 'c',
        INV_KINGDEE_CLIENT_SECRET: 's',
        INV_KINGDEE_APP_KEY: 'k',
        INV_KINGDEE_APP_SECRET: 'a',
        INV_KINGDEE_DOMAIN: 'https://tf.jdy.com',
      },
      argv: [],
    });
    expect(target.mode).toBe('live');
  });

  it('a live target without credentials names the variables and fails unless allowed', () => {
    const kingdee = resolveTarget('kingdee', { target: 'live', env: {}, argv: [] });
    expect(kingdee).toMatchObject({
      mode: 'skip',
      allowed: false,
      missing: [
        'INV_KINGDEE_CLIENT_ID',
        'INV_KINGDEE_CLIENT_SECRET',
        'INV_KINGDEE_OUTER_INSTANCE_ID',
      ],
    });
    expect(kingdee.mode === 'skip' && kingdee.reason).toMatch(
      /^Kingdee live contract cannot run: INV_KINGDEE_CLIENT_ID, INV_KINGDEE_CLIENT_SECRET, INV_KINGDEE_OUTER_INSTANCE_ID are not set\. Fix: set .*--allow-missing/,
    );
    for (const allowed of [
      resolveTarget('kingdee', { target: 'live', env: {}, argv: ['--allow-missing'] }),
      resolveTarget('kingdee', {
        target: 'live',
        env: { INV_CONTRACT_ALLOW_MISSING: '1' },
        argv: [],
      }),
      resolveTarget('kingdee', { target: 'live', allowMissing: true, env: {}, argv: [] }),
    ]) {
      expect(allowed).toMatchObject({ mode: 'skip', allowed: true });
      expect(allowed.mode === 'skip' && allowed.reason).toMatch(
        /^Kingdee live contract skipped \(--allow-missing\): set INV_KINGDEE_CLIENT_ID, /,
      );
    }
    expect(() =>
      resolveTarget('kingdee', {
        target: 'live',
        env: { INV_CONTRACT_ALLOW_MISSING: 'maybe' },
        argv: [],
      }),
    ).toThrow(/INV_CONTRACT_ALLOW_MISSING/);
    const winit = resolveTarget('winit', {
      target: 'live',
      env: { INV_WINIT_APP_KEY: 'me@example.com', INV_WINIT_TOKEN: '  ' },
      argv: [],
    });
    expect(winit).toMatchObject({ mode: 'skip', missing: ['INV_WINIT_TOKEN'] });
  });

  it('reads live Winit settings from INV_WINIT_*', () => {
    const target = resolveTarget('winit', {
      env: {
        INV_CONTRACT_TARGET: 'live',
        INV_WINIT_APP_KEY: 'me@example.com',
        INV_WINIT_TOKEN: 'T0KEN',
        INV_WINIT_ENVIRONMENT: 'sandbox',
        INV_WINIT_WAREHOUSE_CODE: 'US0001',
        INV_WINIT_SKUS: 'SKU1,SKU2',
        INV_WINIT_PLATFORM: '',
      },
      argv: [],
    });
    expect(target).toMatchObject({
      mode: 'live',
      settings: {
        appKey: 'me@example.com',
        token: 'T0KEN',
        environment: 'sandbox',
        warehouseCode: 'US0001',
        skus: ['SKU1', 'SKU2'],
        platform: '',
      },
    });
  });

  it('takes strict mode from options, then --strict, then INV_CONTRACT_STRICT', () => {
    expect(resolveTarget('winit', { env: { INV_CONTRACT_STRICT: '1' }, argv: [] }).strict).toBe(
      true,
    );
    expect(resolveTarget('winit', { env: { INV_CONTRACT_STRICT: 'false' }, argv: [] }).strict).toBe(
      false,
    );
    expect(resolveTarget('winit', { env: {}, argv: ['node', 'x', '--strict'] }).strict).toBe(true);
    expect(
      resolveTarget('winit', {
        strict: false,
        env: { INV_CONTRACT_STRICT: '1' },
        argv: ['--strict'],
      }).strict,
    ).toBe(false);
  });

  it('takes the mode from options, then --target=, then INV_CONTRACT_TARGET', () => {
    const env = { INV_CONTRACT_TARGET: 'live' };
    expect(resolveTarget('winit', { env, argv: ['--target=sandbox'] }).mode).toBe('sandbox');
    expect(resolveTarget('winit', { target: 'sandbox', env, argv: ['--target=live'] }).mode).toBe(
      'sandbox',
    );
  });

  it.each([
    [{ INV_CONTRACT_TARGET: 'production' }, 'INV_CONTRACT_TARGET'],
    [{ INV_CONTRACT_STRICT: 'maybe' }, 'INV_CONTRACT_STRICT'],
    [
      { ...kingdeeEnv, INV_CONTRACT_TARGET: 'live', INV_KINGDEE_BASE_URL: 'api.kingdee.com' },
      'INV_KINGDEE_BASE_URL',
    ],
  ])('refuses invalid values with a ConfigError naming the variable (%j)', (env, option) => {
    expect(() => resolveTarget('kingdee', { env, argv: [] })).toThrow(ConfigError);
    expect(() => resolveTarget('kingdee', { env, argv: [] })).toThrow(`\`${option}\``);
  });

  it('refuses an unknown Winit environment, naming the variable', () => {
    const env = {
      INV_CONTRACT_TARGET: 'live',
      INV_WINIT_APP_KEY: 'k',
      INV_WINIT_TOKEN: 't',
      INV_WINIT_ENVIRONMENT: 'staging',
    };
    expect(() => resolveTarget('winit', { env, argv: [] })).toThrow(/INV_WINIT_ENVIRONMENT/);
  });
});
