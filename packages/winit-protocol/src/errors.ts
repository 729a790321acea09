import type { ErrorKind, ErrorTable } from '@inv/core';

/**
 * Error codes of docs/protocols/winit.md §7. ALL ASSUMED by this project [assumed]: Winit publishes no
 * code table, so these are never to be presented as Winit's. The sandbox answers them; the client
 * maps them (and any override of the `errorTable` option) through {@link WINIT_ERROR_TABLE}.
 */
export const WINIT_CODES = Object.freeze({
  success: '0',
  invalidEnvelope: '1001',
  unknownUser: '1002',
  badTimestamp: '1003',
  badSign: '1004',
  badClientSign: '1005',
  rateLimited: '1006',
  unknownAction: '1007',
  invalidData: '2001',
  internal: '9999',
} as const);

/** Message prefixes the sandbox answers with, per code (§7). */
export const WINIT_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  '1001': '系统参数错误',
  '1002': '用户不存在',
  '1003': '时间戳无效或已过期',
  '1004': '签名验证失败',
  '1005': '应用签名验证失败',
  '1006': '请求过于频繁',
  '1007': '接口不存在',
  '2001': '参数校验失败',
  '9999': '系统异常',
});

/**
 * Kinds of the deprecated client option `errorCodes` (code → kind): the core kinds, plus
 * `transient`, a retryable provider error (`{ kind: 'provider', retryable: true }` in a table).
 * @deprecated Write `errorTable` rules (`ErrorRule` of `@inv/core`) instead.
 */
export type WinitErrorKind = Exclude<ErrorKind, 'token-expired' | 'config'> | 'transient';

/** @deprecated Use `ErrorTable` from `@inv/core`: both providers share one error table shape. */
export type WinitErrorTable = ErrorTable;

const CHECK_CREDENTIALS = 'check app_key/token, client_id and the clock';
const CHECK_SIGNING = 'check the token/client_secret and that the sent data is the signed data';

/**
 * The default table of §7 [assumed]; codes not listed become a `ProviderError`. Override or
 * extend entries with the client option `errorTable`.
 */
export const WINIT_ERROR_TABLE: ErrorTable = Object.freeze({
  '1001': { kind: 'invalid-request' },
  '1002': { kind: 'auth', hint: CHECK_CREDENTIALS },
  '1003': { kind: 'auth', hint: CHECK_CREDENTIALS },
  '1004': { kind: 'signature', hint: CHECK_SIGNING },
  '1005': { kind: 'signature', hint: CHECK_SIGNING },
  '1006': { kind: 'rate-limited', hint: 'lower rateLimit.limit or wait' },
  '1007': { kind: 'unsupported' },
  '2001': { kind: 'invalid-request' },
  // A transient internal failure; every action the client sends is a query, so repeating is safe.
  '9999': { kind: 'provider', retryable: true },
});

/** `String(code) === "0"`: numeric codes come from legacy endpoints; `msg` alone never decides (§6). */
export function isWinitSuccess(code: unknown): boolean {
  return String(code) === WINIT_CODES.success;
}
