/**
 * The signed headers of a Kingdee request (docs/protocols/kingdee.md §3, §5.3), checked in the order of
 * §7 #3–#7: auth version and client (identify), timestamp (clock), sign headers and nonce
 * (replay), then the signature. The clock and the nonce come before the signature, as §7 lists
 * them: a stale or replayed request is refused without computing an HMAC.
 */
import {
  buildStringToSign,
  canonicalizeDecodedQuery,
  canonicalizeRawQuery,
  constantTimeEqual,
  KINGDEE_AUTH_VERSION,
  KINGDEE_HEADERS,
  kingdeeReference,
  signStringToSign,
} from '@inv/kingdee-protocol';
import { zoneName, zoneOfDrift } from '../../gateway/clock-hint.js';
import type { Check } from '../../gateway/pipeline.js';
import { clip } from '../../gateway/refusal.js';
import { signatureFailure } from '../../gateway/signature-failure.js';
import { requestHeader } from '../../http.js';
import { createNonceStore, type NonceStore } from '../../nonce-store.js';
import { diagnoseKingdeeSignature } from './diagnose.js';
import { gatewayRefusal } from './envelope.js';
import { inspectedParts, inspectedStringToSign } from './inspected-parts.js';
import { KINGDEE_DEFAULT_TIMESTAMP_WINDOW_MS, type KingdeeGatewayConfig } from './options.js';
import type { KingdeeRequest } from './request.js';

/** Per client: 333 requests/s sustained over the default 5-minute window (≈ 4 MB, fixed). */
const MAX_TRACKED_NONCES = 100_000;

const MILLISECONDS = 'the current time in milliseconds since the epoch';

export interface KingdeeVerifier {
  /** §7 #3–#4: auth version 2.0 and a known client_id. */
  identify: Check<KingdeeRequest>;
  /** §7 #5: `X-Api-TimeStamp` within the window. */
  checkClock: Check<KingdeeRequest>;
  /** §7 #6: sign headers, a well-formed nonce not used within the window. */
  checkReplay: Check<KingdeeRequest>;
  /** §7 #7: the signature over the string-to-sign; remembers the nonce once it verified. */
  verifySignature: Check<KingdeeRequest>;
  /** Nonces tracked over all clients (each client's store is a fixed table). */
  nonceCount(): number;
}

export function createKingdeeVerifier(config: KingdeeGatewayConfig): KingdeeVerifier {
  const { clients, timestampWindowMs: window, strictDecode } = config;
  const nonceWindow = window === false ? KINGDEE_DEFAULT_TIMESTAMP_WINDOW_MS : window;
  const nonces = new Map<string, NonceStore>();
  const header = (request: KingdeeRequest, name: string): string | undefined =>
    requestHeader(request.c, name);

  return {
    nonceCount() {
      let count = 0;
      for (const store of nonces.values()) count += store.size;
      return count;
    },

    identify(request) {
      const version = header(request, KINGDEE_HEADERS.authVersion);
      if (version !== KINGDEE_AUTH_VERSION) {
        return gatewayRefusal(
          '4001',
          'X-Api-Auth-Version',
          version === undefined ? 'is missing' : `"${clip(version)}" is not supported`,
          `"${KINGDEE_AUTH_VERSION}"`,
        );
      }
      const clientId = header(request, KINGDEE_HEADERS.clientId);
      if (clientId === undefined || clientId.trim() === '') {
        return gatewayRefusal('4002', 'X-Api-ClientID', 'is missing', 'the client_id of your app');
      }
      const secret = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
      if (secret === undefined) {
        return gatewayRefusal(
          '4003',
          'X-Api-ClientID',
          `"${clip(clientId)}" is not a known client_id`,
          `one the sandbox accepts: ${Object.keys(clients).join(', ')}`,
        );
      }
      request.clientId = clientId;
      request.secret = secret;
      return undefined;
    },

    checkClock(request) {
      const timestamp = header(request, KINGDEE_HEADERS.timestamp);
      if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp)) {
        return gatewayRefusal(
          '4006',
          'X-Api-TimeStamp',
          timestamp === undefined ? 'is missing' : `"${clip(timestamp)}" is not digits`,
          MILLISECONDS,
          timestamp === undefined ? undefined : dateTimeHint(timestamp, request.now),
        );
      }
      request.timestamp = timestamp;
      if (window === false) return undefined;
      const { now } = request;
      const skew = Number(timestamp) - now;
      if (Math.abs(skew) <= window) return undefined;
      return gatewayRefusal(
        '4006',
        'X-Api-TimeStamp',
        `${timestamp} is ${Math.abs(skew)} ms ${skew < 0 ? 'behind' : 'ahead of'} the sandbox clock ${now}`,
        `within ±${window} ms`,
        timestamp.length <= 10 ? 'it looks like seconds; send milliseconds' : localEpochHint(skew),
      );
    },

    checkReplay(request) {
      const signHeaders = header(request, KINGDEE_HEADERS.signHeaders);
      if (signHeaders === undefined) {
        return gatewayRefusal(
          '4007',
          'X-Api-SignHeaders',
          'is missing',
          '"X-Api-TimeStamp,X-Api-Nonce"',
        );
      }
      if (!namesNonceAndTimestamp(signHeaders)) {
        return gatewayRefusal(
          '4007',
          'X-Api-SignHeaders',
          `"${clip(signHeaders)}" must name exactly X-Api-TimeStamp and X-Api-Nonce`,
          'both, in any order or case',
        );
      }
      const nonce = header(request, KINGDEE_HEADERS.nonce);
      if (nonce === undefined || !/^\d{1,32}$/.test(nonce) || /^0+$/.test(nonce)) {
        return gatewayRefusal(
          '4007',
          'X-Api-Nonce',
          nonce === undefined ? 'is missing' : `"${clip(nonce)}" is not a positive integer`,
          'a random positive integer in decimal digits',
        );
      }
      request.nonce = nonce;
      if (config.allowNonceReplay) return undefined;
      const { now, clientId } = request;
      const seen = nonces.get(clientId)?.seenAt(nonce, now);
      if (seen === undefined) return undefined;
      return gatewayRefusal(
        '4007',
        'X-Api-Nonce',
        `${nonce} was already used by client_id ${clientId} ${now - seen} ms ago`,
        `a fresh nonce for every request (retries included) within the ${nonceWindow} ms window`,
      );
    },

    verifySignature(request) {
      const signature = header(request, KINGDEE_HEADERS.signature);
      if (signature === undefined || signature === '') {
        return gatewayRefusal(
          '4008',
          'X-Api-Signature',
          'is missing',
          `the signature of ${kingdeeReference('5.1')}`,
        );
      }
      let canonicalQuery: string;
      if (strictDecode) {
        const decoded = canonicalizeDecodedQuery(request.rawQuery);
        if (!decoded.ok) {
          return gatewayRefusal(
            '4008',
            'X-Api-Signature',
            'cannot be verified',
            undefined,
            decoded.reason,
          );
        }
        canonicalQuery = decoded.canonicalQuery;
      } else {
        canonicalQuery = canonicalizeRawQuery(request.rawQuery);
      }
      request.canonicalQuery = canonicalQuery;
      const { method, path, nonce, timestamp } = request;
      const signed = { method, path, canonicalQuery, nonce, timestamp };
      const stringToSign = buildStringToSign(signed);
      const expected = signStringToSign(request.secret, stringToSign);
      if (!constantTimeEqual(signature, expected)) {
        const mistake = diagnoseKingdeeSignature({
          ...request,
          appToken: header(request, KINGDEE_HEADERS.appToken),
          signature,
        });
        return gatewayRefusal(
          '4008',
          'X-Api-Signature',
          `does not match the string-to-sign the sandbox built (${strictDecode ? 'decoded' : 'raw'} query model; base64 in header ${KINGDEE_HEADERS.mockStringToSign})`,
          undefined,
          mistake?.hint ??
            'check client_secret, gw_encode/form_encode of the query, the sort, and the trailing newline',
          {
            [KINGDEE_HEADERS.mockStringToSign]: Buffer.from(stringToSign, 'utf8').toString(
              'base64',
            ),
          },
          signatureFailure(
            inspectedParts(signed),
            expected,
            signature,
            mistake && { ...mistake, stringToSign: inspectedStringToSign(mistake.stringToSign) },
          ),
        );
      }
      // A nonce counts as used once its request authenticated: a forged request burns none.
      let store = nonces.get(request.clientId);
      if (!store) {
        store = createNonceStore({ capacity: MAX_TRACKED_NONCES, windowMs: nonceWindow });
        nonces.set(request.clientId, store);
      }
      store.remember(nonce, request.now, Number(timestamp));
      return undefined;
    },
  };
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** #15.5: a date-time string instead of epoch milliseconds, named with the zone it was written in. */
function dateTimeHint(timestamp: string, now: number): string | undefined {
  const match = LOCAL_DATE_TIME.exec(timestamp);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  const wallClock = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  const drift = wallClock - now;
  const zone = Math.abs(drift) <= 60_000 ? 0 : zoneOfDrift(drift, 0);
  const what = zone === undefined ? 'a date-time string' : `a ${zoneName(zone)} date-time string`;
  return `it looks like ${what}; send ${MILLISECONDS} (${kingdeeReference('3')})`;
}

/** #15.5: epoch milliseconds of local wall-clock time read as UTC are off by whole hours. */
function localEpochHint(skew: number): string | undefined {
  const zone = zoneOfDrift(skew, 0);
  return zone === undefined
    ? undefined
    : `it looks like ${zoneName(zone)} wall-clock time counted as UTC; send Date.now(), which is zone-free (${kingdeeReference('3')})`;
}

/** §3: `X-Api-SignHeaders` names exactly the timestamp and the nonce, in any order or case. */
function namesNonceAndTimestamp(signHeaders: string): boolean {
  const named = signHeaders
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  return named.length === 2 && named.includes('x-api-timestamp') && named.includes('x-api-nonce');
}
