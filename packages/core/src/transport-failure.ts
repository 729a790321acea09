/**
 * How the transport words a failure: the cause of a network error without the signed URL, the
 * final error naming the operation and the attempts made.
 */
import { InvError } from './inv-error.js';
import type { Redactor } from './redact.js';
import { redactedInvError } from './redact-error.js';

/** A copy of `error` with every occurrence of `text` replaced, or `error` itself when it has none. */
export function withoutText(error: unknown, text: string, replacement: string): unknown {
  if (!(error instanceof Error) || text === replacement) return error;
  const mentions = (value: string | undefined): boolean => value?.includes(text) ?? false;
  const nested = (error as { cause?: unknown }).cause;
  const nestedMessage = nested instanceof Error ? nested.message : undefined;
  if (!mentions(error.message) && !mentions(error.stack) && !mentions(nestedMessage)) return error;
  const scrub = (value: string): string => value.split(text).join(replacement);
  const copy = new Error(scrub(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : scrub(error.stack);
  const code =
    (error as { code?: unknown }).code ?? (nested as { code?: unknown } | undefined)?.code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

export const isInvError = (value: unknown): value is InvError => value instanceof InvError;

/**
 * Makes the final error say where it happened and how hard we tried: the operation (which chunk or
 * page of a sync) goes into `details.operation` and the message, and the attempt count when retries
 * were exhausted. Interpreters throw without knowing the operation; the transport does know it.
 * The error thrown is a redacted copy: the interpreter's error is never mutated.
 */
export function describeFailure(
  error: InvError,
  operation: string | undefined,
  attempts: number | undefined,
  redact: Redactor,
): InvError {
  const known =
    error.details?.operation !== undefined ||
    (operation !== undefined && error.message.includes(operation));
  let message = error.message;
  let details = error.details;
  if (operation !== undefined && !known) {
    message = `${operation}: ${message}`;
    details = { ...details, operation };
  }
  if (attempts !== undefined) message = `${message} (gave up after ${attempts} attempts)`;
  return redactedInvError(error, redact, isInvError, { message, details });
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code =
      (error as { code?: unknown; cause?: { code?: unknown } }).code ??
      (error as { cause?: { code?: unknown } }).cause?.code;
    return code ? `${error.message} (${String(code)})` : error.message;
  }
  return String(error);
}
