import { ConfigError } from '@inv/core';
import { buildPushBody, KINGDEE_PUSH_HEADERS, signPushDelivery } from '@inv/kingdee-protocol';
import { describe, expect, it, vi } from 'vitest';
import { createInventoryPushHandler, type InventoryPushChange } from './push-handler.js';

const secret = 'receiver-secret';
const T0 = 1_700_000_000_000;
const body = buildPushBody(['1750000000000000001'], T0);

function delivery(
  options: { deliveryId?: string; timestamp?: number; secret?: string; body?: string } = {},
): Request {
  const text = options.body ?? body;
  const { headers } = signPushDelivery({
    secret: options.secret ?? secret,
    deliveryId: options.deliveryId ?? 'd-1',
    timestamp: options.timestamp ?? T0,
    body: text,
  });
  return new Request('http://127.0.0.1/kingdee/push', { method: 'POST', headers, body: text });
}

function handler(onChange: (change: InventoryPushChange) => unknown = () => undefined) {
  const changes: InventoryPushChange[] = [];
  const handle = createInventoryPushHandler({
    secret,
    now: () => T0 + 1000,
    onChange: async (change) => {
      changes.push(change);
      await onChange(change);
    },
  });
  return { handle, changes };
}

const json = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as Record<string, unknown>,
});

describe('createInventoryPushHandler', () => {
  it('hands the ids of a signed delivery to onChange and answers 200', async () => {
    const { handle, changes } = handler();
    expect(await json(await handle(delivery()))).toEqual({
      status: 200,
      body: { status: 'accepted', deliveryId: 'd-1' },
    });
    expect(changes).toMatchObject([{ ids: ['1750000000000000001'], deliveryId: 'd-1' }]);
  });

  it('refuses a bad signature, an old timestamp and a replayed delivery with the reason', async () => {
    const { handle, changes } = handler();
    expect(await json(await handle(delivery({ secret: 'wrong' })))).toMatchObject({
      status: 401,
      body: { error: 'refused', reason: 'bad_signature' },
    });
    expect(await json(await handle(delivery({ timestamp: T0 - 300_000 })))).toMatchObject({
      status: 401,
      body: { reason: 'stale_timestamp', message: expect.stringContaining('301000 ms old') },
    });
    expect((await handle(delivery())).status).toBe(200);
    expect(await json(await handle(delivery()))).toMatchObject({
      status: 401,
      body: { reason: 'replayed_delivery', message: expect.stringContaining('d-1') },
    });
    expect(changes).toHaveLength(1);
  });

  it('answers a retry of an applied delivery as a duplicate without calling onChange again', async () => {
    const { handle, changes } = handler();
    expect((await handle(delivery({ timestamp: T0 }))).status).toBe(200);
    expect(await json(await handle(delivery({ timestamp: T0 + 500 })))).toEqual({
      status: 200,
      body: { status: 'duplicate', deliveryId: 'd-1' },
    });
    expect(changes).toHaveLength(1);
  });

  it('answers 500 when onChange throws, so the sender retries, and applies the retry', async () => {
    let fail = true;
    const { handle, changes } = handler(() => {
      if (fail) throw new Error('database down');
    });
    const failed = await json(await handle(delivery({ timestamp: T0 })));
    expect(failed).toMatchObject({ status: 500, body: { error: 'on_change_failed' } });
    expect(JSON.stringify(failed.body)).not.toContain('database down');
    fail = false;
    expect((await handle(delivery({ timestamp: T0 + 1 }))).status).toBe(200);
    expect(changes).toHaveLength(2);
  });

  it('lets a concurrent retry wait for the attempt being applied instead of applying twice', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { handle, changes } = handler(() => gate);
    const first = handle(delivery({ timestamp: T0 }));
    const second = handle(delivery({ timestamp: T0 + 1 }));
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    release();
    expect((await json(await first)).body.status).toBe('accepted');
    expect((await json(await second)).body.status).toBe('duplicate');
    expect(changes).toHaveLength(1);
  });

  it('refuses missing headers, bad bodies, other methods and large bodies', async () => {
    const { handle } = handler();
    const unsigned = delivery();
    unsigned.headers.delete(KINGDEE_PUSH_HEADERS.signature);
    expect(await json(await handle(unsigned))).toMatchObject({
      status: 400,
      body: { reason: 'bad_header', message: expect.stringContaining('X-Inv-Push-Signature') },
    });
    expect(await json(await handle(delivery({ body: '{"event":"other"}' })))).toMatchObject({
      status: 400,
      body: { reason: 'bad_body' },
    });
    expect((await handle(new Request('http://127.0.0.1/', { method: 'GET' }))).status).toBe(405);
    expect((await handle(delivery({ body: 'x'.repeat(70_000) }))).status).toBe(413);
  });

  it('throws a ConfigError naming a missing secret', () => {
    expect(() => createInventoryPushHandler({ onChange: () => undefined } as never)).toThrow(
      ConfigError,
    );
    expect(() => createInventoryPushHandler({ secret: 's', onChange: 1 } as never)).toThrow(
      /onChange/,
    );
  });
});
