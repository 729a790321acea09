import { KINGDEE_PUSH_HEADERS, parsePushBody, verifyPushDelivery } from '@inv/kingdee-protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSandboxApp, type SandboxAppOptions } from '../app.js';
import type { DeliveryRecord } from './delivery-record.js';
import { startTestReceiver } from './test-receiver.js';

const secret = 'receiver-secret';
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(
  answer?: Parameters<typeof startTestReceiver>[0],
  options: SandboxAppOptions = {},
) {
  const receiver = await startTestReceiver(answer);
  const sandbox = createSandboxApp({
    kingdee: { size: 300 },
    subscriptions: [{ url: receiver.url, secret }],
    push: { batchWindowMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options.push },
    ...options,
  });
  cleanup.push(receiver.close, () => sandbox.push.close());
  const ids = sandbox.states.kingdee.positions().map((p) => p.row.id);
  const stock = (id: string, delta = '1') =>
    sandbox.app.request('/_sandbox/stock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'kingdee', id, delta }),
    });
  const deliveries = async (): Promise<DeliveryRecord[]> =>
    (
      (await (await sandbox.app.request('/_sandbox/deliveries')).json()) as {
        deliveries: DeliveryRecord[];
      }
    ).deliveries;
  return { receiver, sandbox, ids, stock, deliveries };
}

const idsOf = (body: string): string[] => {
  const parsed = parsePushBody(body);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.body.ids;
};

describe('push deliveries', () => {
  it('POSTs a signed delivery of the changed id after an admin stock change', async () => {
    const { receiver, sandbox, ids, stock, deliveries } = await setup();
    expect((await stock(ids[0] as string)).status).toBe(200);
    await sandbox.push.idle();
    expect(receiver.received).toHaveLength(1);
    const [push] = receiver.received;
    expect(idsOf(push?.body ?? '')).toEqual([ids[0]]);
    const headers = push?.headers as Record<string, string>;
    expect(
      verifyPushDelivery({ secret, headers, body: push?.body ?? '', now: Date.now() }),
    ).toMatchObject({
      ok: true,
      deliveryId: headers[KINGDEE_PUSH_HEADERS.deliveryId.toLowerCase()],
    });
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ url: receiver.url, ids: [ids[0]], status: 'delivered' });
    expect(delivery?.attempts).toMatchObject([{ attempt: 1, status: 200 }]);
  });

  it('batches changes within the window, at most 100 ids a delivery', async () => {
    const { receiver, sandbox, ids } = await setup(undefined, { push: { batchWindowMs: 50 } });
    sandbox.push.notify(ids.slice(0, 250));
    sandbox.push.notify(ids.slice(0, 10));
    await sandbox.push.idle();
    expect(receiver.received.map((r) => idsOf(r.body).length)).toEqual([100, 100, 50]);
    expect(receiver.received.flatMap((r) => idsOf(r.body))).toEqual(ids.slice(0, 250));
  });

  it('pushes every id before and after a dataset load', async () => {
    const { receiver, sandbox, ids } = await setup(undefined, { kingdee: { size: 3 } });
    const res = await sandbox.app.request('/_sandbox/dataset', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: 'inv-sandbox-dataset',
        version: 1,
        kingdee: { rows: [{ ...sandbox.states.kingdee.positions()[0]?.row, id: '42' }] },
      }),
    });
    expect(res.status).toBe(200);
    await sandbox.push.idle();
    expect(new Set(idsOf(receiver.received[0]?.body ?? ''))).toEqual(new Set([...ids, '42']));
  });

  it('retries non-2xx answers with back-off until one is accepted', async () => {
    const { receiver, sandbox, ids, stock, deliveries } = await setup((_, index) =>
      index < 2 ? 503 : 200,
    );
    await stock(ids[1] as string);
    await sandbox.push.idle();
    const [delivery] = await deliveries();
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    const deliveryIds = receiver.received.map(
      (r) => r.headers[KINGDEE_PUSH_HEADERS.deliveryId.toLowerCase()],
    );
    expect(new Set(deliveryIds).size).toBe(1);
  });

  it('gives up after maxAttempts, and counts a timeout as a failed attempt', async () => {
    const { sandbox, ids, stock, deliveries } = await setup(() => 'hang', {
      push: { timeoutMs: 50, retry: { maxAttempts: 2, baseDelayMs: 1 } },
    });
    await stock(ids[1] as string);
    await sandbox.push.idle();
    const [delivery] = await deliveries();
    expect(delivery?.status).toBe('failed');
    expect(delivery?.attempts).toHaveLength(2);
    expect(delivery?.attempts[0]).toMatchObject({ status: null, error: 'no answer within 50 ms' });
  });

  it('applies seeded delivery faults: drop is retried, duplicate sends the same bytes twice', async () => {
    const { receiver, sandbox, ids, stock, deliveries } = await setup(undefined, {
      faults: {
        seed: 3,
        deliveries: [
          { fault: { type: 'drop' }, times: 1 },
          { fault: { type: 'duplicate' }, times: 1 },
        ],
      },
    });
    await stock(ids[2] as string);
    await sandbox.push.idle();
    const [delivery] = await deliveries();
    expect(delivery?.attempts).toMatchObject([
      { attempt: 1, status: null, faults: ['drop', 'duplicate'] },
      { attempt: 2, status: 200 },
    ]);
    expect(receiver.received).toHaveLength(1);

    await stock(ids[3] as string);
    await sandbox.push.idle();
    // The second rule is spent too (the first attempt used it): one copy only now.
    expect(receiver.received).toHaveLength(2);
  });

  it('sends a duplicated attempt byte for byte twice', async () => {
    const { receiver, sandbox, ids, stock } = await setup(undefined, {
      faults: { deliveries: [{ fault: { type: 'duplicate' } }] },
    });
    await stock(ids[2] as string);
    await sandbox.push.idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]).toEqual(receiver.received[0]);
  });

  it('reorders: a held attempt arrives after the next delivery to the same receiver', async () => {
    const { receiver, sandbox, ids, stock } = await setup(undefined, {
      faults: { deliveries: [{ fault: { type: 'reorder', holdMs: 10_000 }, times: 1 }] },
    });
    await stock(ids[4] as string);
    // The first change has its own delivery (held) before the second is made.
    await vi.waitFor(() => expect(sandbox.push.deliveries()).toHaveLength(1));
    await stock(ids[5] as string);
    await sandbox.push.idle();
    expect(receiver.received.map((r) => idsOf(r.body))).toEqual([[ids[5]], [ids[4]]]);
  });

  it('lists receivers without secrets, replaces a secret by URL, removes them', async () => {
    const { receiver, sandbox } = await setup();
    const put = (body: unknown) =>
      sandbox.app.request('/_sandbox/subscriptions', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ url: 'http://127.0.0.1:1/x', secret: 's' })).status).toBe(200);
    expect((await put({ url: receiver.url, secret: 'new' })).status).toBe(200);
    const bad = await put({ url: 'ftp://x', secret: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: string[] }).issues).toEqual([
      'url: must be an http(s) URL',
      'secret: must not be empty',
    ]);
    const listed = await (await sandbox.app.request('/_sandbox/subscriptions')).text();
    expect(listed).not.toContain('"secret"');
    expect(JSON.parse(listed).subscriptions.map((s: { url: string }) => s.url)).toEqual([
      receiver.url,
      'http://127.0.0.1:1/x',
    ]);
    const removed = await sandbox.app.request(
      `/_sandbox/subscriptions?url=${encodeURIComponent('http://127.0.0.1:1/x')}`,
      { method: 'DELETE' },
    );
    expect(await removed.json()).toMatchObject({ removed: 1 });
    await sandbox.app.request('/_sandbox/reset', { method: 'POST' });
    expect(sandbox.push.subscriptions().map((s) => s.url)).toEqual([receiver.url]);
    expect(sandbox.push.deliveries()).toEqual([]);
  });
});
