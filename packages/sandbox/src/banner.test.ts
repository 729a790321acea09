import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';
import { renderBanner, shellWord } from './banner.js';

const URL = 'http://127.0.0.1:4010';

/** The `export` lines of a banner, as a shell would set them. */
function exportsOf(banner: string): Record<string, string> {
  const lines = banner.split('\n').filter((line) => line.startsWith('export '));
  const script = `${lines.join('\n')}\nenv -0`;
  const printed = execFileSync('bash', ['-c', script], { env: {}, encoding: 'utf8' });
  const names = new Set(lines.map((line) => line.slice('export '.length).split('=')[0]));
  return Object.fromEntries(
    printed
      .split('\0')
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)])
      .filter(([name]) => names.has(name)),
  );
}

describe('start banner', () => {
  it('prints ready-to-paste exports of the URLs, credentials and data the examples read', () => {
    const { states } = createSandboxApp();
    const env = exportsOf(renderBanner(URL, states));
    expect(env).toMatchObject({
      INV_SANDBOX_URL: URL,
      INV_KINGDEE_BASE_URL: URL,
      INV_KINGDEE_CLIENT_ID: '100100',
      INV_KINGDEE_CLIENT_SECRET: '0123456789abcdef0123456789abcdef',
      INV_KINGDEE_OUTER_INSTANCE_ID: '100000000000000001',
      INV_WINIT_BASE_URL: URL,
      INV_WINIT_APP_KEY: 'demo@example.com',
      INV_WINIT_TOKEN: '0123456789ABCDEF0123456789ABCDEF',
      INV_WINIT_WAREHOUSE_CODE: 'US0001',
    });
    // Every id and SKU named exists in the data served.
    const ids = env.INV_KINGDEE_IDS?.split(',') ?? [];
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(states.kingdee.get(id)).toBeDefined();
    const materials = new Set(states.kingdee.positions().map((p) => p.row.material_number));
    for (const sku of env.INV_KINGDEE_SKUS?.split(',') ?? []) expect(materials.has(sku)).toBe(true);
    const skus = env.INV_WINIT_SKUS?.split(',') ?? [];
    expect(skus).toEqual(['SKU0001', 'SKU0002', 'SKU0003']);
    for (const sku of skus) expect(states.winit.rowsOf('US0001', sku).length).toBeGreaterThan(0);
  });

  it('names the warehouses of both gateways', () => {
    const banner = renderBanner(URL, createSandboxApp().states);
    expect(banner).toContain('warehouses (stock_number) CK001 CK002 CK003 CK004 CK005');
    expect(banner).toContain('warehouses US0001 DE0001 UK0001 AU0001');
  });

  it('names the data of a loaded dataset, not the generated one', () => {
    const { states } = createSandboxApp({
      dataset: {
        format: 'inv-sandbox-dataset',
        version: 1,
        winit: {
          warehouses: [{ warehouseID: '9', warehouseCode: 'JP0001', warehouseName: 'Tokyo' }],
          rows: [{ warehouseCode: 'JP0001', merchandiseCode: 'CUP-1', usableQty: 4 }],
        },
      },
    });
    const env = exportsOf(renderBanner(URL, states));
    expect(env.INV_WINIT_WAREHOUSE_CODE).toBe('JP0001');
    expect(env.INV_WINIT_SKUS).toBe('CUP-1');
  });

  it('quotes values a shell would split or expand', () => {
    expect(shellWord('demo@example.com')).toBe('demo@example.com');
    expect(shellWord("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(exportsOf(`export X=${shellWord("it's $HOME")}`)).toEqual({ X: "it's $HOME" });
  });
});
