import { createErrorFactory, type ErrorTable, type InvError } from '@inv/core';
import { WINIT_ERROR_TABLE } from '@inv/winit-protocol';

const THROTTLE_TEXT = /频繁|limit/i;

/** Hints for the errors built by {@link winitError}. */
export interface WinitErrorContext {
  /** Operation label (e.g. `inventory.bySkus chunk 2/3`). */
  operation?: string | undefined;
  /** The action that failed. */
  action?: string | undefined;
}

/** A non-success answer: `code` and `msg` as the gateway sent them. */
export type WinitErrors = (
  code: string | number,
  msg: string,
  context?: WinitErrorContext,
) => InvError;

/**
 * Maps non-success answers through `table` (§7 [assumed]; a code missing from it → `ProviderError`).
 * A `msg` mentioning throttling (频繁/limit) is a `RateLimitedError` whatever the code (§8). `code`
 * and `msg` are kept verbatim.
 */
export function createWinitErrors(
  table: ErrorTable = WINIT_ERROR_TABLE,
  secrets: Iterable<string | undefined> = [],
): WinitErrors {
  const toError = createErrorFactory({
    provider: 'winit',
    table,
    secrets,
    classify: (failure) =>
      THROTTLE_TEXT.test(failure.message)
        ? { kind: 'rate-limited', hint: 'lower rateLimit.limit or wait' }
        : undefined,
  });
  return (code, msg, context = {}) =>
    toError({
      code,
      message: msg,
      details: { operation: context.operation, action: context.action },
    });
}

const defaultErrors = createWinitErrors();

/** Builds the typed error for a non-success answer through the default table. */
export function winitError(
  code: string | number,
  msg: string,
  context: WinitErrorContext = {},
): InvError {
  return defaultErrors(code, msg, context);
}
