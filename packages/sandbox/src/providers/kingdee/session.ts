/**
 * The session of a business call (docs/protocols/kingdee.md §7 #8–#10): the account's domain in
 * `X-GW-Router-Addr` and an unexpired app-token issued to the calling client.
 */
import { KINGDEE_HEADERS } from '@inv/kingdee-protocol';
import type { Check } from '../../gateway/pipeline.js';
import { clip } from '../../gateway/refusal.js';
import { requestHeader } from '../../http.js';
import { businessRefusal, gatewayRefusal } from './envelope.js';
import type { KingdeeRequest } from './request.js';
import type { TokenStore } from './tokens.js';

const TOKEN_SOURCE = 'the app-token of kingdee_auth_token';

/** `checkSession`: token paths pass; business paths need the router address and an app-token. */
export function sessionCheck(tokens: TokenStore): Check<KingdeeRequest> {
  return (request) => {
    if (!request.route.business) return undefined;
    const router = requestHeader(request.c, KINGDEE_HEADERS.routerAddr);
    if (router === undefined || router.trim() === '') {
      return gatewayRefusal(
        '5003',
        'X-GW-Router-Addr',
        'is missing',
        'the account domain from push_app_authorize, e.g. https://tf.jdy.com',
      );
    }
    const token = requestHeader(request.c, KINGDEE_HEADERS.appToken);
    const issued = token === undefined ? undefined : tokens.get(token);
    if (token === undefined) {
      return businessRefusal('1000202002', 'header app-token', 'is missing', TOKEN_SOURCE);
    }
    if (!issued) {
      return businessRefusal(
        '1000202002',
        'app-token',
        'is unknown to the sandbox',
        TOKEN_SOURCE,
        'issued by another sandbox run, or forgotten: each client_id + account keeps its latest tokens only',
      );
    }
    if (issued.clientId !== request.clientId) {
      return businessRefusal(
        '1000202002',
        'app-token',
        `was issued to another client_id, not ${request.clientId}`,
        `${TOKEN_SOURCE} issued to ${request.clientId}`,
      );
    }
    if (request.now >= issued.expiresAt) {
      return businessRefusal(
        '1000202001',
        'app-token',
        `expired ${request.now - issued.expiresAt} ms ago`,
        'a new app-token from kingdee_auth_token',
      );
    }
    const domain = issued.account.domain.replace(/\/+$/, '');
    if (router.replace(/\/+$/, '') !== domain) {
      return gatewayRefusal(
        '5003',
        'X-GW-Router-Addr',
        `"${clip(router)}" is not the domain of this app-token's account`,
        domain,
      );
    }
    request.session = issued;
    return undefined;
  };
}
