/**
 * The token endpoints (docs/protocols/kingdee.md §2): `push_app_authorize` lists the accounts an app may
 * use; `kingdee_auth_token` checks `app_signature` (§5.2, §7 #11) and issues an app-token.
 */
import { randomBytes } from 'node:crypto';
import { computeAppSignature, constantTimeEqual } from '@inv/kingdee-protocol';
import { clip, Refusal } from '../../../gateway/refusal.js';
import { businessRefusal, invalidParameter, success } from '../envelope.js';
import type { KingdeeGatewayConfig } from '../options.js';
import { single } from '../params.js';
import type { TokenStore } from '../tokens.js';
import type { KingdeeEndpointHandler } from './endpoint.js';

const YEAR_MS = 365 * 86_400_000;
const APP_SIGNATURE = 'Base64(hex(HMAC-SHA256(key = appSecret, msg = app_key)))';

export function pushAppAuthorizeEndpoint(config: KingdeeGatewayConfig): KingdeeEndpointHandler {
  return {
    limits: {},
    handle(params, request) {
      const id = single(params, 'outerInstanceId');
      if (id instanceof Refusal) return id;
      if (id === undefined || !/^\d{1,32}$/.test(id)) {
        return invalidParameter(
          'outerInstanceId',
          id === undefined ? 'is missing' : `"${clip(id)}" is not digits`,
          'the account instance id (digits)',
        );
      }
      // An account the app is not authorised for yields an empty list, not an error.
      const data = config.accounts
        .filter((account) => account.outerInstanceId === id)
        .map((account) => ({
          appKey: account.appKey,
          appSecret: account.appSecret,
          domain: account.domain,
          status: 1,
          outerInstanceId: account.outerInstanceId,
          accountId: account.accountId ?? account.outerInstanceId,
          accountName: account.accountName ?? 'sandbox account',
          groupName: account.groupName ?? 'sandbox',
          serviceId: 'jdy',
          tid: account.outerInstanceId,
          instanceExpiresTime: request.now + YEAR_MS,
        }));
      return success(data, '成功');
    },
  };
}

export function authTokenEndpoint(
  config: KingdeeGatewayConfig,
  tokens: TokenStore,
): KingdeeEndpointHandler {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'sandbox' })).toString('base64url');
  return {
    limits: {},
    handle(params, request) {
      const appKey = single(params, 'app_key');
      if (appKey instanceof Refusal) return appKey;
      const appSignature = single(params, 'app_signature');
      if (appSignature instanceof Refusal) return appSignature;
      if (appKey === undefined || appKey === '') {
        return invalidParameter('app_key', 'is missing', 'the appKey from push_app_authorize');
      }
      if (appSignature === undefined || appSignature === '') {
        return invalidParameter('app_signature', 'is missing', APP_SIGNATURE);
      }
      const account = config.accounts.find((candidate) => candidate.appKey === appKey);
      if (!account) {
        return businessRefusal(
          '1030002006',
          'app_key',
          `"${clip(appKey)}" is not an authorised account`,
          'the appKey from push_app_authorize',
        );
      }
      const expected = computeAppSignature(account.appSecret, account.appKey);
      if (!constantTimeEqual(appSignature, expected)) {
        return businessRefusal(
          '1030002006',
          'app_signature',
          'does not match',
          `${APP_SIGNATURE} for the current appSecret`,
          'a stale appSecret: fetch it again with push_app_authorize',
        );
      }
      const issuedAt = request.now;
      const payload = Buffer.from(
        JSON.stringify({ acct: account.outerInstanceId, iat: issuedAt }),
      ).toString('base64url');
      const token = `${header}.${payload}.${randomBytes(18).toString('base64url')}`;
      const expiresAt = issuedAt + config.tokenLifetimeMs;
      tokens.issue(token, { clientId: request.clientId, account, expiresAt }, issuedAt);
      const data: Record<string, unknown> = {
        access_token: randomBytes(16).toString('hex'),
        'app-token': token,
        uid: 1,
      };
      if (!config.quirks.omitTokenExpires) data.expires = expiresAt;
      return success(data, '成功');
    },
  };
}
