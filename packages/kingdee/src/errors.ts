import {
  AuthError,
  ConfigError,
  InvalidRequestError,
  type InvError,
  ProviderError,
  RateLimitedError,
  SignatureError,
  TokenExpiredError,
  UnsupportedError,
} from '@inv/core';
import {
  KINGDEE_ERROR_TABLE,
  type KingdeeErrorRule,
  type KingdeeErrorTable,
} from '@inv/kingdee-protocol';
import { KINGDEE_PROVIDER_ID } from './constants.js';

/** A Kingdee refusal as answered. */
export interface KingdeeFailure {
  errcode: number | string;
  description?: string | null | undefined;
  descriptionCn?: string | null | undefined;
  /** HTTP status of the answer (519 for gateway errors, 200 for business errors, 429). */
  status: number;
  operation?: string | undefined;
  retryAfterMs?: number | undefined;
}

/** Builds the core error for a Kingdee code through `table` (unknown non-zero → ProviderError). */
export function kingdeeError(
  failure: KingdeeFailure,
  table: KingdeeErrorTable = KINGDEE_ERROR_TABLE,
): InvError {
  const code = String(failure.errcode);
  const rule: KingdeeErrorRule = table[code] ?? { kind: 'provider', name: 'unknown code' };
  const description = failure.description ?? failure.descriptionCn ?? rule.name;
  const providerMessage =
    failure.descriptionCn && failure.descriptionCn !== description
      ? `${description} (${failure.descriptionCn})`
      : description;
  const options = {
    provider: KINGDEE_PROVIDER_ID,
    providerCode: code,
    retryable: rule.retryable ?? false,
    details: {
      errcode: code,
      description: failure.description ?? undefined,
      descriptionCn: failure.descriptionCn ?? undefined,
      constant: rule.name,
      status: failure.status,
      operation: failure.operation,
      refreshToken: rule.refreshToken ?? false,
    },
  };
  const message = `Kingdee answered ${code} ${rule.name}: ${providerMessage}${rule.hint ? ` (${rule.hint})` : ''}`;
  switch (rule.kind) {
    case 'auth':
      return new AuthError(message, options);
    case 'signature':
      return new SignatureError(message, options);
    case 'token-expired':
      return new TokenExpiredError(message, options);
    case 'rate-limited':
      return new RateLimitedError(message, { ...options, retryAfterMs: failure.retryAfterMs });
    case 'config':
      return new ConfigError('domain', message, options);
    case 'invalid-request':
      return new InvalidRequestError(code, providerMessage, options);
    case 'unsupported':
      return new UnsupportedError(code, providerMessage, options);
    case 'provider':
      return new ProviderError(code, providerMessage, options);
  }
}

/** True when the error asks for one token refresh and one repeat of the call (§2). */
export function needsTokenRefresh(error: unknown): boolean {
  return (
    error instanceof Error &&
    'details' in error &&
    (error as InvError).provider === KINGDEE_PROVIDER_ID &&
    (error as InvError).details?.refreshToken === true
  );
}
