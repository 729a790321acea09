import {
  buildRequestBody,
  WINIT_SANDBOX_CREDENTIALS as CREDS,
  canonicalData,
  computeSign,
  formatWinitTimestamp,
  type SignedFields,
} from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../../app.js';

const NOW = 1_700_000_000_000;
const FIELDS: SignedFields = {
  action: 'winit.inventory.type.pageInv',
  app_key: 'demo@example.com',
  format: 'json',
  platform: '',
  sign_method: 'md5',
  timestamp: formatWinitTimestamp(NOW),
  version: '1.0',
};
// Keys out of order and a null member, as a client's own serialiser may write them.
const DATA_TEXT = '{"warehouseCodes":"US0001","pageParams":{"pageSize":10,"pageNo":1},"sku":null}';
const DATA = canonicalData(JSON.parse(DATA_TEXT));

async function post(
  sign: { data?: string; key?: string },
  clientSign?: { data?: string; key?: string },
): Promise<{ code: string; msg: string; mistake: unknown }> {
  const body = buildRequestBody(
    {
      ...FIELDS,
      language: 'zh_CN',
      sign: computeSign(FIELDS, sign.data ?? DATA, sign.key ?? CREDS.token),
      client_id: clientSign ? CREDS.clientId : undefined,
      client_sign: clientSign
        ? computeSign(FIELDS, clientSign.data ?? DATA, clientSign.key ?? CREDS.clientSecret)
        : undefined,
    },
    DATA_TEXT,
  );
  const { app } = createSandboxApp({ now: () => NOW });
  const res = await app.request('/openapi/service', { method: 'POST', body });
  const answer = (await res.json()) as { code: string; msg: string };
  const log = (await (await app.request('/_sandbox/requests')).json()) as {
    requests: { mistake?: string }[];
  };
  return { ...answer, mistake: log.requests[0]?.mistake };
}

describe('winit signature diagnosis (issue #16)', () => {
  it.each([
    [
      'data keys in another order',
      { data: '{"warehouseCodes":"US0001","pageParams":{"pageSize":10,"pageNo":1}}' },
      'signs data with its keys in another order',
    ],
    [
      'nulls kept',
      { data: '{"pageParams":{"pageNo":1,"pageSize":10},"sku":null,"warehouseCodes":"US0001"}' },
      'signs data with its null members kept',
    ],
    ['data signed as sent', { data: DATA_TEXT }, 'signs the data text as it sends it'],
  ])('sign over %s is named in the 1004 refusal', async (_name, sign, named) => {
    const body = await post(sign);
    expect(body.code).toBe('1004');
    expect(body.msg).toContain(named);
  });

  it('sign computed with the client_secret is named', async () => {
    const body = await post({ key: CREDS.clientSecret }, {});
    expect(body.code).toBe('1004');
    expect(body.msg).toContain('your client computes sign with the client_secret');
  });

  it('client_sign computed with the token is named', async () => {
    const body = await post({}, { key: CREDS.token });
    expect(body.code).toBe('1005');
    expect(body.mistake).toBe('swapped-secret');
    expect(body.msg).toContain('your client computes client_sign with the token');
  });

  it('client_sign over data in another key order is named', async () => {
    const body = await post(
      {},
      { data: '{"warehouseCodes":"US0001","pageParams":{"pageSize":10,"pageNo":1}}' },
    );
    expect(body.code).toBe('1005');
    expect(body.msg).toContain('signs data with its keys in another order');
  });

  it('an unknown mistake names none', async () => {
    const body = await post({ key: 'not-a-secret' });
    expect(body.code).toBe('1004');
    expect(body.msg).not.toContain('your client');
  });

  it('a request signed correctly is accepted', async () => {
    expect((await post({})).code).toBe('0');
  });
});
