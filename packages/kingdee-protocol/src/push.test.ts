import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildPushBody,
  KINGDEE_PUSH_HEADERS,
  parsePushBody,
  resolvePushFormat,
  signPushDelivery,
  verifyPushDelivery,
} from './push.js';

const secret = 'push-secret';
const body = buildPushBody(['1750000000000000001', '1750000000000000002'], 1_700_000_000_000);
const at = 1_700_000_000_500;

describe('push deliveries (§10.1)', () => {
  it('signs timestamp, delivery id and body with HMAC-SHA256 in lowercase hex', () => {
    const { headers, signature } = signPushDelivery({
      secret,
      deliveryId: 'd-1',
      timestamp: at,
      body,
    });
    const expected = createHmac('sha256', secret).update(`${at}\nd-1\n${body}`).digest('hex');
    expect(signature).toBe(expected);
    expect(headers).toMatchObject({
      [KINGDEE_PUSH_HEADERS.deliveryId]: 'd-1',
      [KINGDEE_PUSH_HEADERS.timestamp]: String(at),
      [KINGDEE_PUSH_HEADERS.signature]: expected,
    });
  });

  it('verifies what it signed, header names case-insensitively', () => {
    const { headers } = signPushDelivery({ secret, deliveryId: 'd-1', timestamp: at, body });
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyPushDelivery({ secret, headers: lower, body, now: at + 1000 })).toEqual({
      ok: true,
      deliveryId: 'd-1',
      timestamp: at,
    });
    expect(
      verifyPushDelivery({ secret, headers: new Headers(headers), body, now: at }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a changed body, a wrong secret, a stale timestamp and missing headers', () => {
    const { headers } = signPushDelivery({ secret, deliveryId: 'd-1', timestamp: at, body });
    expect(verifyPushDelivery({ secret, headers, body: `${body} `, now: at })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyPushDelivery({ secret: 'other', headers, body, now: at })).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyPushDelivery({ secret, headers, body, now: at + 300_001 })).toMatchObject({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(
      verifyPushDelivery({ secret, headers, body, now: at - 10, timestampWindowMs: 5 }),
    ).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    const { [KINGDEE_PUSH_HEADERS.signature]: _gone, ...unsigned } = headers;
    expect(verifyPushDelivery({ secret, headers: unsigned, body, now: at })).toMatchObject({
      ok: false,
      reason: 'bad_header',
      message: expect.stringContaining(KINGDEE_PUSH_HEADERS.signature),
    });
    expect(
      verifyPushDelivery({
        secret,
        headers: { ...headers, [KINGDEE_PUSH_HEADERS.timestamp]: '1.5' },
        body,
        now: at,
      }),
    ).toMatchObject({ ok: false, reason: 'bad_header' });
  });

  it('follows a format override: other header names, base64 signatures', () => {
    const format = resolvePushFormat({
      headers: { signature: 'X-Sig' },
      signatureEncoding: 'base64',
    });
    const { headers, signature } = signPushDelivery({
      secret,
      deliveryId: 'd',
      timestamp: at,
      body,
      format,
    });
    expect(headers['X-Sig']).toBe(signature);
    expect(Buffer.from(signature, 'base64')).toHaveLength(32);
    expect(verifyPushDelivery({ secret, headers, body, now: at, format })).toMatchObject({
      ok: true,
    });
    expect(verifyPushDelivery({ secret, headers, body, now: at })).toMatchObject({
      ok: false,
      reason: 'bad_header',
    });
  });

  it('parses bodies, keeping long numeric ids exact and refusing more than 100 ids', () => {
    expect(parsePushBody(body)).toEqual({
      ok: true,
      body: {
        event: 'inv.change',
        ids: ['1750000000000000001', '1750000000000000002'],
        created_at: 1_700_000_000_000,
      },
    });
    const numeric = parsePushBody(
      '{"event":"inv.change","ids":[1750000000000000001],"created_at":1,"x":2}',
    );
    expect(numeric).toMatchObject({ ok: true, body: { ids: ['1750000000000000001'], x: 2 } });
    const many = JSON.stringify({
      event: 'inv.change',
      ids: Array.from({ length: 101 }, (_, i) => String(i + 1)),
      created_at: 1,
    });
    expect(parsePushBody(many)).toMatchObject({
      ok: false,
      message: expect.stringContaining('100'),
    });
    expect(parsePushBody('{"event":"inv.change","ids":["a b"],"created_at":1}')).toMatchObject({
      ok: false,
    });
    expect(parsePushBody('nope')).toEqual({ ok: false, message: 'body is not JSON' });
    expect(() => buildPushBody([], 1)).toThrow(RangeError);
  });
});
