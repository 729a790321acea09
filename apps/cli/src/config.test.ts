import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configFromEnv,
  credentialSources,
  loadConfig,
  mergeConfig,
  parseConfigFile,
} from './config.js';
import { CliError } from './errors.js';

function failure(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('parseConfigFile', () => {
  it('accepts every documented section', () => {
    const config = parseConfigFile(
      JSON.stringify({
        kingdee: { clientId: '100100', outerInstanceId: '1', baseURL: 'http://127.0.0.1:4010' },
        winit: { appKey: 'me@example.com', warehouseCode: 'US0001', grades: ['GOOD'] },
        reconcile: { map: 'mapping.csv', threshold: 2, quantity: 'onHand' },
      }),
      'inv.config.json',
    );
    expect(config.winit?.grades).toEqual(['GOOD']);
    expect(config.reconcile?.quantity).toBe('onHand');
  });

  it('names an unknown key so a typo never drops a setting', () => {
    const error = failure(() => parseConfigFile('{"winit":{"tokn":"x"}}', 'inv.config.json'));
    expect(error.message).toBe('inv.config.json: unknown key `tokn` at `winit`');
    expect(error.exitCode).toBe(2);
  });

  it('names the field and the rule of a bad value', () => {
    const error = failure(() =>
      parseConfigFile('{"reconcile":{"quantity":"sold"},"winit":{"pageSize":0}}', 'x.json'),
    );
    expect(error.message).toMatch(
      /^x\.json: `winit\.pageSize` must be 1 or more; `reconcile\.quantity`/,
    );
  });

  it('points at the line of a JSON syntax error', () => {
    const error = failure(() => parseConfigFile('{\n  "winit": {,\n}', 'inv.config.json'));
    expect(error.message).toMatch(/^inv\.config\.json is not valid JSON at line 2/);
    expect(error.fix).toMatch(/JSON syntax/);
  });
});

describe('environment', () => {
  it('maps the documented variables and ignores empty ones', () => {
    expect(
      configFromEnv({
        INV_KINGDEE_CLIENT_ID: '100100',
        INV_KINGDEE_CLIENT_SECRET: 's3cret-value',
        INV_WINIT_TOKEN: ' tok-en ',
        INV_WINIT_APP_KEY: '',
        INV_WINIT_WAREHOUSE_CODE: 'US0001',
      }),
    ).toEqual({
      kingdee: { clientId: '100100', clientSecret: 's3cret-value' },
      winit: { token: 'tok-en', warehouseCode: 'US0001' },
    });
  });

  it('overrides the file and lists secrets for redaction', () => {
    const config = mergeConfig(
      { winit: { appKey: 'file-key', token: 'file-token' }, kingdee: { clientSecret: 'k-secret' } },
      { INV_WINIT_TOKEN: 'env-token' },
      null,
    );
    expect(config.winit).toEqual({ appKey: 'file-key', token: 'env-token' });
    expect(config.secrets.sort()).toEqual(['env-token', 'k-secret']);
  });
});

describe('credentialSources', () => {
  it('names each credential where it was set: a variable, or the key in the file', () => {
    const file = { winit: { appKey: 'a@b.c', token: 'file-token' }, kingdee: { clientId: '1' } };
    const path = '/srv/inv.config.json';
    const fromFile = mergeConfig(file, {}, path);
    expect(credentialSources(fromFile, 'winit')).toBe(
      'winit.appKey and winit.token in /srv/inv.config.json',
    );
    const mixed = mergeConfig(file, { INV_WINIT_TOKEN: 'env-token' }, path);
    expect(credentialSources(mixed, 'winit')).toBe(
      'INV_WINIT_TOKEN and winit.appKey in /srv/inv.config.json',
    );
    expect(credentialSources(fromFile, 'kingdee')).toBe(
      'INV_KINGDEE_CLIENT_SECRET, INV_KINGDEE_OUTER_INSTANCE_ID and kingdee.clientId in /srv/inv.config.json',
    );
    expect(credentialSources(mergeConfig({}, {}, null), 'winit')).toBe(
      'INV_WINIT_APP_KEY and INV_WINIT_TOKEN',
    );
  });
});

describe('loadConfig', () => {
  it('reads ./inv.config.json when present and works without one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inv-config-'));
    expect((await loadConfig({ cwd: dir, env: {} })).file).toBeNull();
    await writeFile(join(dir, 'inv.config.json'), '{"winit":{"appKey":"a@b.c"}}');
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.file).toBe(join(dir, 'inv.config.json'));
    expect(config.winit.appKey).toBe('a@b.c');
  });

  it('fails with exit code 2 when a named file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inv-config-'));
    await expect(loadConfig({ cwd: dir, env: { INV_CONFIG: 'nope.json' } })).rejects.toMatchObject({
      exitCode: 2,
      message: 'cannot read config file nope.json: ENOENT',
    });
  });
});
