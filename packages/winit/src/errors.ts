import {
  AuthError,
  InvalidRequestError,
  type InvError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  UnsupportedError,
} from '@inv/core';
import { WINIT_ERROR_TABLE, type WinitErrorKind, type WinitErrorTable } from '@inv/winit-protocol';

const THROTTLE_TEXT = /频繁|limit/i;

/** Hints for the errors built by {@link winitError}. */
export interface WinitErrorContext {
  /** Operation label (e.g. `inventory.bySkus chunk 2/3`). */
  operation?: string | undefined;
  /** The action that failed. */
  action?: string | undefined;
}

/**
 * Builds the typed error for a non-success answer. A `msg` mentioning throttling (频繁/limit) is
 * a {@link RateLimitedError} whatever the code (§8). `code` and `msg` are kept verbatim.
 */
export function winitError(
  code: string | number,
  msg: string,
  table: WinitErrorTable = WINIT_ERROR_TABLE,
  context: WinitErrorContext = {},
): InvError {
  const providerCode = String(code);
  const options = {
    provider: 'winit',
    details: { operation: context.operation, action: context.action, providerMessage: msg },
  };
  const kind: WinitErrorKind = THROTTLE_TEXT.test(msg)
    ? 'rate-limited'
    : (table[providerCode] ?? 'provider');
  const text = `winit answered ${providerCode}: ${msg}`;
  switch (kind) {
    case 'invalid-request':
      return new InvalidRequestError(providerCode, msg, options);
    case 'auth':
      return new AuthError(`${text} (check app_key/token, client_id and the clock)`, {
        ...options,
        providerCode,
      });
    case 'signature':
      return new SignatureError(
        `${text} (check the token/client_secret and that the sent data is the signed data)`,
        { ...options, providerCode },
      );
    case 'rate-limited':
      return new RateLimitedError(`${text} (lower rateLimit.limit or wait)`, {
        ...options,
        providerCode,
      });
    case 'unsupported':
      return new UnsupportedError(providerCode, msg, options);
    case 'transient':
      return new ProviderError(providerCode, msg, { ...options, retryable: true });
    default:
      return new ProviderError(providerCode, msg, options);
  }
}
