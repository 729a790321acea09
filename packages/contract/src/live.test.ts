/**
 * The `live` target end to end, with a second sandbox standing in for the real gateway: it serves a
 * dataset with drift injected (an unknown field and a number↔string change per provider), and the
 * suites are configured only through the `INV_*` variables a CI job would set.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  INV_SYNCHRONOUS_RESPONSE_SAMPLE,
  KINGDEE_SANDBOX_CREDENTIALS,
} from '@inv/kingdee-protocol';
import { DATASET_FORMAT, DATASET_VERSION, startSandbox } from '@inv/sandbox';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { describeKingdeeContract } from './kingdee.js';
import { type DriftVerdict, judgeDrift, probeWinitDrift } from './probe.js';
import { describeWinitContract } from './winit.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const sampleRow = INV_SYNCHRONOUS_RESPONSE_SAMPLE.data.rows[0] as Record<string, string | number>;
const kingdeeRow = (n: number, extra: Record<string, unknown> = {}) => ({
  ...sampleRow,
  id: `170000000000000000${n}`,
  material_id: `844${n}`,
  material_number: `844${n}`,
  ...extra,
});

const standIn = await startSandbox({
  port: 0,
  dataset: {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    description: 'a gateway that drifted from the documentation',
    kingdee: { rows: [kingdeeRow(1), kingdeeRow(2, { qty: '5', color: 'red' }), kingdeeRow(3)] },
    winit: {
      rows: [
        { warehouseCode: 'US0001', merchandiseCode: 'SKU-A', usableQty: 3 },
        {
          warehouseCode: 'US0001',
          merchandiseCode: 'SKU-B',
          usableQty: 4,
          extra: { ownerCode: 'ACME', merchandiseSerno: 12345 },
        },
        { warehouseCode: 'US0001', merchandiseCode: 'SKU-C', usableQty: 0 },
        // Outside the synced warehouse: a change the client cannot read (`unit` must be text).
        { warehouseCode: 'DE0001', merchandiseCode: 'SKU-D', usableQty: 1, extra: { unit: 7 } },
      ],
    },
  },
});
afterAll(() => standIn.close());

/** What a CI job sets to run `pnpm contract` against a real account. */
const liveEnv: Record<string, string> = {
  INV_KINGDEE_CLIENT_ID: KINGDEE_SANDBOX_CREDENTIALS.clientId,
  INV_KINGDEE_CLIENT_SECRET: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
  INV_KINGDEE_OUTER_INSTANCE_ID: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
  INV_KINGDEE_BASE_URL: standIn.url,
  INV_KINGDEE_IDS: '1700000000000000001,1700000000000000002,1700000000000000003',
  INV_KINGDEE_SKUS: '8441,8442,8443',
  INV_WINIT_APP_KEY: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
  INV_WINIT_TOKEN: WINIT_SANDBOX_CREDENTIALS.token,
  INV_WINIT_BASE_URL: standIn.url,
  INV_WINIT_WAREHOUSE_CODE: 'US0001',
  INV_WINIT_SKUS: 'SKU-A,SKU-B,SKU-C',
};

const verdicts: { kingdee?: DriftVerdict; winit?: DriftVerdict } = {};
const kingdeeTarget = describeKingdeeContract({
  env: { ...liveEnv, INV_CONTRACT_TARGET: 'live' },
  argv: [],
  onDriftReport: (verdict) => {
    verdicts.kingdee = verdict;
  },
});
const winitTarget = describeWinitContract({
  env: { ...liveEnv, INV_CONTRACT_TARGET: 'live' },
  argv: [],
  onDriftReport: (verdict) => {
    verdicts.winit = verdict;
  },
});

/** Runs `inv-contract` (what `pnpm contract` runs) on a suite file configured only by env. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        'dist/cli.js',
        ...args,
        '--config',
        'vitest.contract.config.ts',
        '--dir',
        'src/test-support',
      ],
      { cwd: PACKAGE, env: { ...process.env, ...liveEnv, ...env, NO_COLOR: '1' } },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const header = [
  '| field | change | documented | received | seen |',
  '| --- | --- | --- | --- | --- |',
];

describe('live target against a stand-in gateway with injected drift', () => {
  it('resolves both providers to the stand-in from the environment', () => {
    expect(kingdeeTarget).toMatchObject({
      mode: 'live',
      strict: false,
      settings: { baseURL: standIn.url },
    });
    expect(winitTarget).toMatchObject({ mode: 'live', settings: { warehouseCode: 'US0001' } });
  });

  it('lists exactly the injected Kingdee unknown field and type change; only strict fails', () => {
    const verdict = verdicts.kingdee as DriftVerdict;
    expect(verdict.table.split('\n')).toEqual([
      'Schema drift of kingdee GET /jdy/v2/scm/inventory: none',
      '',
      'Schema drift of kingdee GET /jdy/v2/inv/inv_synchronous:',
      ...header,
      '| data.rows[].color | unknown-field |  | string | 1 |',
      '| data.rows[].qty | type-change (tolerated) | number | string | 1 |',
    ]);
    expect(verdict.ok).toBe(true);
    const strict = judgeDrift(verdict.reports, { strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.failing.map((drift) => drift.path).sort()).toEqual([
      'data.rows[].color',
      'data.rows[].qty',
    ]);
  });

  it('lists exactly the injected Winit unknown field and type change; only strict fails', () => {
    const verdict = verdicts.winit as DriftVerdict;
    const drifted = [
      ...header,
      '| data.list[].merchandiseSerno | type-change (tolerated) | string | integer | 1 |',
      '| data.list[].ownerCode | unknown-field |  | string | 1 |',
    ];
    expect(verdict.table.split('\n')).toEqual([
      'Schema drift of winit queryWarehouse: none',
      '',
      'Schema drift of winit winit.inventory.type.pageInv:',
      ...drifted,
      '',
      'Schema drift of winit winit.inventory.type.batch.query:',
      ...drifted,
    ]);
    expect(verdict.ok).toBe(true);
    expect(judgeDrift(verdict.reports, { strict: true }).ok).toBe(false);
  });

  it('fails without strict mode on a change the client cannot read', async () => {
    const reports = await probeWinitDrift(
      {
        appKey: liveEnv.INV_WINIT_APP_KEY as string,
        token: liveEnv.INV_WINIT_TOKEN as string,
        baseURL: standIn.url,
      },
      { warehouseCode: 'DE0001' },
    );
    const verdict = judgeDrift(reports, { strict: false });
    expect(verdict.ok).toBe(false);
    expect(verdict.failing).toEqual([
      {
        path: 'data.list[].unit',
        kind: 'type-change',
        expected: 'string | null',
        actual: 'integer',
        count: 1,
      },
    ]);
    expect(verdict.table).toContain(
      '| data.list[].unit | type-change (breaking) | string | null | integer | 1 |',
    );
  });

  it('`inv-contract --live` passes on additive drift and `--strict` fails, with the table in the log', async () => {
    const lenient = await runCli(['--live']);
    expect(lenient.output).toContain('| data.rows[].color | unknown-field |  | string | 1 |');
    expect(lenient.output).toMatch(/Tests\s+\d+ passed/);
    expect(lenient.code).toBe(0);
    const strict = await runCli(['--live', '--strict']);
    expect(strict.output).toContain('strict mode fails on every drift');
    expect(strict.output).toMatch(/Tests\s+2 failed/);
    expect(strict.code).toBe(1);
  }, 60_000);

  it('`inv-contract --live` without a credential fails naming it, unless --allow-missing', async () => {
    const missing = await runCli(['--live'], { INV_WINIT_TOKEN: '' });
    expect(missing.output).toMatch(
      /Winit live contract cannot run: INV_WINIT_TOKEN is not set\. Fix: set INV_WINIT_TOKEN, or pass --allow-missing/,
    );
    expect(missing.code).toBe(1);
    const allowed = await runCli(['--live', '--allow-missing'], { INV_WINIT_TOKEN: '' });
    expect(allowed.output).toContain('Winit live contract skipped (--allow-missing)');
    expect(allowed.code).toBe(0);
  }, 120_000);
});
