/**
 * The credentials of a Winit request, checked in the order of docs/protocols/winit.md §7 #2–#5: known
 * app_key and client_id (identify), the timestamp (clock), then `sign` and `client_sign`
 * (signature). Winit sends no nonce (§2), so there is no replay step; the clock comes before the
 * signature as §7 lists it, so a stale request is refused without an MD5.
 */
import {
  buildStringToSign,
  CLIENT_SECRET_PLACEHOLDER,
  computeSign,
  formatWinitTimestamp,
  isEmptyData,
  parseWinitTimestamp,
  signaturesEqual,
  stringToSignParts,
  TOKEN_PLACEHOLDER,
  WINIT_CODES,
  winitReference,
} from '@inv/winit-protocol';
import { zoneName, zoneOfDrift } from '../../gateway/clock-hint.js';
import type { Check } from '../../gateway/pipeline.js';
import { quote } from '../../gateway/refusal.js';
import { type SignatureFailure, signatureFailure } from '../../gateway/signature-failure.js';
import { diagnoseWinitSignature, type SecretKey } from './diagnose.js';
import { winitRefusal } from './envelope.js';
import type { WinitGatewayConfig } from './options.js';
import { rawTopLevelMember } from './raw-member.js';
import type { WinitRequest } from './request.js';

/** #15.5: a drift of whole hours is a timestamp written in another zone (the Go client's host zone). */
function zoneHint(drift: number, offset: number, zone: string): string | undefined {
  const sent = zoneOfDrift(drift, offset);
  return sent === undefined
    ? undefined
    : `it looks like ${zoneName(sent)} time instead of ${zone}: format the timestamp in ${zone}, not the host's zone (${winitReference('9')})`;
}

/**
 * What the inspector shows of a refused `sign` or `client_sign` (issue #16): the sandbox's
 * string-to-sign with the secret as a placeholder, both signatures, and the client's mistake when
 * one reproduces `signature`.
 */
function failure(
  request: WinitRequest,
  field: 'sign' | 'client_sign',
  expected: string,
  signature: string,
): SignatureFailure {
  const token: SecretKey = { name: 'token', value: request.token };
  const secret: SecretKey | undefined =
    request.clientSecret === undefined
      ? undefined
      : { name: 'client_secret', value: request.clientSecret };
  const [key, otherKey] = field === 'sign' ? [token, secret] : [secret ?? token, token];
  const mistake = diagnoseWinitSignature({ ...request, key, otherKey, field, signature });
  const placeholder = field === 'sign' ? TOKEN_PLACEHOLDER : CLIENT_SECRET_PLACEHOLDER;
  const parts = stringToSignParts(request.fields, request.dataString, placeholder);
  return signatureFailure(parts, expected, signature, mistake);
}

/** Debug header of a 1004/1005 refusal: base64 of the string-to-sign with the secret masked (§7). */
export const WINIT_STRING_TO_SIGN_HEADER = 'X-Winit-Mock-String-To-Sign';

const HEX32 = /^[0-9A-F]{32}$/;
const MD5_HEX = '32 uppercase hex digits (MD5)';

export interface WinitVerifier {
  /** §7 #2: a known app_key, and a known client_id when one is sent. */
  identify: Check<WinitRequest>;
  /** §7 #3: `timestamp` a real date-time in UTC+8, within the window. */
  checkClock: Check<WinitRequest>;
  /** §7 #4–#5: `sign`, then `client_sign` in app mode. */
  verifySignature: Check<WinitRequest>;
}

export function createWinitVerifier(config: WinitGatewayConfig): WinitVerifier {
  const { accounts, clients, utcOffsetMinutes: offset } = config;
  const zone = `UTC${offset >= 0 ? '+' : '-'}${Math.abs(offset) / 60}`;
  const debug = (request: WinitRequest, placeholder: string): Record<string, string> => ({
    [WINIT_STRING_TO_SIGN_HEADER]: Buffer.from(
      buildStringToSign(request.fields, request.dataString, placeholder),
      'utf8',
    ).toString('base64'),
  });

  /** §5 [assumed] `strictDataBytes`: the raw data text must be canon(data) itself. */
  const checkDataBytes = (request: WinitRequest) => {
    const raw = rawTopLevelMember(request.body, 'data');
    const expected = request.dataString === '' ? undefined : request.dataString;
    const rawIsEmpty = raw === undefined || isEmptyData(JSON.parse(raw));
    if (expected === undefined ? rawIsEmpty : raw === expected) return undefined;
    return winitRefusal(
      WINIT_CODES.badSign,
      'data',
      `text ${quote(raw ?? '(absent)', 120)} is not the canonical DATA byte for byte (strictDataBytes)`,
      `${quote(expected ?? '""', 120)} (compact, keys sorted by UTF-16 code unit, nulls dropped)`,
      undefined,
      debug(request, TOKEN_PLACEHOLDER),
    );
  };

  const verifyClientSign = (request: WinitRequest) => {
    const { clientId, clientSign } = request;
    if (clientId === undefined || clientId.trim() === '') {
      return winitRefusal(
        WINIT_CODES.badClientSign,
        'client_id',
        config.requireClientSign
          ? 'is required: this sandbox requires app mode (requireClientSign)'
          : 'is required with client_sign',
        'both client_id and client_sign (app mode)',
      );
    }
    if (clientSign === undefined || clientSign.trim() === '') {
      return winitRefusal(
        WINIT_CODES.badClientSign,
        'client_sign',
        'is required with client_id',
        'both client_id and client_sign (app mode)',
        undefined,
        debug(request, CLIENT_SECRET_PLACEHOLDER),
      );
    }
    if (!HEX32.test(clientSign)) {
      return winitRefusal(
        WINIT_CODES.badClientSign,
        'client_sign',
        `${quote(clientSign)} is not an MD5`,
        MD5_HEX,
        undefined,
        debug(request, CLIENT_SECRET_PLACEHOLDER),
      );
    }
    const expected = computeSign(request.fields, request.dataString, request.clientSecret ?? '');
    if (signaturesEqual(expected, clientSign)) return undefined;
    const signature = failure(request, 'client_sign', expected, clientSign);
    return winitRefusal(
      WINIT_CODES.badClientSign,
      'client_sign',
      `does not match; see header ${WINIT_STRING_TO_SIGN_HEADER}`,
      'uppercase MD5 of client_secret + action…version + client_secret over the same fields and data',
      signature.mistake?.hint,
      debug(request, CLIENT_SECRET_PLACEHOLDER),
      signature,
    );
  };

  return {
    identify(request) {
      const appKey = request.fields.app_key;
      const token = accounts.get(appKey);
      if (token === undefined) {
        return winitRefusal(
          WINIT_CODES.unknownUser,
          'app_key',
          `${quote(appKey)} is not a sandbox account`,
          `one of ${[...accounts.keys()].join(', ')}`,
        );
      }
      const { clientId } = request;
      const clientSecret =
        clientId !== undefined && Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
      if (clientId !== undefined && clientSecret === undefined) {
        return winitRefusal(
          WINIT_CODES.unknownUser,
          'client_id',
          `${quote(clientId)} is not a sandbox app`,
          `one of ${Object.keys(clients).join(', ')}`,
        );
      }
      request.token = token;
      request.clientSecret = clientSecret;
      return undefined;
    },

    checkClock(request) {
      const { timestamp } = request.fields;
      const sentAt = parseWinitTimestamp(timestamp, offset);
      if (sentAt === undefined) {
        return winitRefusal(
          WINIT_CODES.badTimestamp,
          'timestamp',
          `${quote(timestamp)} is not a real date-time`,
          `yyyy-MM-dd HH:mm:ss (24-hour, zero-padded, ${zone})`,
        );
      }
      const window = config.timestampWindowMs;
      if (window === false) return undefined;
      const { now } = request;
      const drift = sentAt - now;
      if (Math.abs(drift) <= window) return undefined;
      return winitRefusal(
        WINIT_CODES.badTimestamp,
        'timestamp',
        `${quote(timestamp)} is ${Math.round(Math.abs(drift) / 1000)} s ${drift < 0 ? 'behind' : 'ahead of'} the sandbox clock ${formatWinitTimestamp(now, offset)} (${zone})`,
        `within the allowed skew ±${Math.round(window / 1000)} s`,
        zoneHint(drift, offset, zone),
      );
    },

    verifySignature(request) {
      const { sign } = request;
      if (!HEX32.test(sign)) {
        return winitRefusal(
          WINIT_CODES.badSign,
          'sign',
          /^[0-9a-fA-F]{32}$/.test(sign) ? 'is lowercase' : `has ${sign.length} characters`,
          MD5_HEX,
          /^[0-9a-fA-F]{32}$/.test(sign) ? 'hex must be UPPERCASE' : undefined,
          debug(request, TOKEN_PLACEHOLDER),
        );
      }
      const expected = computeSign(request.fields, request.dataString, request.token);
      if (!signaturesEqual(expected, sign)) {
        const signature = failure(request, 'sign', expected, sign);
        return winitRefusal(
          WINIT_CODES.badSign,
          'sign',
          `does not match; see header ${WINIT_STRING_TO_SIGN_HEADER}`,
          'uppercase MD5 of token + action…version + token over the received fields and canonical data (sorted keys, nulls dropped)',
          signature.mistake?.hint,
          debug(request, TOKEN_PLACEHOLDER),
          signature,
        );
      }
      if (config.strictDataBytes) {
        const refused = checkDataBytes(request);
        if (refused) return refused;
      }
      const appMode =
        config.requireClientSign ||
        request.clientId !== undefined ||
        request.clientSign !== undefined;
      return appMode ? verifyClientSign(request) : undefined;
    },
  };
}
