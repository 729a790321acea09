import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeFactories, fakeProvider, run } from '../test-support/harness.js';
import { record } from '../test-support/records.js';

const k = (sku: string, warehouse: string, available: string, onHand = available) =>
  record({ provider: 'kingdee', sku, warehouse, available, onHand });
const w = (
  sku: string,
  warehouse: string,
  available: string,
  variant: string | null = null,
  onHand = available,
) => record({ provider: 'winit', sku, warehouse, available, onHand, variant });

const MAPPING = [
  'material_number,stock_number,merchandise_code,specification,warehouse_code',
  'M-1,CK01,W-1,,US0001',
  'M-2,CK01,W-2,Red,US0001',
  'M-3,CK02,W-3,,UK0001',
  'M-4,CK01,W-4,,US0001',
].join('\n');

function factories(
  calls = { bySkus: [] as { skus: readonly string[]; warehouseCode?: unknown }[] },
) {
  return fakeFactories({
    kingdee: {
      provider: fakeProvider({
        id: 'kingdee',
        pages: [
          [k('M-1', 'CK01', '10'), k('M-1', 'CK01', '0.5'), k('M-2', 'CK01', '4', '6')],
          [k('M-3', 'CK02', '7'), k('M-1', 'CK09', '1000')],
        ],
      }),
    },
    winit: {
      provider: fakeProvider({
        id: 'winit',
        pages: [
          [
            w('W-1', 'US0001', '10.5'),
            w('W-2', 'US0001', '1', 'Red', '6'),
            w('W-2', 'US0001', '50', 'Blue'),
          ],
          [w('W-3', 'UK0001', '9'), w('W-3', 'US0001', '1000')],
        ],
        bySkus: true,
        calls,
      }),
    },
  });
}

async function withMapping(text = MAPPING): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'inv-reconcile-'));
  await writeFile(join(cwd, 'mapping.csv'), text);
  return cwd;
}

describe('inv reconcile', () => {
  it('reports exactly the differing lines and exits 1 when one exceeds the threshold', async () => {
    const cwd = await withMapping();
    const calls = { bySkus: [] as { skus: readonly string[]; warehouseCode?: unknown }[] };
    const result = await run(['reconcile', 'kingdee', 'winit', '--map', 'mapping.csv'], {
      cwd,
      factories: factories(calls),
    });
    expect(result.code).toBe(1);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      rows.map((r) => [r.line, r.kingdee.quantity, r.winit.quantity, r.difference, r.status]),
    ).toEqual([
      [3, '4', '1', '-3', 'differs'],
      [4, '7', '9', '2', 'differs'],
    ]);
    expect(result.stderr).toMatch(
      /2 of 4 mapped positions differ on available; 2 over threshold 0/,
    );
    expect(result.stderr).toMatch(/no stock on either side for mapping line\(s\) 5/);
    // Winit is asked per warehouse for the mapped codes only.
    expect(calls.bySkus).toEqual([
      { skus: ['W-1', 'W-2', 'W-4'], warehouseCode: 'US0001' },
      { skus: ['W-3'], warehouseCode: 'UK0001' },
    ]);
  });

  it('exits 0 when every difference is within --threshold, and compares --quantity onHand', async () => {
    const cwd = await withMapping();
    const within = await run(['reconcile', '--map', 'mapping.csv', '--threshold', '3'], {
      cwd,
      factories: factories(),
    });
    expect(within.code).toBe(0);
    expect(within.stderr).toMatch(/2 of 4 .* 0 over threshold 3/);
    const onHand = await run(
      ['reconcile', '--map', 'mapping.csv', '--quantity', 'onHand', '--format', 'csv'],
      {
        cwd,
        factories: factories(),
      },
    );
    expect(onHand.stdout).toBe(
      'line,material_number,stock_number,merchandise_code,specification,warehouse_code,kingdee,winit,difference,status,over_threshold\n4,M-3,CK02,W-3,,UK0001,7,9,2,differs,yes\n',
    );
  });

  it('--all-rows prints every line as a table on a terminal', async () => {
    const cwd = await withMapping();
    const result = await run(['reconcile', '--map', 'mapping.csv', '--all-rows', '--quiet'], {
      cwd,
      factories: factories(),
      tty: true,
    });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^LINE\s+MATERIAL\s+STOCK\s+MERCHANDISE\s+SPEC\s+WAREHOUSE\s+KINGDEE\s+WINIT\s+DIFF\s+STATUS$/,
    );
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/).at(-1))).toEqual([
      'ok',
      'differs',
      'differs',
      'absent',
    ]);
    expect(lines[1]).toMatch(/^\s*2\s+M-1\s+CK01\s+W-1\s+-\s+US0001\s+10\.5\s+10\.5\s+0\s+ok$/);
    expect(result.stderr).toBe('');
  });

  it('refuses a bad mapping with line numbers, exit 2, before calling any provider', async () => {
    const cwd = await withMapping(
      'material_number,stock_number,merchandise_code,warehouse_code\nM-1,CK01,,US0001\n',
    );
    const result = await run(['reconcile', '--map', 'mapping.csv'], {
      cwd,
      factories: fakeFactories({}),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^inv: mapping\.csv: line 2: merchandise_code is empty\. Fix: the mapping CSV needs a header/,
    );
  });

  it('refuses other providers, a negative threshold, a missing map and an unknown quantity', async () => {
    const cwd = await withMapping();
    const cases: [string[], RegExp][] = [
      [
        ['reconcile', 'winit', 'kingdee', '--map', 'mapping.csv'],
        /compares kingdee \(ERP\) with winit/,
      ],
      [
        ['reconcile', '--map', 'mapping.csv', '--threshold=-1'],
        /--threshold must be a quantity of 0 or more/,
      ],
      [
        ['reconcile', '--map', 'mapping.csv', '--threshold', '-1'],
        /needs a value\. Fix: write .* as --threshold=-value/,
      ],
      [
        ['reconcile', '--map', 'mapping.csv', '--threshold', '1,000'],
        /--threshold must be a quantity/,
      ],
      [['reconcile'], /needs --map/],
      [['reconcile', '--map', 'nope.csv'], /cannot read mapping file nope\.csv: ENOENT/],
      [
        ['reconcile', '--map', 'mapping.csv', '--quantity', 'reserved'],
        /--quantity must be available or onHand/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv, { cwd, factories: factories() });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('takes the map, threshold and quantity from inv.config.json', async () => {
    const cwd = await withMapping();
    await writeFile(
      join(cwd, 'inv.config.json'),
      JSON.stringify({ reconcile: { map: 'mapping.csv', threshold: 2, quantity: 'onHand' } }),
    );
    const result = await run(['reconcile'], { cwd, factories: factories() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1 of 4 mapped positions differ on onHand; 0 over threshold 2/);
  });
});
