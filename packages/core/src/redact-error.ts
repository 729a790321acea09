/**
 * Redaction of whole errors (SECURITY.md, "Secrets"): an `InvError` carries no secret in its
 * message, stack, details, other own fields or anywhere along its cause chain, in any rendering
 * (`JSON.stringify`, `util.inspect`, `String`). Foreign causes are replaced by redacted copies when
 * the error is built, so nothing is mutated after it is thrown.
 */
import type { InvError } from './inv-error.js';
import { createRedactor, type Redactor, redactBodySnippet, redactValue } from './redact.js';

/**
 * The redactor errors use: credential-named JSON members (`"appSecret":"…"`, `"sign":"…"`, even cut
 * off) lose their values whatever they are, then every known secret value is scrubbed.
 */
export function errorRedactor(secrets: Iterable<string | undefined | null>): Redactor {
  const values = createRedactor(secrets);
  return (text) => redactBodySnippet(text, values);
}

const NOT_JSON = ' is not valid JSON';

/**
 * `JSON.parse` quotes the text it failed on (`Unexpected token 'x', "…secret…" is not valid JSON`),
 * the whole of a short body or ~10 characters around the fault: a piece of a secret the redactor
 * cannot recognise. The quote goes; the kind of fault stays.
 */
export function withoutJsonContext(message: string): string {
  if (!message.endsWith(NOT_JSON)) return message;
  const quote = message.indexOf('"');
  const head = (quote < 0 ? message.slice(0, -NOT_JSON.length) : message.slice(0, quote))
    .replace(/[\s,.]+$/, '')
    .trim();
  return `${head ? `${head}: ` : ''}not valid JSON (the text is left out of this message)`;
}

const MAX_DEPTH = 8;

/**
 * A redacted cause chain. A foreign error is replaced by a copy (name, message, stack, its own
 * enumerable fields such as `code`, and its cause, each redacted) when redaction changes any of
 * them, and passed through untouched otherwise, as is an `inv` error; other values are deep-copied
 * with every string redacted.
 */
export function redactCause(
  cause: unknown,
  redact: Redactor,
  isInv: (value: unknown) => value is InvError,
  depth = 0,
): unknown {
  if (cause === undefined) return undefined;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (isInv(cause)) return redactedInvError(cause, redact, isInv, {}, depth);
  if (!(cause instanceof Error)) return redactValue(cause, redact);
  const message = redact(withoutJsonContext(cause.message));
  const stack = redactStack(cause, message, redact);
  const inner = (cause as { cause?: unknown }).cause;
  const innerCopy = redactCause(inner, redact, isInv, depth + 1);
  // Own fields (`code`, `errno`, a fetch error's `data`, …) show in `util.inspect`: plain data only.
  const fields: Record<string, unknown> = {};
  let changed = message !== cause.message || stack !== cause.stack || innerCopy !== inner;
  for (const [key, value] of Object.entries(cause)) {
    if (key === 'cause' || key === 'message' || key === 'stack') continue;
    if (typeof value !== 'string' && typeof value !== 'number' && !isPlain(value)) {
      changed = true;
      continue;
    }
    const copy = redactValue(value, redact);
    changed ||= JSON.stringify(copy) !== JSON.stringify(value);
    fields[key] = copy;
  }
  if (!changed) return cause;
  const copy = new Error(message, innerCopy === undefined ? undefined : { cause: innerCopy });
  Object.assign(copy, fields);
  copy.name = cause.name;
  copy.stack = stack;
  return copy;
}

/** The stack with the message in its header replaced by the redacted one, then redacted whole. */
function redactStack(error: Error, message: string, redact: Redactor): string | undefined {
  const stack = error.stack;
  if (typeof stack !== 'string') return undefined;
  const at = error.message === '' ? -1 : stack.indexOf(error.message);
  const rebuilt =
    at < 0 ? stack : stack.slice(0, at) + message + stack.slice(at + error.message.length);
  return redact(rebuilt);
}

const isPlain = (value: unknown): boolean =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null));

/** What {@link redactedInvError} may change besides redacting. */
export interface InvErrorChanges {
  message?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

const REBUILT = new Set<PropertyKey>(['message', 'stack', 'cause', 'details']);

/**
 * A copy of an `inv` error (same class, same fields) with `changes` applied and every string
 * redacted, or the error itself when that changes nothing. How the transport adds the operation
 * and its own secrets to an error an interpreter threw, without mutating it.
 */
export function redactedInvError(
  error: InvError,
  redact: Redactor,
  isInv: (value: unknown) => value is InvError,
  changes: InvErrorChanges = {},
  depth = 0,
): InvError {
  const message = redact(changes.message ?? error.message);
  const detailsIn = changes.details ?? error.details;
  const details =
    detailsIn === undefined
      ? undefined
      : (redactValue(detailsIn, redact) as Record<string, unknown>);
  const cause =
    error.cause === undefined ? undefined : redactCause(error.cause, redact, isInv, depth + 1);
  const fields = new Map<PropertyKey, PropertyDescriptor>();
  let changed =
    message !== error.message ||
    cause !== error.cause ||
    JSON.stringify(details) !== JSON.stringify(error.details);
  for (const key of Reflect.ownKeys(error)) {
    if (REBUILT.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key) as PropertyDescriptor;
    const original: unknown = descriptor.value;
    if (typeof original === 'string') {
      const value = redact(original);
      changed ||= value !== original;
      fields.set(key, { ...descriptor, value });
    } else if (isPlain(original)) {
      // Plain data only (`issues`, …): other objects are kept as they are.
      const value = redactValue(original, redact);
      changed ||= JSON.stringify(value) !== JSON.stringify(original);
      fields.set(key, { ...descriptor, value });
    } else {
      fields.set(key, descriptor);
    }
  }
  const stack = redactStack(error, message, redact);
  if (!changed && stack === error.stack) return error;
  const copy = Object.create(Object.getPrototypeOf(error)) as InvError;
  for (const [key, descriptor] of fields) Object.defineProperty(copy, key, descriptor);
  const hidden = { configurable: true, writable: true, enumerable: false };
  Object.defineProperty(copy, 'message', { ...hidden, value: message });
  Object.defineProperty(copy, 'stack', { ...hidden, value: stack });
  if (cause !== undefined) Object.defineProperty(copy, 'cause', { ...hidden, value: cause });
  Object.defineProperty(copy, 'details', {
    configurable: true,
    writable: true,
    enumerable: true,
    value: details,
  });
  return copy;
}
