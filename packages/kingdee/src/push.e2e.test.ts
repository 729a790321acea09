/**
 * The whole push flow over real HTTP on 127.0.0.1 (docs/protocols/kingdee.md §10.1): a stock change
 * in the sandbox → a signed delivery → the receiver → `byIds` → the new quantities. Under seeded
 * drops, duplicates, delays and reorders every change must land exactly once in effect.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { InventoryRecord } from '@inv/core';
import { KINGDEE_SANDBOX_CREDENTIALS as CREDS } from '@inv/kingdee-protocol';
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from '@inv/sandbox';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createKingdeeProvider } from './provider.js';
import { createInventoryPushHandler } from './push-handler.js';
import { createPushSync } from './push-sync.js';

const secret = 'e2e-push-secret';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function harness(options: StartSandboxOptions = {}) {
  const applied = new Map<string, InventoryRecord>();
  const missing: string[] = [];
  const appliedDeliveries: string[] = [];
  const answers: number[] = [];
  let sandbox: RunningSandbox | undefined;
  let kingdee: ReturnType<typeof createKingdeeProvider> | undefined;
  // Created on first use: the sandbox URL is known only once the receiver is listening.
  const provider = () =>
    (kingdee ??= createKingdeeProvider({
      clientId: CREDS.clientId,
      clientSecret: CREDS.clientSecret,
      outerInstanceId: CREDS.account.outerInstanceId,
      baseURL: sandbox?.url ?? '',
      rateLimit: { limit: 100_000, intervalMs: 1000 },
    }));
  const handler = createInventoryPushHandler({
    secret,
    onChange: createPushSync({
      provider: { inventory: { byIds: (ids) => provider().inventory.byIds(ids) } },
      onRecords: ({ records, missing: gone, change }) => {
        appliedDeliveries.push(change.deliveryId);
        for (const record of records) applied.set(record.key, record);
        missing.push(...gone);
      },
    }),
  });
  // Mounted as the README shows it.
  const app = new Hono();
  app.post('/kingdee/push', async (c) => {
    const response = await handler(c.req.raw);
    answers.push(response.status);
    return response;
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kingdee/push`;
  sandbox = await startSandbox({
    kingdee: { size: 60 },
    subscriptions: [{ url, secret }],
    ...options,
    push: { batchWindowMs: 10, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options.push },
  });
  const running = sandbox;
  cleanup.push(() => running.close());
  const stock = async (id: string, delta: string): Promise<void> => {
    const response = await fetch(`${running.url}/_sandbox/stock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'kingdee', id, delta }),
    });
    expect(response.status).toBe(200);
  };
  return { sandbox: running, applied, missing, appliedDeliveries, answers, stock };
}

describe('Kingdee push over real HTTP', () => {
  it('delivers a stock change to the receiver, and byIds returns the new quantity', async () => {
    const { sandbox, applied, stock } = await harness();
    const [position] = sandbox.states.kingdee.positions();
    const id = position?.row.id as string;
    await stock(id, '7.5');
    await sandbox.push.idle();
    const expected = String(sandbox.states.kingdee.get(id)?.row.qty);
    expect(applied.get(id)?.quantities.onHand).toBe(expected);
    expect(Number(expected)).toBeCloseTo(Number(position?.row.qty) + 7.5, 6);
  });

  it('applies every change exactly once in effect under seeded drops, duplicates, delays and reorders', async () => {
    const { sandbox, applied, appliedDeliveries, answers, stock } = await harness({
      faults: {
        seed: 42,
        deliveries: [
          { fault: { type: 'drop' }, rate: 0.25 },
          { fault: { type: 'duplicate' }, rate: 0.25 },
          { fault: { type: 'delay', ms: 30 }, rate: 0.25 },
          { fault: { type: 'reorder', holdMs: 100 }, rate: 0.2 },
        ],
      },
      push: { batchWindowMs: 1, retry: { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 50 } },
    });
    const ids = sandbox.states.kingdee
      .positions()
      .map((p) => p.row.id)
      .slice(0, 12);
    for (let i = 0; i < 60; i++) {
      await stock(ids[(i * 7) % ids.length] as string, i % 3 === 0 ? '-1' : '2.25');
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await sandbox.push.idle();

    const deliveries = sandbox.push.deliveries();
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    const faults = new Set(deliveries.flatMap((d) => d.attempts.flatMap((a) => a.faults ?? [])));
    expect(faults).toEqual(new Set(['drop', 'duplicate', 'delay', 'reorder']));
    // Duplicated copies were refused as replays or answered as duplicates; none was applied twice.
    expect(answers).toContain(401);
    expect(new Set(appliedDeliveries).size).toBe(appliedDeliveries.length);
    expect(appliedDeliveries.length).toBe(deliveries.length);
    for (const id of ids) {
      expect(applied.get(id)?.quantities.onHand, id).toBe(
        String(sandbox.states.kingdee.get(id)?.row.qty),
      );
    }
  });

  it("mounts in Node's http server through @hono/node-server's request listener", async () => {
    const seen: string[][] = [];
    const handler = createInventoryPushHandler({
      secret,
      onChange: ({ ids }) => void seen.push(ids),
    });
    const server = createServer(getRequestListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const sandbox = await startSandbox({
      kingdee: { size: 5 },
      subscriptions: [{ url, secret }],
      push: { batchWindowMs: 1 },
    });
    cleanup.push(() => sandbox.close());
    const id = sandbox.states.kingdee.positions()[0]?.row.id as string;
    sandbox.states.kingdee.adjust(id, 1);
    await sandbox.push.idle();
    expect(seen).toEqual([[id]]);
    expect(sandbox.push.deliveries()[0]?.attempts[0]?.status).toBe(200);
  });

  it('reports ids that no longer exist as missing', async () => {
    const { sandbox, missing } = await harness();
    const gone = sandbox.states.kingdee.positions()[0]?.row.id as string;
    const kept = sandbox.states.kingdee.positions()[1]?.row;
    const response = await fetch(`${sandbox.url}/_sandbox/dataset`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: 'inv-sandbox-dataset',
        version: 1,
        kingdee: { rows: [kept] },
      }),
    });
    expect(response.status).toBe(200);
    await sandbox.push.idle();
    expect(missing).toContain(gone);
    expect(missing).not.toContain(kept?.id);
  });
});
