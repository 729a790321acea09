import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  compareDecimal,
  type Decimal,
  type InventoryRecord,
  subtractDecimal,
  sumDecimals,
} from '@inv/core';
import { createKingdeeProvider } from '@inv/kingdee';
import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { type RunningSandbox, startSandbox } from '@inv/sandbox';
import { createWinitProvider } from '@inv/winit';
import { WINIT_SANDBOX_CREDENTIALS } from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * End to end: the built `dist/cli.js` as a subprocess, against a sandbox started here over real
 * HTTP on 127.0.0.1. Expected values come from the provider clients themselves.
 */
const APP = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(APP, 'dist', 'cli.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `inv` with a clean environment (no INV_* from the developer's shell). */
function inv(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd ?? APP,
        env: { PATH: process.env.PATH ?? '', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

let sandbox: RunningSandbox;
let kingdeeRecords: InventoryRecord[];
let winitRecords: InventoryRecord[];
let dir: string;

async function listAll(provider: {
  inventory: { list?: (o?: object) => AsyncIterable<InventoryRecord> };
}) {
  const out: InventoryRecord[] = [];
  for await (const record of provider.inventory.list?.() ?? []) out.push(record);
  return out;
}

beforeAll(async () => {
  // Always test the current sources: build dist/ first.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: APP });
  sandbox = await startSandbox({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'inv-e2e-'));
  kingdeeRecords = await listAll(
    createKingdeeProvider({
      clientId: KINGDEE_SANDBOX_CREDENTIALS.clientId,
      clientSecret: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
      outerInstanceId: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
      baseURL: sandbox.url,
    }),
  );
  winitRecords = await listAll(
    createWinitProvider({
      appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
      token: WINIT_SANDBOX_CREDENTIALS.token,
      baseURL: sandbox.url,
    }),
  );
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

const jsonl = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));

describe('inv (subprocess) against the sandbox', () => {
  it('prints help for every command and exits 0', async () => {
    for (const args of [
      ['--help'],
      ['stock', '--help'],
      ['export', '--help'],
      ['reconcile', '--help'],
      ['sandbox', '--help'],
    ]) {
      const result = await inv(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: inv/);
    }
  });

  it('stock --all prints every position of each provider, in every format', async () => {
    for (const [provider, records] of [
      ['kingdee', kingdeeRecords],
      ['winit', winitRecords],
    ] as const) {
      const lines = await inv(['stock', provider, '--all', '--sandbox', sandbox.url]);
      expect(lines.code).toBe(0);
      expect(lines.stderr).toBe('');
      expect(jsonl(lines.stdout).map((r) => r.key)).toEqual(records.map((r) => r.key));
      const csv = await inv([
        'stock',
        provider,
        '--all',
        '--format',
        'csv',
        '--sandbox',
        sandbox.url,
      ]);
      expect(csv.stdout.split('\n')[0]).toMatch(/^provider,key,sku,variant,name,/);
      expect(csv.stdout.split('\n').filter((l) => l.startsWith(`${provider},`))).toHaveLength(
        records.length,
      );
      const json = await inv([
        'stock',
        provider,
        '--all',
        '--format',
        'json',
        '--sandbox',
        sandbox.url,
      ]);
      expect((JSON.parse(json.stdout) as unknown[]).length).toBe(records.length);
      const table = await inv([
        'stock',
        provider,
        '--all',
        '--format',
        'table',
        '--sandbox',
        sandbox.url,
      ]);
      const rows = table.stdout.trimEnd().split('\n');
      expect(rows[0]).toMatch(/^SKU\s+VARIANT\s+NAME\s+WAREHOUSE\s+LOCATION/);
      expect(rows).toHaveLength(records.length + 1);
    }
  }, 60_000);

  it('stock --sku looks SKUs up (Winit per warehouse, Kingdee by scanning)', async () => {
    const target = winitRecords.find((r) => r.item.variant !== null) as InventoryRecord;
    const code = target.warehouse.code as string;
    const winit = await inv([
      'stock',
      'winit',
      '--sku',
      `${target.item.sku},NOPE-404`,
      '--warehouse',
      code,
      '--raw',
      '--sandbox',
      sandbox.url,
    ]);
    expect(winit.code).toBe(0);
    const expected = winitRecords.filter(
      (r) => r.item.sku === target.item.sku && r.warehouse.code === code,
    );
    expect(new Set(jsonl(winit.stdout).map((r) => r.key))).toEqual(
      new Set(expected.map((r) => r.key)),
    );
    expect(jsonl(winit.stdout)[0]).toHaveProperty('raw');
    expect(winit.stderr).toBe('inv: not found in winit: NOPE-404\n');
    const sku = kingdeeRecords[0]?.item.sku as string;
    const kingdee = await inv(['stock', 'kingdee', '--sku', sku, '--sandbox', sandbox.url]);
    expect(jsonl(kingdee.stdout).map((r) => r.key)).toEqual(
      kingdeeRecords.filter((r) => r.item.sku === sku).map((r) => r.key),
    );
  }, 60_000);

  it('--sandbox without a url starts its own sandbox for the command', async () => {
    const result = await inv([
      'stock',
      'winit',
      '--sku',
      'SKU-NONE',
      '--warehouse',
      'US0001',
      '--sandbox',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^inv: started a sandbox for this command at http:\/\/127\.0\.0\.1:\d+\ninv: not found in winit: SKU-NONE\n$/,
    );
  }, 30_000);

  it('export writes everything; an interrupted export resumes to an identical file', async () => {
    for (const name of ['all.csv', 'all.jsonl']) {
      const full = join(dir, `full-${name}`);
      const complete = await inv(['export', '--all', '--out', full, '--sandbox', sandbox.url]);
      expect(complete.code).toBe(0);
      expect(complete.stderr).toBe(
        `inv: wrote ${kingdeeRecords.length + winitRecords.length} rows (${complete.stderr.match(/\((\d+) pages\)/)?.[1]} pages) to ${full}\n`,
      );
      const out = join(dir, `part-${name}`);
      const first = await inv([
        'export',
        '--all',
        '--out',
        out,
        '--max-pages',
        '9',
        '--sandbox',
        sandbox.url,
      ]);
      expect(first.code).toBe(0);
      const state = JSON.parse(await readFile(`${out}.inv-state.json`, 'utf8'));
      expect(state.pages).toBe(9);
      expect(state.next.provider).toBe(1);
      expect(state.bytes).toBe((await stat(out)).size);
      // Simulate a crash after rows were written but before their state: resume must drop them.
      await appendFile(out, 'half a page that never got its state');
      const resumed = await inv([
        'export',
        '--all',
        '--out',
        out,
        '--resume',
        '--sandbox',
        sandbox.url,
      ]);
      expect(resumed.code).toBe(0);
      expect(await readFile(out)).toEqual(await readFile(full));
    }
  }, 120_000);

  it('an export killed mid-run resumes to an identical file', async () => {
    // A slow gateway (50 ms a page) leaves time to kill the export between pages.
    const slow = await startSandbox({
      port: 0,
      faults: {
        rules: [
          {
            match: { provider: 'kingdee', path: '/jdy/v2/scm/inventory' },
            fault: { type: 'latency', ms: 50 },
          },
        ],
      },
    });
    try {
      const args = ['export', '--provider', 'kingdee', '--sandbox', slow.url];
      const full = join(dir, 'kill-full.jsonl');
      expect((await inv([...args, '--out', full])).code).toBe(0);
      const out = join(dir, 'kill.jsonl');
      const child = spawn(process.execPath, [CLI, ...args, '--out', out], {
        env: { PATH: process.env.PATH ?? '' },
        stdio: 'ignore',
      });
      let running = true;
      const done = exited(child).finally(() => {
        running = false;
      });
      // Kill it hard once two pages are on disk.
      while (running) {
        const state = await readFile(`${out}.inv-state.json`, 'utf8').then(JSON.parse, () => null);
        if (state && state.pages >= 2) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(running, 'the export finished before it could be killed').toBe(true);
      child.kill('SIGKILL');
      await done;
      const state = JSON.parse(await readFile(`${out}.inv-state.json`, 'utf8'));
      expect(state.next).not.toBeNull();
      const resumed = await inv([...args, '--resume', '--out', out]);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(/^inv: resuming /);
      expect(await readFile(out)).toEqual(await readFile(full));
    } finally {
      await slow.close();
    }
  }, 60_000);

  describe('reconcile', () => {
    interface Line {
      material: string;
      stock: string;
      code: string;
      spec: string | null;
      warehouse: string;
    }
    let lines: Line[];

    beforeAll(async () => {
      const kingdeePairs = [
        ...new Map(kingdeeRecords.map((r) => [`${r.item.sku}|${r.warehouse.code}`, r])).values(),
      ];
      const withSpec = winitRecords.find((r) => r.item.variant !== null) as InventoryRecord;
      // A different code, so its all-specifications line does not overlap withSpec's line.
      const otherWithSpec = winitRecords.find(
        (r) => r.item.variant !== null && r.item.sku !== withSpec.item.sku,
      ) as InventoryRecord;
      const plain = winitRecords.filter((r) => r.item.variant === null);
      const pick = (i: number) => kingdeePairs[i] as InventoryRecord;
      const line = (k: InventoryRecord, w: InventoryRecord, spec: string | null): Line => ({
        material: k.item.sku,
        stock: k.warehouse.code as string,
        code: w.item.sku,
        spec,
        warehouse: w.warehouse.code as string,
      });
      lines = [
        line(pick(0), plain[0] as InventoryRecord, null),
        line(pick(1), withSpec, withSpec.item.variant?.code ?? null),
        // Every specification of a code summed.
        line(pick(2), otherWithSpec, null),
        line(pick(3), plain[5] as InventoryRecord, null),
        {
          material: pick(4).item.sku,
          stock: pick(4).warehouse.code as string,
          code: 'NOT-IN-WINIT',
          spec: null,
          warehouse: 'US0001',
        },
        {
          material: 'NOT-IN-KINGDEE',
          stock: 'CK001',
          code: 'ALSO-NOT',
          spec: null,
          warehouse: 'US0001',
        },
      ];
      const csv = [
        'material_number,stock_number,merchandise_code,specification,warehouse_code',
        ...lines.map((l) => [l.material, l.stock, l.code, l.spec ?? '', l.warehouse].join(',')),
      ].join('\n');
      await writeFile(join(dir, 'mapping.csv'), csv);
    });

    /** What reconcile must report, computed from the clients' records. */
    function expected(quantity: 'available' | 'onHand') {
      const sum = (records: InventoryRecord[]): Decimal | null =>
        records.some((r) => r.quantities[quantity] === null)
          ? null
          : sumDecimals(records.map((r) => r.quantities[quantity] as Decimal));
      return lines.flatMap((l, index) => {
        const k = kingdeeRecords.filter(
          (r) => r.item.sku === l.material && r.warehouse.code === l.stock,
        );
        const w = winitRecords.filter(
          (r) =>
            r.item.sku === l.code &&
            r.warehouse.code === l.warehouse &&
            (l.spec === null || r.item.variant?.code === l.spec),
        );
        const kq = sum(k);
        const wq = sum(w);
        if (kq === null || wq === null) return [[index + 2, kq, wq, null, 'unreported']];
        const difference = subtractDecimal(wq, kq);
        const status =
          k.length === 0 && w.length === 0
            ? 'absent'
            : k.length === 0
              ? 'missing-in-kingdee'
              : w.length === 0
                ? 'missing-in-winit'
                : difference === '0'
                  ? 'ok'
                  : 'differs';
        return status === 'ok' || status === 'absent'
          ? []
          : [[index + 2, kq, wq, difference, status]];
      });
    }

    const reported = (stdout: string) =>
      jsonl(stdout).map((r) => {
        const row = r as {
          line: number;
          kingdee: { quantity: string };
          winit: { quantity: string };
          difference: string;
          status: string;
        };
        return [row.line, row.kingdee.quantity, row.winit.quantity, row.difference, row.status];
      });

    it('reports exactly the known differences and exits 1', async () => {
      const result = await inv(
        ['reconcile', 'kingdee', 'winit', '--map', 'mapping.csv', '--sandbox', sandbox.url],
        { cwd: dir },
      );
      const want = expected('available');
      expect(want.length).toBeGreaterThanOrEqual(4);
      expect(reported(result.stdout)).toEqual(want);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`${want.length} of 6 mapped positions differ on available`),
      );
      expect(result.stderr).toMatch(/no stock on either side for mapping line\(s\) 7/);
    }, 60_000);

    it('exits 0 when the threshold covers every difference, and compares onHand when asked', async () => {
      const want = expected('onHand');
      const largest = want
        .map((row) => row[3] as Decimal)
        .filter((d): d is Decimal => d !== null)
        .map((d) => (d.startsWith('-') ? d.slice(1) : d))
        .reduce((a, b) => (compareDecimal(a, b) >= 0 ? a : b), '0');
      const result = await inv(
        [
          'reconcile',
          '--map',
          'mapping.csv',
          '--quantity',
          'onHand',
          '--threshold',
          largest,
          '--sandbox',
          sandbox.url,
        ],
        { cwd: dir },
      );
      expect(reported(result.stdout)).toEqual(want);
      expect(result.code).toBe(0);
      const csv = await inv(
        ['reconcile', '--map', 'mapping.csv', '--format', 'csv', '--sandbox', sandbox.url],
        { cwd: dir },
      );
      expect(csv.stdout.split('\n')[0]).toBe(
        'line,material_number,stock_number,merchandise_code,specification,warehouse_code,kingdee,winit,difference,status,over_threshold',
      );
      expect(csv.stdout.trimEnd().split('\n')).toHaveLength(expected('available').length + 1);
    }, 60_000);

    it('refuses a broken mapping with its line number, exit 2', async () => {
      await writeFile(
        join(dir, 'broken.csv'),
        'material_number,stock_number,merchandise_code,warehouse_code\nM,CK,W\n',
      );
      const result = await inv(['reconcile', '--map', 'broken.csv', '--sandbox', sandbox.url], {
        cwd: dir,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^inv: broken\.csv: line 2: expected 4 fields like the header, found 3\. Fix: .*\n$/,
      );
    });
  });

  describe('errors', () => {
    it('bad config: one line, exit 2', async () => {
      const cwd = await mkdtemp(join(tmpdir(), 'inv-e2e-config-'));
      await writeFile(join(cwd, 'inv.config.json'), '{"winit": {"appkey": "x"}}');
      const result = await inv(['stock', 'winit', '--all'], { cwd });
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(
        /^inv: .*inv\.config\.json: unknown key `appkey` at `winit`\. Fix: .*\n$/,
      );
    });

    it('missing credentials: one line naming the variable, exit 2', async () => {
      const result = await inv(['stock', 'kingdee', '--all'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^inv: kingdee: Invalid option `clientId`.* Fix: set INV_KINGDEE_CLIENT_ID or kingdee\.clientId in inv\.config\.json, or try --sandbox\n$/,
      );
    });

    it('wrong credentials: one line, exit 3, and the secret is never printed', async () => {
      const winitToken = 'WRONGTOKEN0123456789ABCDEF012345';
      const winit = await inv(['stock', 'winit', '--sku', 'SKU0001', '--warehouse', 'US0001'], {
        env: {
          INV_WINIT_APP_KEY: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
          INV_WINIT_TOKEN: winitToken,
          INV_WINIT_BASE_URL: sandbox.url,
        },
      });
      expect(winit.code).toBe(3);
      expect(winit.stderr.split('\n')).toHaveLength(2);
      expect(winit.stderr).toMatch(
        /^inv: winit.*\[INV_(AUTH|SIGNATURE)\]\. Fix: check .*INV_WINIT_TOKEN/,
      );
      expect(winit.stderr).not.toContain(winitToken);
      const kingdeeSecret = 'ffffffffffffffffffffffffffffffff';
      const kingdee = await inv(['stock', 'kingdee', '--all', '--debug'], {
        env: {
          INV_KINGDEE_CLIENT_ID: KINGDEE_SANDBOX_CREDENTIALS.clientId,
          INV_KINGDEE_CLIENT_SECRET: kingdeeSecret,
          INV_KINGDEE_OUTER_INSTANCE_ID: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
          INV_KINGDEE_BASE_URL: sandbox.url,
        },
      });
      expect(kingdee.code).toBe(3);
      expect(kingdee.stderr).toMatch(/^inv: kingdee.*\[INV_(AUTH|SIGNATURE)\]\. Fix: check /);
      // Even the --debug dump never shows the secret.
      expect(kingdee.stderr).not.toContain(kingdeeSecret);
    }, 60_000);

    it('wrong credentials from inv.config.json: the fix names the file', async () => {
      const cwd = await mkdtemp(join(tmpdir(), 'inv-e2e-config-'));
      const file = join(cwd, 'inv.config.json');
      await writeFile(
        file,
        JSON.stringify({
          winit: {
            appKey: WINIT_SANDBOX_CREDENTIALS.appKeys[0],
            token: 'WRONGTOKEN0123456789ABCDEF012345',
            baseURL: sandbox.url,
          },
        }),
      );
      const result = await inv(['stock', 'winit', '--sku', 'SKU0001', '--warehouse', 'US0001'], {
        cwd,
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`Fix: check winit.appKey and winit.token in ${file}`);
    }, 60_000);

    it('unknown warehouse: names it and lists the known ones, exit 2', async () => {
      const result = await inv(
        ['stock', 'winit', '--sku', 'SKU0001', '--warehouse', 'US9999', '--sandbox', sandbox.url],
        {},
      );
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(
        /^inv: unknown warehouse "US9999" in winit\. Fix: use one of (\w+, )*US0001(, \w+)* with --warehouse\n$/,
      );
    });

    it('refused connection: says ECONNREFUSED and the URL', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as AddressInfo;
          server.close(() => resolve(port));
        });
      });
      const result = await inv(['stock', 'winit', '--all', '--sandbox', `localhost:${port}`]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        `Fix: connection refused (ECONNREFUSED) at http://localhost:${port}/openapi/service;`,
      );
    }, 120_000);

    it('unreachable gateway: one line, exit 3', async () => {
      const result = await inv(['stock', 'winit', '--all', '--sandbox', 'http://127.0.0.1:9']);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(
        /^inv: winit: .*\[INV_(TRANSPORT|TIMEOUT)\]\. Fix: is the sandbox running at http:\/\/127\.0\.0\.1:9\? start one with `inv sandbox`\n$/,
      );
    }, 120_000);
  });

  it('inv sandbox serves until interrupted', async () => {
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '' },
    });
    const done = exited(child);
    let stdout = '';
    const url = await new Promise<string>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
    });
    expect(stdout).toContain('/openapi/service');
    const result = await inv([
      'stock',
      'winit',
      '--sku',
      'NONE',
      '--warehouse',
      'US0001',
      '--sandbox',
      url,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: 'inv: not found in winit: NONE\n' });
    child.kill('SIGINT');
    expect(await done).toBe(0);
  }, 30_000);

  it('inv sandbox starts with the flags of inv-sandbox: --seed, --cors, --faults', async () => {
    const faults = join(dir, 'faults.json');
    const rule = {
      match: { provider: 'winit', action: 'queryInventory' },
      fault: { type: 'latency', ms: 1 },
    };
    await writeFile(faults, JSON.stringify({ rules: [rule] }));
    const args = ['sandbox', '--port', '0', '--seed', '7', '--cors', '--faults', faults, '-q'];
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '' },
    });
    const done = exited(child);
    const seeded = await startSandbox({ port: 0, seed: 7 });
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`inv sandbox exited ${code}: ${stdout}`)));
        child.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /^export INV_SANDBOX_URL=(\S+)$/m.exec(stdout);
          if (match?.[1] && stdout.includes('INV_WINIT_SKUS')) resolve(match[1]);
        });
      });
      // --seed 7: the data of a sandbox started in-process with seed 7, not the default seed's.
      const ids = (text: string) => /^export INV_KINGDEE_IDS=(\S+)$/m.exec(text)?.[1];
      expect(ids(stdout)).toBe(ids(seeded.banner()));
      expect(ids(stdout)).not.toBe(ids(sandbox.banner()));
      // --faults: the rules in force.
      const listed = await fetch(`${url}/_sandbox/faults`);
      expect(await listed.json()).toMatchObject({ rules: [rule] });
      // --cors: a web page's preflight is answered.
      const preflight = await fetch(`${url}/openapi/service`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      child.kill('SIGINT');
      await seeded.close();
    }
    // Stopped by the cleanup above, as Ctrl-C stops it.
    expect(await done).toBe(0);
    expect(child.exitCode).toBe(0);
  }, 30_000);
});
