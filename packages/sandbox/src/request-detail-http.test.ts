/**
 * The request inspector's detail of a Kingdee GET with a JSON body (docs/protocols/kingdee.md
 * §11.5), over real HTTP: fetch and `app.request()` cannot send a body on a GET.
 */
import { KINGDEE_PATHS, KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from './request-detail.js';
import { type RunningSandbox, startSandbox } from './start.js';
import { kingdeeTokenOver, signedGetWithBody } from './test-support/kingdee-http.js';

const T0 = Date.UTC(2026, 0, 15, 4, 0, 0);
let sandbox: RunningSandbox;
let appToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => T0 });
  ({ appToken } = await kingdeeTokenOver(sandbox.url, T0));
});

afterAll(() => sandbox.close());

describe('GET /_sandbox/requests/:id of a Kingdee GET with a body', () => {
  it('shows the body the sandbox read as parameters, secret members redacted', async () => {
    const path = KINGDEE_PATHS.invSynchronous;
    const { appSecret } = KINGDEE_SANDBOX_CREDENTIALS.account;
    const body = `{"page":1,"page_size":10,"appSecret":"${appSecret}"}`;
    const answer = await signedGetWithBody(sandbox.url, path, body, { appToken, now: T0 });
    expect(answer.status).toBe(200);
    const [entry] = sandbox.log.entries(1);
    expect(entry).toMatchObject({ provider: 'kingdee', route: path, status: 200 });
    const response = await fetch(`${sandbox.url}/_sandbox/requests/${entry?.id}`);
    const detail = (await response.json()) as RequestDetail;
    expect(detail.body).toBe('{"page":1,"page_size":10,"appSecret":"[redacted]"}');
    expect(JSON.stringify(detail)).not.toContain(appSecret);
  });
});
