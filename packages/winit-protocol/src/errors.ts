/**
 * Error codes of docs/protocols/winit.md §7. ALL ASSUMED by this project [assumed]: Winit publishes no
 * code table, so these are never to be presented as Winit's. The sandbox answers them; the client
 * maps them (and any override) through {@link WinitErrorTable}.
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

/** Which core error class a Winit code becomes. `transient` is a retryable provider error. */
export type WinitErrorKind =
  | 'invalid-request'
  | 'auth'
  | 'signature'
  | 'rate-limited'
  | 'unsupported'
  | 'transient'
  | 'provider';

/** Code → error class. Override entries with the client option `errorCodes`. */
export type WinitErrorTable = Readonly<Record<string, WinitErrorKind>>;

/** The default table of §7 [assumed]. Codes not listed become a {@link ProviderError}. */
export const WINIT_ERROR_TABLE: WinitErrorTable = Object.freeze({
  '1001': 'invalid-request',
  '1002': 'auth',
  '1003': 'auth',
  '1004': 'signature',
  '1005': 'signature',
  '1006': 'rate-limited',
  '1007': 'unsupported',
  '2001': 'invalid-request',
  '9999': 'transient',
});

/** `String(code) === "0"`: numeric codes come from legacy endpoints; `msg` alone never decides (§6). */
export function isWinitSuccess(code: unknown): boolean {
  return String(code) === WINIT_CODES.success;
}
