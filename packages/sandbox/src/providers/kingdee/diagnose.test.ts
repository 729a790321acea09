import {
  buildStringToSign,
  KINGDEE_SANDBOX_CREDENTIALS as CREDS,
  canonicalizeRawQuery,
  KINGDEE_PATHS,
  signStringToSign,
} from '@inv/kingdee-protocol';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../../app.js';

const T0 = 1_700_000_000_000;
const PATH = KINGDEE_PATHS.invSynchronous;
const NONCE = '1234567';
const TIMESTAMP = String(T0);
// Sent unsorted and form-encoded, as the Java SDK sends it (§4); values with ! * ( ) ~ : and space.
const PARAMS: [string, string][] = [
  ['search', "A B:1!*('~)"],
  ['page', '1'],
];
const RAW_QUERY = PARAMS.map(
  ([k, v]) => `${k}=${new URLSearchParams({ v }).toString().slice(2)}`,
).join('&');
const APP_TOKEN = 'a-token-from-kingdee_auth_token';

const sorted = (pairs: string[]): string => [...pairs].sort().join('&');
const line = (canonicalQuery: string): string =>
  buildStringToSign({
    method: 'GET',
    path: PATH,
    canonicalQuery,
    nonce: NONCE,
    timestamp: TIMESTAMP,
  });
const pyQuote = (text: string): string =>
  Array.from(Buffer.from(text, 'utf8'), (b) =>
    /[A-Za-z0-9\-_.~/]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
const right = line(canonicalizeRawQuery(RAW_QUERY));

/** The gateway headers of this file's request with `signature`; `session` adds the app token. */
function signedHeaders(signature: string, session = true): Record<string, string> {
  return {
    'X-Api-ClientID': CREDS.clientId,
    'X-Api-Auth-Version': '2.0',
    'X-Api-TimeStamp': TIMESTAMP,
    'X-Api-Nonce': NONCE,
    'X-Api-SignHeaders': 'X-Api-TimeStamp,X-Api-Nonce',
    'X-Api-Signature': signature,
    ...(session ? { 'app-token': APP_TOKEN, 'X-GW-Router-Addr': CREDS.account.domain } : {}),
  };
}

async function refusal(
  signature: string,
): Promise<{ status: number; description: string; mistake: unknown }> {
  const { app } = createSandboxApp({ now: () => T0 });
  const res = await app.request(`${PATH}?${RAW_QUERY}`, { headers: signedHeaders(signature) });
  const body = (await res.json()) as { errcode: number; description: string };
  expect(body.errcode).toBe(4008);
  const log = (await (await app.request('/_sandbox/requests')).json()) as {
    requests: { mistake?: string }[];
  };
  return { status: res.status, description: body.description, mistake: log.requests[0]?.mistake };
}

describe('kingdee signature diagnosis (issue #16)', () => {
  it.each([
    [
      'values encoded twice with encodeURIComponent',
      signStringToSign(
        CREDS.clientSecret,
        line(sorted(PARAMS.map(([k, v]) => `${k}=${encodeURIComponent(encodeURIComponent(v))}`))),
      ),
      'your client encodes query values twice with encodeURIComponent',
    ],
    [
      "values encoded twice with Python's quote",
      signStringToSign(
        CREDS.clientSecret,
        line(sorted(PARAMS.map(([k, v]) => `${k}=${pyQuote(pyQuote(v))}`))),
      ),
      'quote(quote(v))',
    ],
    [
      'encodeURIComponent once instead of gw/form encode',
      signStringToSign(
        CREDS.clientSecret,
        line(sorted(PARAMS.map(([k, v]) => `${k}=${encodeURIComponent(v)}`))),
      ),
      'encodes the query with encodeURIComponent once',
    ],
    [
      'url_query signed without the second gw_encode',
      signStringToSign(CREDS.clientSecret, line(sorted(RAW_QUERY.split('&')))),
      'signs url_query as sent',
    ],
    [
      'query signed as sent, unsorted',
      signStringToSign(
        CREDS.clientSecret,
        line(
          RAW_QUERY.split('&')
            .map((pair) => canonicalizeRawQuery(pair))
            .join('&'),
        ),
      ),
      'signs the query in the order it sends it',
    ],
    [
      'signed with the app-token instead of the client_secret',
      signStringToSign(APP_TOKEN, right),
      'signs with the app-token instead of the client_secret',
    ],
    [
      'missing final newline',
      signStringToSign(CREDS.clientSecret, right.slice(0, -1)),
      'leaves out the final newline',
    ],
    [
      'nonce and timestamp lines swapped',
      signStringToSign(
        CREDS.clientSecret,
        right.replace(
          `x-api-nonce:${NONCE}\nx-api-timestamp:${TIMESTAMP}\n`,
          `x-api-timestamp:${TIMESTAMP}\nx-api-nonce:${NONCE}\n`,
        ),
      ),
      'writes the x-api-timestamp line before x-api-nonce',
    ],
  ])('%s is named in the 4008 refusal', async (_name, signature, named) => {
    const { status, description } = await refusal(signature);
    expect(status).toBe(519);
    expect(description).toContain(named);
  });

  it('the request log names the mistake', async () => {
    const signature = signStringToSign(CREDS.clientSecret, right.slice(0, -1));
    expect((await refusal(signature)).mistake).toBe('missing-final-newline');
  });

  it('an unknown mistake keeps the general hint', async () => {
    const { description, mistake } = await refusal(signStringToSign('not-the-secret', right));
    expect(description).toContain('check client_secret');
    expect(mistake).toBeUndefined();
  });

  it('the right signature passes the signature check', async () => {
    const { app } = createSandboxApp({ now: () => T0 });
    const res = await app.request(`${PATH}?${RAW_QUERY}`, {
      headers: signedHeaders(signStringToSign(CREDS.clientSecret, right), false),
    });
    expect(((await res.json()) as { errcode: number }).errcode).not.toBe(4008);
  });
});
