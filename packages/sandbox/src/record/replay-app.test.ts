import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WINIT_SANDBOX_CREDENTIALS as WINIT, WINIT_ACTIONS } from '@inv/winit-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app.js';
import { signWinit } from '../request-signer.js';
import { winitMatchKey } from './match-key.js';
import type { RecordedExchange } from './recording-schema.js';

const NOW = Date.UTC(2024, 0, 1);
const DATA = { warehouseCode: 'DE0001' };
const RECORDED_ANSWER = '{"code":"0","msg":"recorded","data":{"qty":1.10}}';

describe('replay inside the gateway pipeline', () => {
  let dir = '';
  let file = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inv-replay-'));
    file = join(dir, 'recording.jsonl');
    const key = winitMatchKey(WINIT_ACTIONS.queryWarehouse, DATA);
    const exchange: RecordedExchange = {
      version: 1,
      provider: 'winit',
      route: key.route,
      params: key.params.map(([n, v]) => [n, v]),
      request: { method: 'POST', path: '/openapi/service', query: '', headers: {}, body: '' },
      answer: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: RECORDED_ANSWER,
      },
    };
    await writeFile(file, `${JSON.stringify(exchange)}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const post = (token: string) => {
    const { app } = createSandboxApp({ now: () => NOW, replay: { file } });
    const signed = signWinit({
      action: WINIT_ACTIONS.queryWarehouse,
      data: DATA,
      credentials: { appKey: WINIT.appKeys[0], token },
      now: NOW,
    });
    return app.request(signed.url, { method: 'POST', headers: signed.headers, body: signed.body });
  };

  it('answers a correctly signed request with the recorded bytes', async () => {
    expect(await (await post(WINIT.token)).text()).toBe(RECORDED_ANSWER);
  });

  it('still refuses a request signed with the wrong token before replaying', async () => {
    const body = (await (await post('FEDCBA9876543210FEDCBA9876543210')).json()) as {
      code: string;
    };
    expect(body.code).not.toBe('0');
    expect(JSON.stringify(body)).not.toContain('recorded');
  });

  it('refuses record and replay together', () => {
    expect(() => createSandboxApp({ replay: { file }, record: { file, upstream: {} } })).toThrow(
      /record first, then replay/,
    );
  });
});
