import { WINIT_ACTIONS, WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT } from '@inv/winit-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp, type SandboxAppOptions } from '../app.js';
import {
  kingdeeAuthTokenRequest,
  winitBatchQueryRequest,
} from '../test-support/signed-requests.js';

const T0 = Date.UTC(2024, 5, 1, 4, 0, 0);
function winitCall(options: SandboxAppOptions = {}) {
  const sandbox = createSandboxApp({ now: () => T0, ...options });
  /** A batch.query of `merchandiseCode`, with extra headers, signed with `token` when given. */
  const call = async (
    merchandiseCode: string,
    headers: Record<string, string> = {},
    token?: string,
  ): Promise<{ status: number; body: { code: string; msg: string; data: unknown } }> => {
    const signed = winitBatchQueryRequest(merchandiseCode, T0, token);
    const res = await sandbox.app.request(signed.url, {
      method: 'POST',
      headers: { ...signed.headers, ...headers },
      body: signed.body,
    });
    return { status: res.status, body: JSON.parse(await res.text()) };
  };
  return { sandbox, call };
}

describe('stubs', () => {
  it('answers a matching verified request with a documented example, a number of times', async () => {
    const { sandbox, call } = winitCall({
      stubs: [
        {
          provider: 'winit',
          action: WINIT_ACTIONS.batchQuery,
          params: { merchandises: [{ merchandiseCode: 'STUBBED' }] },
          example: 'winit-aggregated',
          times: 1,
        },
      ],
    });
    const first = await call('STUBBED');
    expect(first.body).toEqual(JSON.parse(WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT));
    // Used up: the endpoint answers again.
    expect((await call('STUBBED')).body).not.toEqual(first.body);
    // Another request does not match.
    expect((await call('OTHER')).body.code).toBe('0');
    expect(sandbox.stubs.current().stubs[0]?.remaining).toBe(0);
  });

  it('checks the signature first: a badly signed request is refused, not stubbed', async () => {
    const { call } = winitCall({ stubs: [{ provider: 'winit', example: 'winit-aggregated' }] });
    expect((await call('A', {}, 'not-the-token')).body.code).toBe('1004');
    expect((await call('A', { 'x-sandbox-code': '1006' }, 'not-the-token')).body.code).toBe('1004');
  });

  it('answers a body with a status, and a code in the provider envelope', async () => {
    const { call, sandbox } = winitCall();
    sandbox.stubs.configure([
      { provider: 'winit', body: { code: '0', msg: 'ok', data: [] }, status: 200 },
    ]);
    expect((await call('A')).body).toEqual({ code: '0', msg: 'ok', data: [] });
    sandbox.stubs.configure([{ provider: 'winit', code: '2001' }]);
    const coded = await call('A');
    expect(coded.body.code).toBe('2001');
    expect(coded.body.msg).toMatch(/^参数校验失败/);
  });

  it('picks an example or a code for one request by header, and refuses unknown names with the list', async () => {
    const { call } = winitCall();
    expect((await call('A', { 'x-sandbox-example': 'winit-aggregated' })).body).toEqual(
      JSON.parse(WINIT_SAMPLE_RESPONSE_AGGREGATE_TEXT),
    );
    const limited = await call('A', { 'x-sandbox-code': '1006' });
    expect(limited.body).toMatchObject({ code: '1006', data: '' });
    const unknown = await call('A', { 'x-sandbox-example': 'nope' });
    expect(unknown.body.code).toBe('1001');
    expect(unknown.body.msg).toContain('winit-attributes, winit-aggregated');
    const badCode = await call('A', { 'x-sandbox-code': '42' });
    expect(badCode.body.msg).toContain('1006');
  });

  it('PUT/GET/DELETE /_sandbox/stubs, refusing an unknown example with the valid ones', async () => {
    const { sandbox, call } = winitCall();
    const put = (body: unknown) =>
      sandbox.app.request('/_sandbox/stubs', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await put([{ provider: 'winit', example: 'kingdee-inv-synchronous' }]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: string[] }).issues.join()).toContain(
      'winit-aggregated',
    );
    expect((await put([{ provider: 'winit', code: '9999', latencyMs: 1 }])).status).toBe(200);
    const listed = (await (await sandbox.app.request('/_sandbox/stubs')).json()) as {
      stubs: unknown[];
      examples: string[];
    };
    expect(listed.stubs).toHaveLength(1);
    expect(listed.examples).toContain('winit-aggregated');
    expect((await call('A')).body.code).toBe('9999');
    await sandbox.app.request('/_sandbox/stubs', { method: 'DELETE' });
    expect((await call('A')).body.code).toBe('0');
  });
});

describe('stubs on the Kingdee gateway', () => {
  it('answers X-Sandbox-Code in the Kingdee envelope after the signature check', async () => {
    const { app } = createSandboxApp({ now: () => T0 });
    // A fresh nonce per request: the gateway refuses a replayed one first.
    const sign = () => kingdeeAuthTokenRequest(T0);
    const signed = sign();
    const coded = await app.request(signed.url, {
      headers: { ...signed.headers, 'x-sandbox-code': '4008' },
    });
    expect(coded.status).toBe(519);
    expect(await coded.json()).toMatchObject({ errcode: 4008 });
    const again = sign();
    const unknown = await app.request(again.url, {
      headers: { ...again.headers, 'x-sandbox-example': 'winit-aggregated' },
    });
    expect(await unknown.json()).toMatchObject({ errcode: 2000001000 });
  });
});
