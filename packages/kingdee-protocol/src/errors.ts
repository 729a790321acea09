import type { ErrorKind, ErrorRule, ErrorTable } from '@inv/core';
import { kingdeeReference } from './reference.js';

/** @deprecated Use `ErrorKind` from `@inv/core`: both providers share one error table shape. */
export type KingdeeErrorKind = ErrorKind;
/** @deprecated Use `ErrorRule` from `@inv/core`. */
export type KingdeeErrorRule = ErrorRule;
/** @deprecated Use `ErrorTable` from `@inv/core`. */
export type KingdeeErrorTable = ErrorTable;

/**
 * The one table mapping Kingdee codes to core errors (docs/protocols/kingdee.md §7). Gateway constants
 * come from the official Java SDK's `KDApiGwRespStatus`; codes marked [assumed] in the protocol are this
 * project's assumptions. Codes are keyed as text: gateway constants and business `errcode`s share
 * one table (§7). Override or extend entries with the client option `errorTable`.
 */
export const KINGDEE_ERROR_TABLE: ErrorTable = Object.freeze({
  '429': {
    kind: 'rate-limited',
    name: '已被限流 (rate limited)',
    retryable: true,
    hint: 'lower rateLimit.limit',
  },
  '4001': {
    kind: 'auth',
    name: 'AUTH_TYPE_NO_SUPPORT',
    hint: 'send X-Api-Auth-Version: 2.0',
  },
  '4002': { kind: 'auth', name: 'CLIENT_ID_IS_EMPTY', hint: 'set the clientId option' },
  '4003': {
    kind: 'auth',
    name: 'CLIENT_ID_IS_INVALID',
    hint: 'check the clientId option against your app on open.jdy.com',
  },
  '4004': { kind: 'auth', name: 'CLIENT_SECRET_IS_EMPTY', hint: 'set the clientSecret option' },
  '4005': {
    kind: 'auth',
    name: 'CLIENT_ID_SECRET_IS_INVALID',
    hint: 'check clientId and clientSecret',
  },
  '4006': {
    kind: 'auth',
    name: 'X_API_TIMESTAMP_IS_INVALID',
    hint: 'the machine clock must be within 5 minutes of the gateway',
  },
  '4007': {
    kind: 'auth',
    name: 'X_API_SIGNHEADERS_IS_INVALID',
    hint: 'X-Api-SignHeaders must name X-Api-TimeStamp and X-Api-Nonce, and every request needs a fresh nonce',
  },
  '4008': {
    kind: 'signature',
    name: 'X_API_SIGNATURE_IS_INVALID',
    hint: `check clientSecret and the query canonicalisation: ${kingdeeReference('4')} and ${kingdeeReference('5.1')}`,
  },
  '4009': { kind: 'auth', name: 'ACCESS_TOKEN_IS_EMPTY', refreshToken: true },
  '4010': { kind: 'auth', name: 'ACCESS_TOKEN_IS_INVALID', refreshToken: true },
  '4011': { kind: 'token-expired', name: 'ACCESS_TOKEN_IS_EXPIRED', refreshToken: true },
  '4012': {
    kind: 'auth',
    name: 'NO_PERMISSION_INVOKE_API',
    hint: 'subscribe the app to this API on open.jdy.com',
  },
  '5000': { kind: 'provider', name: 'INTERNAL_SERVICE_FAIL', retryable: true },
  '5001': { kind: 'unsupported', name: 'API_NOT_FOUND' },
  '5002': { kind: 'unsupported', name: 'METHOD_NOT_ALLOWED' },
  '5003': {
    kind: 'config',
    option: 'domain',
    name: 'API_UNAVAILABLE',
    hint: 'X-GW-Router-Addr must be the account domain returned by push_app_authorize',
  },
  '5004': { kind: 'provider', name: 'API_TIMEOUT', retryable: true },
  '5005': { kind: 'provider', name: 'API_REQUEST_CANCEL' },
  '5006': { kind: 'rate-limited', name: 'API_REQUEST_FUSE', retryable: true },
  '5007': { kind: 'rate-limited', name: 'API_REQUEST_OVERLOAD', retryable: true },
  '1000202001': { kind: 'token-expired', name: 'JWT token has expired', refreshToken: true },
  '1000202002': { kind: 'auth', name: 'app-token无效', refreshToken: true },
  '1030002006': {
    kind: 'auth',
    name: '授权密钥校验失败，请获取最新密钥加密 (stale appSecret)',
    refreshToken: true,
    hint: 'appSecret rotates about every 24 h: configure outerInstanceId so the client fetches the current one',
  },
  '2000001000': { kind: 'invalid-request', name: '参数错误' },
  // A transient internal failure (§7); every call inv makes is a read, so repeating it is safe.
  '2000002000': { kind: 'provider', name: '系统错误,请到开发者社区提单反馈', retryable: true },
});
