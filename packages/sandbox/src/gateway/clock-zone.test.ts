import {
  buildStringToSign,
  KINGDEE_SANDBOX_CREDENTIALS as KINGDEE,
  KINGDEE_PATHS,
  signStringToSign,
} from '@inv/kingdee-protocol';
import {
  buildRequestBody,
  computeSign,
  formatWinitTimestamp,
  type SignedFields,
  WINIT_SANDBOX_CREDENTIALS as WINIT,
} from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app.js';

// #15.5: a timestamp written in the wrong zone is named as such, on both gateways.
const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const { app } = createSandboxApp({ now: () => NOW });

async function winit(timestamp: string): Promise<{ code: string; msg: string }> {
  const fields: SignedFields = {
    action: 'winit.inventory.type.pageInv',
    app_key: 'demo@example.com',
    format: 'json',
    platform: '',
    sign_method: 'md5',
    timestamp,
    version: '1.0',
  };
  const body = buildRequestBody(
    { ...fields, language: 'zh_CN', sign: computeSign(fields, '{}', WINIT.token) },
    '{}',
  );
  const res = await app.request('/openapi/service', { method: 'POST', body });
  return (await res.json()) as { code: string; msg: string };
}

let nonce = 1000;
async function kingdee(timestamp: string): Promise<{ errcode: number; description: string }> {
  const path = KINGDEE_PATHS.invSynchronous;
  const n = String(nonce++);
  const stringToSign = buildStringToSign({
    method: 'GET',
    path,
    canonicalQuery: '',
    nonce: n,
    timestamp,
  });
  const res = await app.request(path, {
    headers: {
      'X-Api-ClientID': KINGDEE.clientId,
      'X-Api-Auth-Version': '2.0',
      'X-Api-TimeStamp': timestamp,
      'X-Api-Nonce': n,
      'X-Api-SignHeaders': 'X-Api-TimeStamp,X-Api-Nonce',
      'X-Api-Signature': signStringToSign(KINGDEE.clientSecret, stringToSign),
    },
  });
  return (await res.json()) as { errcode: number; description: string };
}

describe('timestamps in the wrong zone (#15.5)', () => {
  it.each([
    [0, 0, 'UTC+0'],
    [-5, 40_000, 'UTC-5'],
    [9, -55_000, 'UTC+9'],
  ])('a Winit timestamp in UTC%i (%i ms of skew besides) is named', async (zone, skew, named) => {
    const body = await winit(formatWinitTimestamp(NOW + skew, zone * 60));
    expect(body.code).toBe('1003');
    expect(body.msg).toContain(`it looks like ${named} time instead of UTC+8`);
  });

  it('a Winit timestamp off by a part of an hour names no zone', async () => {
    const body = await winit(formatWinitTimestamp(NOW + 30 * 60_000));
    expect(body.msg).not.toContain('it looks like');
  });

  it.each([
    [formatWinitTimestamp(NOW, 480), 'a UTC+8 date-time string'],
    [formatWinitTimestamp(NOW, 0).replace(' ', 'T'), 'a UTC+0 date-time string'],
    ['2023-11-14 30:00:00', 'a date-time string'],
  ])('a Kingdee timestamp sent as %s is named', async (timestamp, named) => {
    const body = await kingdee(timestamp);
    expect(body.errcode).toBe(4006);
    expect(body.description).toContain(`it looks like ${named}; send`);
  });

  it('Kingdee milliseconds of UTC+8 wall-clock time counted as UTC are named', async () => {
    const body = await kingdee(String(NOW + 8 * HOUR));
    expect(body.errcode).toBe(4006);
    expect(body.description).toContain('it looks like UTC+8 wall-clock time counted as UTC');
  });
});
