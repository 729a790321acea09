/**
 * Request signing for load generation, with the providers' public exports only. Every request gets
 * its own timestamp and (Kingdee) nonce, as a real client sends them.
 */

import { createKingdeeClient } from '@inv/kingdee';
import {
  buildStringToSign,
  canonicalizeRawQuery,
  KINGDEE_AUTH_VERSION,
  KINGDEE_HEADERS,
  KINGDEE_SANDBOX_CREDENTIALS,
  KINGDEE_SIGN_HEADERS,
  signStringToSign,
} from '@inv/kingdee-protocol';
import {
  type BatchQueryData,
  buildRequestBody,
  canonicalData,
  computeSign,
  DEFAULT_UTC_OFFSET_MINUTES,
  formatWinitTimestamp,
  type SignedFields,
  WINIT_ACTIONS,
  WINIT_SANDBOX_CREDENTIALS,
} from '@inv/winit-protocol';
import type { LoadRequest } from './load.js';

/** A Kingdee app-token for the sandbox account, through the client's own token flow (§2). */
export async function kingdeeSession(
  baseURL: string,
): Promise<{ appToken: string; domain: string }> {
  const client = createKingdeeClient({
    clientId: KINGDEE_SANDBOX_CREDENTIALS.clientId,
    clientSecret: KINGDEE_SANDBOX_CREDENTIALS.clientSecret,
    outerInstanceId: KINGDEE_SANDBOX_CREDENTIALS.account.outerInstanceId,
    baseURL,
  });
  const session = await client.session();
  return { appToken: session.appToken, domain: session.domain };
}

/** The documented `inv_synchronous` request (§9.1, `ids=[],d=true`), sent verbatim. */
export const KINGDEE_SAMPLE_PATH = '/jdy/v2/inv/inv_synchronous';
export const KINGDEE_SAMPLE_QUERY = 'ids=[],d=true';

/**
 * Signed headers of one Kingdee business GET. Nonces come from a per-process counter seeded with
 * the clock: unique by construction, where 10 random digits would collide (birthday bound) at
 * load-test rates and be refused as replays.
 */
export function createKingdeeSigner(
  session: { appToken: string; domain: string },
  path = KINGDEE_SAMPLE_PATH,
  rawQuery = KINGDEE_SAMPLE_QUERY,
): () => Record<string, string> {
  const canonicalQuery = canonicalizeRawQuery(rawQuery);
  const { clientId, clientSecret } = KINGDEE_SANDBOX_CREDENTIALS;
  let counter = Date.now() * 1000;
  return () => {
    const nonce = String(++counter);
    const timestamp = String(Date.now());
    const signature = signStringToSign(
      clientSecret,
      buildStringToSign({ method: 'GET', path, canonicalQuery, nonce, timestamp }),
    );
    return {
      [KINGDEE_HEADERS.clientId]: clientId,
      [KINGDEE_HEADERS.authVersion]: KINGDEE_AUTH_VERSION,
      [KINGDEE_HEADERS.timestamp]: timestamp,
      [KINGDEE_HEADERS.nonce]: nonce,
      [KINGDEE_HEADERS.signHeaders]: KINGDEE_SIGN_HEADERS,
      [KINGDEE_HEADERS.signature]: signature,
      [KINGDEE_HEADERS.appToken]: session.appToken,
      [KINGDEE_HEADERS.routerAddr]: session.domain,
    };
  };
}

/** The batch.query of the throughput runs: ten SKUs of the default dataset in US0001 (§10.1). */
export const WINIT_BATCH_DATA: BatchQueryData = {
  warehouseCode: 'US0001',
  merchandises: Array.from({ length: 10 }, (_, i) => ({
    merchandiseCode: `SKU${String(i + 1).padStart(4, '0')}`,
  })),
};

/**
 * A signed Winit request body in app mode (both `sign` and `client_sign`, §4), with the current
 * timestamp. DATA is canonicalised once, as the client does (§5).
 */
export function createWinitSigner(
  data: unknown = WINIT_BATCH_DATA,
  action: string = WINIT_ACTIONS.batchQuery,
): () => string {
  const dataString = canonicalData(data);
  const { appKeys, token, clientId, clientSecret } = WINIT_SANDBOX_CREDENTIALS;
  const appKey = appKeys[0] as string;
  return () => {
    const fields: SignedFields = {
      action,
      app_key: appKey,
      format: 'json',
      platform: '',
      sign_method: 'md5',
      timestamp: formatWinitTimestamp(Date.now(), DEFAULT_UTC_OFFSET_MINUTES),
      version: '1.0',
    };
    return buildRequestBody(
      {
        ...fields,
        language: 'zh_CN',
        sign: computeSign(fields, dataString, token),
        client_id: clientId,
        client_sign: computeSign(fields, dataString, clientSecret),
      },
      dataString,
    );
  };
}

/**
 * The signed request of one provider's benchmark route on a sandbox at `baseURL`, counting any
 * success (profiling and A/B runs; benchmarks 1 and 5 also compare the answer bytes).
 */
export async function signedRouteRequest(
  provider: 'kingdee' | 'winit',
  baseURL: string,
): Promise<LoadRequest> {
  if (provider === 'kingdee') {
    const sign = createKingdeeSigner(await kingdeeSession(baseURL));
    return {
      method: 'GET',
      path: `${KINGDEE_SAMPLE_PATH}?${KINGDEE_SAMPLE_QUERY}`,
      headers: {},
      sign: () => ({ headers: sign() }),
      isOk: (status) => status === 200,
    };
  }
  const sign = createWinitSigner();
  return {
    method: 'POST',
    path: '/openapi/service',
    headers: { 'content-type': 'application/json' },
    sign: () => ({ body: sign() }),
    isOk: (_status, body) => body.startsWith('{"code":"0"'),
  };
}
