import { KINGDEE_PATHS } from '@inv/kingdee-protocol';
import {
  WINIT_ACTIONS,
  WINIT_SAMPLE_REQUEST_ATTRIBUTES,
  WINIT_SAMPLE_RESPONSE,
} from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';
import type { SignAnswer } from './sign-endpoint.js';

const ORIGIN = 'http://127.0.0.1:4010';

async function sign(
  app: ReturnType<typeof createSandboxApp>['app'],
  body: unknown,
): Promise<Response> {
  return app.request(`${ORIGIN}/_sandbox/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function send(
  app: ReturnType<typeof createSandboxApp>['app'],
  signed: SignAnswer,
): Promise<Record<string, unknown>> {
  const response = await app.request(`${ORIGIN}${signed.url}`, {
    method: signed.method,
    headers: signed.headers,
    body: signed.body,
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('POST /_sandbox/sign', () => {
  it('signs a Kingdee business request with an app-token from the sandbox token flow', async () => {
    const { app, log } = createSandboxApp();
    const response = await sign(app, {
      provider: 'kingdee',
      method: 'GET',
      path: KINGDEE_PATHS.scmInventory,
      query: { page: 1, page_size: '2' },
    });
    expect(response.status).toBe(200);
    const signed = (await response.json()) as SignAnswer;
    expect(signed.url).toBe(`${KINGDEE_PATHS.scmInventory}?page=1&page_size=2`);
    expect(signed.headers['app-token']).toMatch(/\./);
    expect(log.entries().map((entry) => entry.route)).toEqual([KINGDEE_PATHS.authToken]);
    const answer = await send(app, signed);
    expect(answer.errcode).toBe(0);
    expect((answer.data as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it('gives a fresh timestamp and nonce on every call', async () => {
    let now = 1_800_000_000_000;
    const { app } = createSandboxApp({ now: () => now });
    const input = { provider: 'kingdee', method: 'POST', path: KINGDEE_PATHS.pushAppAuthorize };
    const first = (await (await sign(app, input)).json()) as SignAnswer;
    now += 1000;
    const second = (await (await sign(app, input)).json()) as SignAnswer;
    expect(first.headers['X-Api-TimeStamp']).toBe('1800000000000');
    expect(second.headers['X-Api-TimeStamp']).toBe('1800000001000');
    expect(first.headers['X-Api-Nonce']).not.toBe(second.headers['X-Api-Nonce']);
    expect(first.headers['app-token']).toBeUndefined();
  });

  it('signs a Winit envelope from its action and data, whatever sign and timestamp it carried', async () => {
    const { app } = createSandboxApp();
    const response = await sign(app, { provider: 'winit', body: WINIT_SAMPLE_REQUEST_ATTRIBUTES });
    const signed = (await response.json()) as SignAnswer;
    expect(signed.url).toBe('/openapi/service');
    const envelope = JSON.parse(signed.body ?? '') as Record<string, string>;
    expect(envelope.sign).not.toBe(WINIT_SAMPLE_REQUEST_ATTRIBUTES.sign);
    expect(envelope.timestamp).not.toMatch(/^2021-/);
    expect(await send(app, signed)).toEqual(WINIT_SAMPLE_RESPONSE);
  });

  it('signs with the credentials given, in Winit app mode too', async () => {
    const { app } = createSandboxApp();
    const response = await sign(app, {
      provider: 'winit',
      body: { action: WINIT_ACTIONS.queryWarehouse, data: '' },
      credentials: {
        appKey: 'rebecca',
        token: '0123456789ABCDEF0123456789ABCDEF',
        clientId: 'FAKECLIENTID',
        clientSecret: 'FAKECLIENTSECRET==',
      },
    });
    const signed = (await response.json()) as SignAnswer;
    expect(JSON.parse(signed.body ?? '')).toMatchObject({
      app_key: 'rebecca',
      client_id: 'FAKECLIENTID',
    });
    expect((await send(app, signed)).code).toBe('0');
  });

  it('answers 400 naming the refusal when the Kingdee account credentials are wrong', async () => {
    const { app } = createSandboxApp();
    const response = await sign(app, {
      provider: 'kingdee',
      method: 'GET',
      path: KINGDEE_PATHS.invSynchronous,
      query: { ids: '[]' },
      credentials: { appSecret: 'not-the-secret' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /kingdee_auth_token refused the credentials \(errcode 1030002006\)/,
    );
  });

  it('answers 400 with the field and rule for malformed input', async () => {
    const { app } = createSandboxApp();
    const response = await sign(app, { provider: 'kingdee', method: 'GET', path: 'jdy' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: string[] };
    expect(body.issues.join('\n')).toMatch(/^path: path starts with "\/"/m);
    const notJson = await app.request(`${ORIGIN}/_sandbox/sign`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });
});
