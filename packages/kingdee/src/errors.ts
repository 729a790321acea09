import { createErrorFactory, type ErrorFactory, type ErrorTable, type InvError } from '@inv/core';
import { KINGDEE_ERROR_TABLE } from '@inv/kingdee-protocol';
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

/** Maps Kingdee refusals through `table` (§7; a code missing from it → `ProviderError`). */
export function createKingdeeErrors(
  table: ErrorTable = KINGDEE_ERROR_TABLE,
  secrets: Iterable<string | undefined> = [],
): (failure: KingdeeFailure) => InvError {
  const toError: ErrorFactory = createErrorFactory({
    provider: KINGDEE_PROVIDER_ID,
    table,
    secrets,
  });
  return (failure) => {
    const code = String(failure.errcode);
    const description =
      failure.description ?? failure.descriptionCn ?? table[code]?.name ?? 'no description';
    return toError({
      code,
      message:
        failure.descriptionCn && failure.descriptionCn !== description
          ? `${description} (${failure.descriptionCn})`
          : description,
      retryAfterMs: failure.retryAfterMs,
      details: {
        errcode: code,
        description: failure.description ?? undefined,
        descriptionCn: failure.descriptionCn ?? undefined,
        status: failure.status,
        operation: failure.operation,
      },
    });
  };
}

const defaultErrors = createKingdeeErrors();

/** Builds the core error for a Kingdee code through the default table (tests, one-off use). */
export function kingdeeError(failure: KingdeeFailure): InvError {
  return defaultErrors(failure);
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
