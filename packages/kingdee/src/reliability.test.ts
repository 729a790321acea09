/**
 * The shared client reliability suites (`@inv/reliability-tests`: bad answers, resume, secrets,
 * sync under faults) run against the Kingdee client, plus the scenarios only Kingdee has.
 */
import { type InventoryRecord, ResponseShapeError } from '@inv/core';
import { describeReliability, failure, useScriptedGateway } from '@inv/reliability-tests';
import { type Fault, type RunningSandbox, startSandbox } from '@inv/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixedTokenAnswer,
  kingdeeAdapter,
  sandboxClient,
  scriptedClient,
} from './test-support/reliability-adapter.js';

describeReliability(kingdeeAdapter);

describe('kingdee client facing bad scm/inventory answers', () => {
  const gateway = useScriptedGateway(fixedTokenAnswer);
  const firstPage = async (): Promise<InventoryRecord[]> => {
    for await (const page of scriptedClient(gateway.url).inventory.pages({ pageSize: 10 })) {
      return page.items;
    }
    return [];
  };

  it.each([
    ['count with a thousands separator', { count: '1,000' }, 'data.count'],
    ['count "NaN"', { count: 'NaN' }, 'data.count'],
    ['a negative count', { count: -1 }, 'data.count'],
    [
      'qty with a thousands separator',
      { rows: [{ material_id: '1', stock_id: '2', qty: '1,000' }] },
      'data.rows.0.qty',
    ],
    [
      'valid_qty NaN',
      { rows: [{ material_id: '1', stock_id: '2', qty: '1', valid_qty: 'NaN' }] },
      'data.rows.0.valid_qty',
    ],
  ])('%s is a ResponseShapeError naming the field', async (_, data, path) => {
    gateway.script({ body: scmInventory(data) });
    const error = await failure(firstPage);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain(path);
  });

  it('negative quantities are kept exactly, sign included (never clamped to 0)', async () => {
    gateway.script({
      body: scmInventory({ rows: [{ material_id: '1', stock_id: '2', qty: '-3', valid_qty: -3 }] }),
    });
    const [row] = await firstPage();
    expect(row?.quantities).toMatchObject({ onHand: '-3', available: '-3' });
  });
});

describe('the kingdee token flow survives faults', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ kingdee: { size: 300 } });
  });
  afterAll(() => sandbox.close());
  for (const path of [
    '/jdyconnector/app_management/push_app_authorize',
    '/jdyconnector/app_management/kingdee_auth_token',
  ]) {
    for (const fault of [
      { type: 'status', status: 503 },
      { type: 'reset' },
      { type: 'truncate' },
    ] as Fault[]) {
      it(`${path.split('/').at(-1)} answering ${fault.type} once is retried`, async () => {
        sandbox.faults.configure({ rules: [{ match: { path }, fault, times: 1 }] });
        const provider = sandboxClient(sandbox.url, {
          retry: { retries: 10, baseDelayMs: 1, maxDelayMs: 10 },
        });
        let rows = 0;
        for await (const page of provider.inventory.pages()) rows += page.items.length;
        expect(rows).toBe(300);
      });
    }
  }
});

/** An scm/inventory answer of one page, `data` members replaced. */
function scmInventory(data: Record<string, unknown>): string {
  const row = {
    material_id: '1',
    stock_id: '2',
    sp_id: '0',
    aux_prop_id: '0',
    qty: '5',
    valid_qty: '4',
  };
  return JSON.stringify({
    errcode: 0,
    description: 'success',
    data: { count: '1', page: 1, page_size: 10, total_page: 1, rows: [row], ...data },
  });
}
