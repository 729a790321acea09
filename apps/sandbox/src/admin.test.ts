import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';
import { DATASET_FORMAT, type SandboxDataset } from './dataset.js';

const T0 = Date.UTC(2024, 5, 1, 4, 0, 0);
const sandbox = (options: Parameters<typeof createSandboxApp>[0] = {}) =>
  createSandboxApp({
    now: () => T0,
    kingdee: { size: 30 },
    winit: { dataset: { skuCount: 20 } },
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
