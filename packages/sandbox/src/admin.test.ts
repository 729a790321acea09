import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';
import { DATASET_FORMAT, type SandboxDataset } from './dataset.js';

const T0 = Date.UTC(2024, 5, 1, 4, 0, 0);
const sandbox = (options: Parameters<typeof createSandboxApp>[0] = {}) =>
  createSandboxApp({
    now: () => T0,
    kingdee: { size: 30 },
    winit: { skuCount: 20 },
    ...options,
  });
const send = (
  app: ReturnType<typeof createSandboxApp>['app'],
  method: string,
  path: string,
  body?: unknown,
) =>
  app.request(path, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });

describe('admin routes', () => {
  it('lists themselves at /_sandbox', async () => {
    const { app } = sandbox();
    const res = await send(app, 'GET', '/_sandbox');
    expect(Object.keys(((await res.json()) as { routes: object }).routes)).toContain(
      'POST /_sandbox/stock',
    );
  });

  it('adjusts Kingdee stock and records an inventory-change id', async () => {
    const { app, states } = sandbox();
    const [first] = states.kingdee.positions();
    const id = first?.row.id as string;
    const before = Number(first?.row.qty);
    const res = await send(app, 'POST', '/_sandbox/stock', {
      provider: 'kingdee',
      id,
      delta: '2.5',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      change: { changeId: number; id: string };
      row: { qty: number };
    };
    expect(body.change).toMatchObject({ changeId: 1, id });
    expect(body.row.qty).toBeCloseTo(before + 2.5, 6);
    const changes = (await (await send(app, 'GET', '/_sandbox/changes')).json()) as {
      changes: { id: string }[];
    };
    expect(changes.changes.map((c) => c.id)).toEqual([id]);
    const after = (await (await send(app, 'GET', '/_sandbox/changes?after=1')).json()) as {
      changes: unknown[];
    };
    expect(after.changes).toEqual([]);
  });

  it("adjusts Winit stock, moving the row's version and change time forward", async () => {
    const { app, states } = sandbox();
    const row = states.winit.rows()[0];
    if (!row) throw new Error('empty dataset');
    const key = {
      warehouseCode: row.warehouseCode,
      merchandiseCode: row.merchandiseCode,
      specification: row.specification,
      serviceType: row.serviceType,
      merchandiseGrade: row.merchandiseGrade,
      skuCodeThird: row.skuCodeThird,
      packingBatchNo: row.packingBatchNo,
    };
    const res = await send(app, 'POST', '/_sandbox/stock', {
      provider: 'winit',
      key,
      set: { usableQty: 7 },
    });
    expect(res.status).toBe(200);
    const updated = (
      (await res.json()) as { row: { usableQty: number; version: string; changedAt: number } }
    ).row;
    expect(updated.usableQty).toBe(7);
    expect(updated.changedAt).toBe(T0);
    expect(BigInt(updated.version) > BigInt(row.version)).toBe(true);
  });

  it("updates the position the README's Winit key names instead of adding a twin", async () => {
    // The default dataset: SKU0001 in US0001 is one position, with a barcode (skuCodeThird).
    const { app, states } = createSandboxApp({ now: () => T0 });
    const count = states.winit.rows().length;
    const res = await send(app, 'POST', '/_sandbox/stock', {
      provider: 'winit',
      key: { warehouseCode: 'US0001', merchandiseCode: 'SKU0001' },
      set: { usableQty: 7 },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { created: boolean; row: { skuCodeThird: string | null } };
    expect(body.created).toBe(false);
    expect(body.row.skuCodeThird).not.toBeNull();
    expect(states.winit.rows()).toHaveLength(count);
    expect(states.winit.rowsOf('US0001', 'SKU0001').map((row) => row.usableQty)).toEqual([7]);
  });

  it('refuses a Winit key that matches several positions, listing their keys', async () => {
    const { app, states } = sandbox();
    const rows = states.winit.rows();
    const shared = rows.find(
      (row) => states.winit.rowsOf(row.warehouseCode, row.merchandiseCode).length > 1,
    );
    if (!shared) throw new Error('dataset has no SKU with several positions in a warehouse');
    const key = { warehouseCode: shared.warehouseCode, merchandiseCode: shared.merchandiseCode };
    const res = await send(app, 'POST', '/_sandbox/stock', {
      provider: 'winit',
      key,
      set: { usableQty: 1 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; matches: object[] };
    expect(body.error).toBe('ambiguous_key');
    expect(body.message).toMatch(/matches \d+ Winit positions/);
    const positions = states.winit.rowsOf(key.warehouseCode, key.merchandiseCode);
    expect(body.matches).toHaveLength(positions.length);
    expect(body.matches[0]).toEqual({
      ...key,
      specification: positions[0]?.specification,
      serviceType: positions[0]?.serviceType,
      merchandiseGrade: positions[0]?.merchandiseGrade,
      skuCodeThird: positions[0]?.skuCodeThird,
      packingBatchNo: positions[0]?.packingBatchNo,
    });
    // One listed key, sent back, names one position.
    const again = await send(app, 'POST', '/_sandbox/stock', {
      provider: 'winit',
      key: body.matches[0],
      set: { usableQty: 1 },
    });
    expect(again.status).toBe(200);
    expect(states.winit.rows()).toHaveLength(rows.length);
  });

  it('creates a Winit position for a key that matches none', async () => {
    const { app, states } = sandbox();
    const count = states.winit.rows().length;
    const res = await send(app, 'POST', '/_sandbox/stock', {
      provider: 'winit',
      key: { warehouseCode: 'US0001', merchandiseCode: 'NEW-SKU' },
      set: { usableQty: 3 },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { created: boolean }).created).toBe(true);
    expect(states.winit.rows()).toHaveLength(count + 1);
  });

  it.each([
    [{ provider: 'kingdee', id: 'nope', delta: 1 }, /unknown inventory id nope/],
    [{ provider: 'kingdee', delta: 1 }, /id/],
    [
      { provider: 'winit', key: { warehouseCode: 'US0001', merchandiseCode: 'X' }, set: {} },
      /at least one quantity/,
    ],
    [
      {
        provider: 'winit',
        key: { warehouseCode: 'US0001', merchandiseCode: 'X' },
        set: { usableQty: -1 },
      },
      /set\.usableQty/,
    ],
    [{ provider: 'shopify' }, /provider/],
    ['{not json', /not valid JSON/],
  ])('refuses a bad stock change %j naming the problem', async (body, reason) => {
    const { app } = sandbox();
    const res = await send(app, 'POST', '/_sandbox/stock', body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(reason);
  });

  it('exports the data as a dataset file that loads back to the same data', async () => {
    const { app } = sandbox();
    const exported = (await (await send(app, 'GET', '/_sandbox/dataset')).json()) as SandboxDataset;
    expect(exported).toMatchObject({ format: DATASET_FORMAT, version: 1 });
    const other = sandbox({ seed: 99 });
    expect(await (await send(other.app, 'GET', '/_sandbox/dataset')).json()).not.toEqual(exported);
    const loaded = await send(other.app, 'PUT', '/_sandbox/dataset', exported);
    expect(loaded.status).toBe(200);
    expect(await (await send(other.app, 'GET', '/_sandbox/dataset')).json()).toEqual(exported);
  });

  it('refuses an invalid dataset with every field path', async () => {
    const { app } = sandbox();
    const res = await send(app, 'PUT', '/_sandbox/dataset', {
      format: DATASET_FORMAT,
      version: 2,
      kingdee: { rows: [{ id: '1', qty: 'lots' }] },
      winit: { rows: [{ warehouseCode: 'US0001' }] },
    });
    expect(res.status).toBe(400);
    const issues = ((await res.json()) as { issues: string[] }).issues.join('\n');
    expect(issues).toMatch(/^version: must be 1/m);
    expect(issues).toMatch(/^kingdee\.rows\.0\.qty: /m);
    expect(issues).toMatch(/^winit\.rows\.0\.merchandiseCode: /m);
  });

  it('reset restores the start data, the fault rules and an empty request log', async () => {
    const { app, states, log } = sandbox();
    const before = await (await send(app, 'GET', '/_sandbox/dataset')).json();
    const id = states.kingdee.positions()[0]?.row.id as string;
    await send(app, 'POST', '/_sandbox/stock', { provider: 'kingdee', id, delta: 5 });
    await send(app, 'PUT', '/_sandbox/faults', { rules: [{ fault: { type: 'throttle' } }] });
    await app.request('/jdy/v2/scm/inventory');
    expect(log.entries().length).toBeGreaterThan(0);
    await send(app, 'POST', '/_sandbox/reset');
    expect(await (await send(app, 'GET', '/_sandbox/dataset')).json()).toEqual(before);
    expect(
      ((await (await send(app, 'GET', '/_sandbox/faults')).json()) as { rules: unknown[] }).rules,
    ).toEqual([]);
    expect(log.entries()).toEqual([]);
    expect(
      ((await (await send(app, 'GET', '/_sandbox/changes')).json()) as { changes: unknown[] })
        .changes,
    ).toEqual([]);
  });

  it('serves the request log with verdicts, newest first', async () => {
    const { app } = sandbox();
    await app.request('/jdy/v2/scm/inventory');
    await app.request('/openapi/service', { method: 'POST', body: '{' });
    const res = await send(app, 'GET', '/_sandbox/requests?limit=5');
    const { requests } = (await res.json()) as {
      requests: { provider: string; verdict: string; code?: string }[];
    };
    expect(requests[0]).toMatchObject({ provider: 'winit', code: '1001' });
    expect(requests[1]).toMatchObject({ provider: 'kingdee', code: '4001' });
    expect(requests[1]?.verdict).toMatch(/X-Api-Auth-Version/);
  });

  it('refuses invalid fault rules with the field path', async () => {
    const { app } = sandbox();
    const res = await send(app, 'PUT', '/_sandbox/faults', {
      rules: [{ fault: { type: 'status', status: 99 } }],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/rules\.0\.fault/);
  });
});

describe('admin input that cannot be stored or served exactly', () => {
  const kingdeeId = (states: ReturnType<typeof sandbox>['states']) =>
    states.kingdee.positions()[0]?.row.id as string;

  it.each([
    ['"1e400"', /delta: must be a plain decimal .* \(no exponent\), got 1e400/],
    ['"1e-160000"', /delta: must be a plain decimal/],
    ['"9007199254740993"', /delta: must be a plain decimal with at most 12 integer digits/],
    [
      '9007199254740993',
      /delta: the number 9007199254740993 would be read as 9007199254740992; send it as a string/,
    ],
    ['1e400', /delta: the number 1e400 would be read as Infinity/],
    ['"0.0001"', /delta: must be a plain decimal .* and 3 decimals/],
  ])(
    'refuses a Kingdee delta of %s with the field path, changing nothing',
    async (delta, reason) => {
      const { app, states } = sandbox();
      const id = kingdeeId(states);
      const before = states.kingdee.get(id)?.row.qty;
      const res = await send(
        app,
        'POST',
        '/_sandbox/stock',
        `{"provider":"kingdee","id":"${id}","delta":${delta}}`,
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { issues: string[] }).issues.join('\n')).toMatch(reason);
      expect(states.kingdee.get(id)?.row.qty).toBe(before);
    },
  );

  it('refuses a delta that would take a quantity beyond what is served exactly', async () => {
    const { app, states } = sandbox();
    const id = kingdeeId(states);
    const change = { provider: 'kingdee', id, delta: '999999999999.999' };
    for (let i = 0; i < 9; i++) await send(app, 'POST', '/_sandbox/stock', change);
    const res = await send(app, 'POST', '/_sandbox/stock', change);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/beyond 9007199254740/);
    const exported = (await (await send(app, 'GET', '/_sandbox/dataset')).json()) as {
      kingdee: { rows: { id: string; qty: unknown }[] };
    };
    const served = exported.kingdee.rows.find((row) => row.id === id)?.qty;
    expect(Number.isFinite(served)).toBe(true);
  });

  it('refuses a Winit quantity beyond 2^53, naming it', async () => {
    const { app } = sandbox();
    const res = await send(
      app,
      'POST',
      '/_sandbox/stock',
      '{"provider":"winit","key":{"warehouseCode":"US0001","merchandiseCode":"X"},"set":{"usableQty":9007199254740993}}',
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/set\.usableQty: the number 9007199254740993/);
  });

  const winitRow = (extra: unknown) => ({
    format: DATASET_FORMAT,
    version: 1,
    winit: { rows: [{ warehouseCode: 'US0001', merchandiseCode: 'X', usableQty: 1, extra }] },
  });
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = { k: value };
    return value;
  };

  it.each([
    [
      '20,000 deep',
      `{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
      /winit\.rows\.0\.extra\.deep\.0\.0.*nested deeper than 64/,
    ],
    [
      '20 deep',
      JSON.stringify({ deep: nested(20) }),
      /winit\.rows\.0\.extra: is nested deeper than 16/,
    ],
    [
      '100 KiB',
      JSON.stringify({ big: 'x'.repeat(100_000) }),
      /winit\.rows\.0\.extra: is 100\d{3} bytes of JSON/,
    ],
  ])(
    'refuses a Winit extra %s, and keeps serving the dataset and Winit',
    async (_name, extra, reason) => {
      const { app } = sandbox();
      const text = JSON.stringify(winitRow('EXTRA')).replace('"EXTRA"', extra);
      const res = await send(app, 'PUT', '/_sandbox/dataset', text);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { issues: string[] }).issues.join('\n')).toMatch(reason);
      expect((await send(app, 'GET', '/_sandbox/dataset')).status).toBe(200);
    },
  );

  it('accepts an extra up to the limits and serves it back', async () => {
    const { app } = sandbox();
    const dataset = winitRow({ deep: nested(15), colour: 'red' });
    expect((await send(app, 'PUT', '/_sandbox/dataset', dataset)).status).toBe(200);
    const exported = (await (await send(app, 'GET', '/_sandbox/dataset')).json()) as {
      winit: { rows: { extra?: unknown }[] };
    };
    expect(exported.winit.rows[0]?.extra).toEqual(dataset.winit.rows[0]?.extra);
  });

  it('refuses Kingdee row quantities that are not plain bounded decimals, and deep members', async () => {
    const { app, states } = sandbox();
    const row = { ...states.kingdee.positions()[0]?.row };
    const put = (rows: unknown[]) =>
      send(app, 'PUT', '/_sandbox/dataset', {
        format: DATASET_FORMAT,
        version: 1,
        kingdee: { rows },
      });
    const bad = await put([
      { ...row, qty: '1e400' },
      { ...row, id: '2', sal_lock_qty: '1'.repeat(13) },
      { ...row, id: '3', note: nested(20) },
    ]);
    expect(bad.status).toBe(400);
    const issues = ((await bad.json()) as { issues: string[] }).issues.join('\n');
    expect(issues).toMatch(
      /^kingdee\.rows\.0\.qty: "1e400" has 401 digits before the decimal point/m,
    );
    expect(issues).toMatch(/^kingdee\.rows\.1\.sal_lock_qty: must be a plain decimal/m);
    expect(issues).toMatch(/^kingdee\.rows\.2: is nested deeper than 16/m);
    expect((await put([{ ...row, qty: '123456789012.0123456789' }])).status).toBe(200);
  });
});

describe('datasets at start', () => {
  it('serves a dataset given at start, with Winit extra members on the wire', async () => {
    const dataset: SandboxDataset = {
      format: DATASET_FORMAT,
      version: 1,
      winit: {
        rows: [
          {
            warehouseCode: 'US0001',
            merchandiseCode: 'ONLY-1',
            usableQty: 3,
            extra: { colour: 'red' },
          },
        ],
      },
    };
    const { states } = sandbox({ dataset });
    expect(states.winit.rows().map((r) => r.merchandiseCode)).toEqual(['ONLY-1']);
    expect(states.kingdee.size).toBe(30);
  });

  it('throws a DatasetError naming the field for a bad dataset at start', () => {
    expect(() => sandbox({ dataset: { format: 'x' } as never })).toThrow(
      /format: must be "inv-sandbox-dataset"/,
    );
  });
});
