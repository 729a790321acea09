import { AuthError, ConfigError } from '@inv/core';
import { describe, expect, it } from 'vitest';
import { fakeFactories, fakeProvider, run } from '../test-support/harness.js';
import { record } from '../test-support/records.js';

const winitPages = [
  [
    record({ provider: 'winit', sku: 'W-1', warehouse: 'US0001' }),
    record({ provider: 'winit', sku: 'W-2', warehouse: 'US0001', available: null }),
  ],
  [record({ provider: 'winit', sku: 'W-1', warehouse: 'UK0001', onHand: '3.25' })],
];
const kingdeePages = [
  [record({ provider: 'kingdee', key: '101', sku: 'M-1', warehouse: 'CK01' })],
  [record({ provider: 'kingdee', key: '102', sku: 'M-2', warehouse: 'CK02' })],
];

function factories(
  calls = { bySkus: [] as { skus: readonly string[]; warehouseCode?: unknown }[] },
) {
  return fakeFactories({
    winit: {
      provider: fakeProvider({ id: 'winit', pages: winitPages, bySkus: true, calls }),
      lookupWarehouses: async () => ['UK0001', 'US0001'],
    },
    kingdee: { provider: fakeProvider({ id: 'kingdee', pages: kingdeePages, byIds: true }) },
  });
}

const skusOf = (jsonl: string): string[] =>
  jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).item.sku);

describe('inv stock', () => {
  it('--all prints JSON lines when piped, every page in order', async () => {
    const result = await run(['stock', 'winit', '--all'], { factories: factories() });
    expect(result.code).toBe(0);
    expect(skusOf(result.stdout)).toEqual(['W-1', 'W-2', 'W-1']);
    expect(result.stderr).toBe('');
  });

  it('prints a table on a terminal, with - for unreported quantities', async () => {
    const result = await run(['stock', 'winit', '--all', '--quiet'], {
      factories: factories(),
      tty: true,
    });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SKU\s+VARIANT\s+NAME\s+WAREHOUSE/);
    expect(lines).toHaveLength(4);
    // ON HAND 10, AVAILABLE unreported.
    expect(lines[2]).toMatch(/^W-2\s+-\s+Name of W-2\s+US0001\s+-\s+-\s+-\s+10\s+-\s+-/);
  });

  it('honours --format csv and json', async () => {
    const csv = await run(['stock', 'winit', '--all', '--format', 'csv'], {
      factories: factories(),
    });
    expect(csv.stdout.split('\n')[0]).toMatch(/^provider,key,sku,/);
    expect(csv.stdout.trimEnd().split('\n')).toHaveLength(4);
    const json = await run(['stock', 'winit', '--all', '--format=json'], {
      factories: factories(),
    });
    expect(JSON.parse(json.stdout).map((r: { item: { sku: string } }) => r.item.sku)).toEqual([
      'W-1',
      'W-2',
      'W-1',
    ]);
  });

  it('--sku asks every warehouse when none is configured, and names SKUs not found', async () => {
    const calls = { bySkus: [] as { skus: readonly string[]; warehouseCode?: unknown }[] };
    const result = await run(['stock', 'winit', '--sku', 'W-1,W-404', '--sku', 'W-2'], {
      factories: factories(calls),
    });
    expect(calls.bySkus).toEqual([
      { skus: ['W-1', 'W-404', 'W-2'], warehouseCode: 'UK0001' },
      { skus: ['W-1', 'W-404', 'W-2'], warehouseCode: 'US0001' },
    ]);
    expect(skusOf(result.stdout)).toEqual(['W-1', 'W-1', 'W-2']);
    expect(result.stderr).toBe('inv: not found in winit: W-404\n');
    expect(result.code).toBe(0);
  });

  it('--sku --warehouse asks that warehouse only', async () => {
    const calls = { bySkus: [] as { skus: readonly string[]; warehouseCode?: unknown }[] };
    const result = await run(['stock', 'winit', '--sku', 'W-1', '--warehouse', 'US0001'], {
      factories: factories(calls),
    });
    expect(calls.bySkus).toEqual([{ skus: ['W-1'], warehouseCode: 'US0001' }]);
    expect(skusOf(result.stdout)).toEqual(['W-1']);
  });

  it('--sku on a provider without SKU lookup scans and filters, and says so', async () => {
    // The fake kingdee here has byIds but no bySkus (the real one has both).
    const result = await run(['stock', 'kingdee', '--sku', 'M-2'], { factories: factories() });
    expect(skusOf(result.stdout)).toEqual(['M-2']);
    expect(result.stderr).toMatch(/kingdee has no SKU lookup: scanning/);
  });

  it('--ids uses byIds and refuses providers without it', async () => {
    const ok = await run(['stock', 'kingdee', '--ids', '102,999'], { factories: factories() });
    expect(skusOf(ok.stdout)).toEqual(['M-2']);
    expect(ok.stderr).toBe('inv: not found in kingdee: 999\n');
    const refused = await run(['stock', 'winit', '--ids', '1'], { factories: factories() });
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(
      'inv: winit has no lookup by inventory id. Fix: use --sku or --all with winit\n',
    );
  });

  it('refuses a missing or doubled selector and an unknown provider, exit 2', async () => {
    for (const argv of [
      ['stock', 'winit'],
      ['stock', 'winit', '--all', '--sku', 'A'],
      ['stock', 'amazon', '--all'],
      ['stock', 'winit', '--all', '--format', 'xml'],
    ]) {
      const result = await run(argv, { factories: factories() });
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')).toHaveLength(2);
    }
  });

  it('a missing credential is a one-line config error naming the variable, exit 2', async () => {
    const result = await run(['stock', 'winit', '--all'], {
      factories: fakeFactories({
        winit: () => {
          throw new ConfigError('token', 'is required: pass the merchant token', {
            provider: 'winit',
          });
        },
      }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'inv: winit: Invalid option `token`: is required: pass the merchant token [INV_CONFIG]. Fix: set INV_WINIT_TOKEN or winit.token in inv.config.json, or try --sandbox\n',
    );
  });

  it('a refused credential exits 3 and never prints the secret', async () => {
    const secret = 'tok-3f9a8b7c6d5e';
    const result = await run(['stock', 'winit', '--all'], {
      env: { INV_WINIT_TOKEN: secret, INV_WINIT_APP_KEY: 'me@example.com' },
      factories: fakeFactories({
        winit: {
          provider: fakeProvider({
            id: 'winit',
            pages: winitPages,
            failOnPage: {
              index: 0,
              error: new AuthError(`token ${secret} refused`, { provider: 'winit' }),
            },
          }),
        },
      }),
    });
    expect(result.code).toBe(3);
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).toBe(
      'inv: winit: token [REDACTED] refused [INV_AUTH]. Fix: check INV_WINIT_APP_KEY and INV_WINIT_TOKEN for winit\n',
    );
  });

  it('passes configured options and, with --sandbox <url>, the sandbox credentials instead', async () => {
    const f = factories();
    await run(['stock', 'winit', '--all', '--sandbox', 'http://127.0.0.1:4010/'], {
      factories: f,
      env: { INV_WINIT_TOKEN: 'real-token', INV_WINIT_WAREHOUSE_CODE: 'US0001' },
    });
    expect(f.received.winit).toEqual([
      {
        warehouseCode: 'US0001',
        appKey: 'sandbox@example.com',
        token: 'sandbox-token',
        baseURL: 'http://127.0.0.1:4010',
      },
    ]);
  });

  it('refuses an unknown --warehouse, listing the known ones, instead of "not found"', async () => {
    const withWarehouses = () =>
      fakeFactories({
        winit: {
          provider: fakeProvider({ id: 'winit', pages: winitPages, bySkus: true }),
          warehouseCodes: async () => ['US0001', 'UK0001'],
        },
      });
    for (const argv of [
      ['stock', 'winit', '--sku', 'W-1', '--warehouse', 'US9999'],
      ['stock', 'winit', '--all', '--warehouse', 'US9999'],
    ]) {
      const result = await run(argv, { factories: withWarehouses() });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'inv: unknown warehouse "US9999" in winit. Fix: use one of UK0001, US0001 with --warehouse\n',
      );
    }
    // A known warehouse without the SKU is still "not found", exit 0.
    const known = await run(['stock', 'winit', '--sku', 'W-404', '--warehouse', 'US0001'], {
      factories: withWarehouses(),
    });
    expect(known).toMatchObject({ code: 0, stderr: 'inv: not found in winit: W-404\n' });
  });

  it('draws a percentage from the first page when the provider counts the rows first', async () => {
    const counted: unknown[] = [];
    const result = await run(['stock', 'winit', '--all', '--warehouse', 'US0001'], {
      tty: true,
      factories: fakeFactories({
        winit: {
          // Pages without a total, as Winit's multi-segment syncs are.
          provider: {
            ...fakeProvider({ id: 'winit', pages: winitPages }),
            inventory: {
              pages: async function* () {
                for (const items of winitPages) yield { items, next: null };
              },
            },
          } as never,
          countRows: async ({ extra }) => {
            counted.push(extra);
            return 3;
          },
        },
      }),
    });
    expect(result.code).toBe(0);
    expect(counted).toEqual([{ warehouseCodes: ['US0001'] }]);
    expect(result.stderr).toContain('66%  2/3 rows · 1 page');
  });
});
