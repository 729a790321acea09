import {
  buildStringToSign,
  gwEncode,
  KINGDEE_PATHS,
  KINGDEE_SANDBOX_CREDENTIALS,
} from '@inv/kingdee-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp, type SandboxApp } from './app.js';
import type { RequestDetail } from './request-detail.js';
import {
  authTokenQuery,
  kingdeeCredentialsSchema,
  type SignedSandboxRequest,
  signWinit,
  winitCredentialsSchema,
} from './request-signer.js';
import {
  doubleEncodedKingdeeRequest,
  goodKingdeeRequest,
  kingdeePostWithBody,
  SANDBOX_SECRETS,
  swappedSecretWinitRequest,
} from './test-support/inspected-requests.js';

const T0 = Date.UTC(2026, 0, 15, 4, 0, 0);

async function send(sandbox: SandboxApp, request: SignedSandboxRequest): Promise<RequestDetail> {
  await sandbox.app.request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const [entry] = sandbox.log.entries(1);
  const response = await sandbox.app.request(`/_sandbox/requests/${entry?.id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as RequestDetail;
}

const expectNoSecret = (value: unknown): void => {
  const text = JSON.stringify(value);
  for (const secret of SANDBOX_SECRETS) expect(text).not.toContain(secret);
};

describe('GET /_sandbox/requests/:id (request inspector detail)', () => {
  it('shows an accepted Kingdee request: redacted headers, query, string-to-sign in parts', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const request = goodKingdeeRequest(T0);
    const detail = await send(sandbox, request);
    expect(detail.request).toMatchObject({ provider: 'kingdee', status: 200, verdict: 'accepted' });
    expect(detail.headers['x-api-signature']).toBe('[redacted]');
    expect(detail.headers['x-api-clientid']).toBe('100100');
    expect(detail.query).toContain('app_signature=%5Bredacted%5D');
    const nonce = request.headers['X-Api-Nonce'] as string;
    // Shown, unlike in a recording: the string-to-sign below holds it, and a replay names it.
    expect(detail.headers['x-api-nonce']).toBe(nonce);
    expect(detail.stringToSign?.parts.map((part) => part.name)).toEqual([
      'method',
      'path',
      'canonical_query',
      'x-api-nonce',
      'x-api-timestamp',
    ]);
    expect(detail.stringToSign?.text).toBe(
      buildStringToSign({
        method: 'GET',
        path: KINGDEE_PATHS.authToken,
        canonicalQuery: detail.stringToSign?.parts[2]?.value ?? '',
        nonce,
        timestamp: String(T0),
      }),
    );
    expect(detail.signature).toBeUndefined();
    // app_signature never rotates (docs/protocols/kingdee.md §5.2): redacted in the string too.
    expect(detail.stringToSign?.parts[2]?.value).toMatch(
      /^app_key=abc&app_signature=%5Bredacted%5D$/,
    );
    const appSignature = authTokenQuery(kingdeeCredentialsSchema.parse({})).app_signature ?? '';
    expect(JSON.stringify(detail)).not.toContain(gwEncode(appSignature).slice(0, 40));
    expect(JSON.stringify(detail)).not.toContain(appSignature.slice(0, 40));
    expectNoSecret(detail);
  });

  it('shows a double-encoded Kingdee query: both signatures, the mistake, the first difference', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const request = doubleEncodedKingdeeRequest(T0);
    const detail = await send(sandbox, request);
    expect(detail.request).toMatchObject({
      code: '4008',
      field: 'X-Api-Signature',
      mistake: 'double-encoded-values',
    });
    expect(detail.refusal?.hint).toContain('encodes query values twice');
    expect(detail.signature?.carried).toBe(request.headers['X-Api-Signature']);
    expect(detail.signature?.expected).not.toBe(detail.signature?.carried);
    expect(detail.signature?.mistake).toMatchObject({
      name: 'double-encoded-values',
      difference: { part: 'canonical_query' },
    });
    expect(detail.signature?.mistake?.stringToSign).toContain('search=A%2520B%253A1!');
    expect(detail.signature?.mistake?.difference?.sandbox).toContain('A%2BB');
    expect(detail.stringToSign?.parts[2]).toEqual({
      name: 'canonical_query',
      value: 'page=1&search=A%2BB%253A1%2521',
    });
    expectNoSecret(detail);
  });

  it('shows a Winit sign made with the client secret with placeholders, never a secret', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const detail = await send(sandbox, swappedSecretWinitRequest(T0));
    expect(detail.request).toMatchObject({ code: '1004', mistake: 'swapped-secret' });
    expect(detail.stringToSign?.text).toMatch(/^\{token\}action.*\{token\}$/);
    expect(detail.signature?.mistake).toMatchObject({
      key: 'client_secret',
      difference: { at: 1, part: 'secret' },
    });
    expect(detail.signature?.mistake?.stringToSign).toMatch(/^\{client_secret\}action/);
    expect(detail.body).toContain('"sign":"[redacted]"');
    expect(detail.body).toContain('"client_sign":"[redacted]"');
    expectNoSecret(detail);
  });

  it('says when no known mistake reproduces the signature', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const request = goodKingdeeRequest(T0);
    request.headers['X-Api-Signature'] = Buffer.from('x'.repeat(64)).toString('base64');
    const detail = await send(sandbox, request);
    expect(detail.signature?.mistake).toBeUndefined();
    expect(detail.signature?.note).toMatch(/^no known client mistake/);
  });

  it('cuts a large body to the cap and says so', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const data = { merchandises: [{ merchandiseCode: 'X'.repeat(9000) }] };
    const credentials = winitCredentialsSchema.parse({});
    const detail = await send(
      sandbox,
      signWinit({ action: 'queryWarehouse', data, credentials, now: T0 }),
    );
    expect(detail.body).toMatch(/… \[cut: \d+ characters in all\]$/);
    expect(detail.body?.length).toBeLessThan(4200);
    const dataPart = detail.stringToSign?.parts.find((part) => part.name === 'data');
    expect(dataPart?.value).toMatch(/… \[cut: \d+ characters in all\]$/);
  });

  it('shows the body of a signed Kingdee POST', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const body = '{"outerInstanceId":"100000000000000001","note":"列表 1.10"}';
    const detail = await send(sandbox, kingdeePostWithBody(T0, body));
    expect(detail.request).toMatchObject({ provider: 'kingdee', method: 'POST', status: 200 });
    expect(detail.request.verdict).toBe('accepted');
    expect(detail.body).toBe(body);
  });

  it('redacts every secret member of a Kingdee body', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const { clientSecret, account } = KINGDEE_SANDBOX_CREDENTIALS;
    const body = JSON.stringify({
      client_secret: clientSecret,
      appSecret: account.appSecret,
      app_signature: 'c2lnbmF0dXJl',
      page: 1,
    });
    const detail = await send(sandbox, kingdeePostWithBody(T0, body));
    expect(detail.body).toBe(
      '{"client_secret":"[redacted]","appSecret":"[redacted]","app_signature":"[redacted]","page":1}',
    );
    expectNoSecret(detail);
  });

  it('cuts a large Kingdee body to the cap, redacting a secret the cut falls in', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    // The cut falls inside the secret's value, which holds the characters a value stops at.
    const secret = 'zq9 w,}'.repeat(100);
    const body = JSON.stringify({ pad: 'x'.repeat(4000), client_secret: secret });
    const detail = await send(sandbox, kingdeePostWithBody(T0, body));
    expect(detail.body).toMatch(
      new RegExp(`"client_secret":"\\[redacted\\]"… \\[cut: ${body.length} characters in all\\]$`),
    );
    expect(detail.body?.length).toBeLessThan(4200);
    expect(detail.body).not.toContain('zq9');
  });

  it('names the field and rule of a refusal raised by a Winit endpoint, logged under its action', async () => {
    const sandbox = createSandboxApp({ now: () => T0 });
    const credentials = winitCredentialsSchema.parse({});
    const detail = await send(
      sandbox,
      signWinit({ action: 'queryNothing', data: {}, credentials, now: T0 }),
    );
    expect(detail.request).toMatchObject({
      provider: 'winit',
      route: 'queryNothing',
      verdict: expect.stringContaining('action'),
      field: 'action',
    });
    expect(detail.request.rule).toBeTruthy();
    expect(detail.refusal).toMatchObject({ field: 'action' });
  });

  it('answers 404 for a request the log no longer holds', async () => {
    const { app } = createSandboxApp();
    const response = await app.request('/_sandbox/requests/7');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });
});
